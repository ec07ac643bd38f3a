// One pass over one source for the plan: every row read once with the stage's reader and handed
// to the column profilers, to the scope filter of every mapping from the source, and — for rows
// in a mapping's scope — to that mapping's field probes. The first rows are kept (bounded) for
// the throughput probes of the estimate.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/spec/spec.h"
#include "planner/coverage/field_probe.h"
#include "planner/profile/column_profiler.h"
#include "planner/scan/plan_source.h"

namespace crm::plan {

struct ScanOptions {
  int64_t sample_rows = 100000;  // rows the sampled checks (type inference, chains) run on
  int64_t kept_rows = 5000;      // rows kept for the estimate's throughput probes
  ProfileLimits limits;          // its kind_rows is set from sample_rows
};

// Rows of one source in and out of one mapping's `where` (every row is in without a filter).
struct ScopeCount {
  std::string source, entity;
  size_t mapping = 0;
  int64_t in = 0, out = 0;
};

struct SourceScan {
  std::string name;
  std::string kind;  // csv | jsonl | sql
  int64_t rows = 0;     // rows read (rejects not counted)
  int64_t rejects = 0;  // records the reader refused (bad field count, encoding, JSON)
  std::vector<std::string> decisions;
  std::vector<std::string> sniffed_keys;  // JSON Lines: the keys found in the first lines
  std::vector<ColumnProfile> columns;
  std::vector<ScopeCount> scope;
  std::vector<FieldProbeResult> fields;
  std::vector<std::string> column_names;  // of `kept`
  std::vector<std::vector<std::optional<std::string>>> kept;  // the first kept_rows rows
  double seconds = 0;         // the whole pass
  double read_seconds = 0;    // of it, inside the reader
  double chain_seconds = 0;   // of it, running the field probes on the sampled rows
  int64_t chain_rows = 0;     // sampled rows the chain seconds are over
};

// Reads `opened` to its end. Throws crm::Error(kSpec) for a where filter or chain the stage would
// refuse, kIo when the source fails while being read.
SourceScan ScanSource(const spec::Spec& spec, const spec::Source& source, PlanSource opened,
                      const ScanOptions& options, Progress& progress);

}  // namespace crm::plan
