// Per-thread results of the pure, costly steps of a chain (date, datetime, to_utc,
// country_iso2): their output depends on the input value alone, and real columns repeat values
// (a few hundred country spellings, a few thousand creation dates), so a hit replaces a parse
// that tries every declared format. A memo that finds too few repeats in its first lookups
// switches itself off (unique time stamps), so a miss costs one hash and nothing more.
// Not thread-safe: each mapping thread owns its StepMemos.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "staging/transforms/transform.h"

namespace crm::staging {

class StepMemo {
 public:
  // Applies `transform` (pure, no row context) to `in`, or returns the result it gave before.
  bool Apply(const transforms::Transform& transform, std::string_view in,
             transforms::TransformResult* out, std::string* error);

 private:
  static constexpr size_t kSlots = 1 << 14;         // direct-mapped, ~2 MB per step and thread
  static constexpr uint64_t kProbeLookups = 8192;  // lookups before judging the hit rate
  struct Entry {
    bool used = false, ok = false, is_null = false;
    std::string key, value, error;
  };
  std::vector<Entry> slots_;
  bool enabled_ = true;
  uint64_t lookups_ = 0, hits_ = 0;
};

// One StepMemo per memoised step of a RowMapper (ChainStep::memo).
using StepMemos = std::vector<StepMemo>;

// True for the registry transforms whose result depends on the input value alone.
bool IsMemoizable(std::string_view transform_name);

}  // namespace crm::staging
