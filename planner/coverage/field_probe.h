// What one field mapping (entities.<e>.from[i].map.<field>) does to its source's data, measured
// during plan's one pass with the stage's own transform chain (staging/shaping/transform_chain.h):
//   - on every in-scope row: whether the field's input is NULL or blank (required fields that may
//     be empty), and the values its value_map or lookup does not know, with counts;
//   - on the first `sample_rows` in-scope rows: the whole chain, counting the values it cannot
//     turn into the field's type (type conflicts) and the values it leaves NULL. The chain parses
//     dates and phone numbers, which costs microseconds a value, so this part is sampled.
// The chain runs on `from` mappings; a template, concat or constant is checked for emptiness only.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/spec/spec.h"
#include "staging/readers/record.h"

namespace crm::plan {

struct FieldProbeResult {
  std::string entity, field, source;
  size_t mapping = 0;
  std::string column;         // the source column read (the first one of a template or concat)
  int64_t rows = 0;           // in-scope rows seen
  int64_t input_empty = 0;    // of them, rows whose input is NULL or blank
  bool chain_probed = false;  // the chain ran (a `from` mapping)
  int64_t checked = 0;        // non-blank inputs the chain ran on (the sample)
  int64_t failed = 0;         // of them, values the chain could not transform
  int64_t nulled = 0;         // of them, values the chain turned into NULL (failed or not)
  bool sampled = false;       // the chain ran on fewer in-scope rows than there were
  std::vector<std::pair<std::string, std::string>> failures;  // first few (raw value, reason)
  bool has_value_map = false;
  std::vector<std::pair<std::string, uint64_t>> misses;  // most frequent first
  uint64_t total_misses = 0;
};

class FieldProbe {
 public:
  // `columns`: the source's columns, in record field order. Throws crm::Error(kSpec) when the
  // chain cannot be built (the stage would refuse the spec the same way), kIo when a lookup table
  // of the target cannot be read.
  FieldProbe(const spec::Spec& spec, const spec::Entity& entity, size_t mapping_index,
             const spec::FieldMapping& mapping, const std::vector<std::string>& columns,
             int64_t sample_rows);
  ~FieldProbe();
  FieldProbe(FieldProbe&&) noexcept;
  FieldProbe& operator=(FieldProbe&&) noexcept;

  // One in-scope row of the source.
  void Row(const readers::Record& record);
  FieldProbeResult Finish() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace crm::plan
