// One column's profile, accumulated value by value in one streaming pass with bounded memory:
// counts of rows, NULLs and blanks, distinct values (DistinctCounter), lengths, the most frequent
// values and shapes (HeavyHitters), the inferred type (ColumnKindCounter, shared with `init`) and
// the first few distinct values as samples.
//
// Per value the hot path hashes the value and its shape once each and touches only fixed-size
// structures; it allocates only while the bounded structures are still filling. The type
// classifier runs on the first `kind_rows` values only (its checks parse dates and phone
// numbers), and the profile says when it was sampled.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "planner/profile/distinct_counter.h"
#include "planner/profile/heavy_hitters.h"
#include "planner/profile/value_kind.h"

namespace crm::plan {

struct ProfileLimits {
  size_t exact_distinct = 16384;  // distinct values counted exactly before HyperLogLog takes over
  int hll_precision = 14;         // 2^14 registers: 0.81% standard error
  size_t top_capacity = 64;       // Space-Saving counters for values and for shapes
  size_t top_reported = 10;       // top values and shapes in the profile
  size_t samples = 3;             // distinct sample values kept
  int64_t kind_rows = 100000;     // values classified for the inferred type; <0: every value
};

struct ColumnProfile {
  std::string name;
  int64_t rows = 0;
  int64_t nulls = 0;  // NULL: an unquoted empty CSV field, JSON null or a missing path, SQL NULL
  int64_t empty = 0;  // not NULL but empty or only whitespace
  DistinctEstimate distinct;  // of the values that are neither NULL nor empty
  int64_t min_length = 0;     // in code points, over the values that are neither NULL nor empty
  int64_t max_length = 0;
  std::vector<HeavyHitter> top;
  bool top_exact = true;
  std::vector<HeavyHitter> shapes;
  bool shapes_exact = true;
  ColumnKind inferred;
  bool inferred_sampled = false;  // the classifier saw only the first ProfileLimits::kind_rows
  std::vector<std::string> samples;  // raw, unmasked: the renderer masks PII
};

class ColumnProfiler {
 public:
  ColumnProfiler(std::string name, std::string default_region, const ProfileLimits& limits);

  void Add(std::string_view value, bool is_null);
  ColumnProfile Finish() const;

 private:
  ProfileLimits limits_;
  ColumnProfile profile_;
  int64_t filled_ = 0;  // values neither NULL nor empty
  DistinctCounter distinct_;
  HeavyHitters top_;
  HeavyHitters shapes_;
  ColumnKindCounter kind_;
  int64_t kind_fed_ = 0;
  bool kind_skipped_ = false;
  std::vector<uint64_t> sample_hashes_;
};

}  // namespace crm::plan
