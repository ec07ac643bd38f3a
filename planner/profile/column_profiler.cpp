#include "planner/profile/column_profiler.h"

#include <algorithm>

#include "core/common/text.h"
#include "planner/profile/value_shape.h"
#include "staging/landing/hash.h"

namespace crm::plan {
namespace {

int64_t CodePoints(std::string_view value) {
  int64_t n = 0;
  for (char c : value) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

}  // namespace

ColumnProfiler::ColumnProfiler(std::string name, std::string default_region,
                               const ProfileLimits& limits)
    : limits_(limits),
      distinct_(limits.exact_distinct, limits.hll_precision),
      top_(limits.top_capacity),
      shapes_(limits.top_capacity),
      kind_(std::move(default_region)) {
  profile_.name = std::move(name);
}

void ColumnProfiler::Add(std::string_view value, bool is_null) {
  ++profile_.rows;
  if (is_null) {
    ++profile_.nulls;
    return;
  }
  if (TrimView(value).empty()) {
    ++profile_.empty;
    return;
  }
  const uint64_t hash = staging::Hash64(value);
  distinct_.Add(hash);
  top_.Add(hash, value);
  char shape_buffer[kMaxShapeBytes];
  const std::string_view shape(shape_buffer, ValueShape(value, shape_buffer));
  shapes_.Add(staging::Hash64(shape), shape);

  const int64_t length = CodePoints(value);
  if (filled_ == 0 || length < profile_.min_length) profile_.min_length = length;
  profile_.max_length = std::max(profile_.max_length, length);
  ++filled_;

  if (limits_.kind_rows < 0 || kind_fed_ < limits_.kind_rows) {
    kind_.Add(value);
    ++kind_fed_;
  } else {
    kind_skipped_ = true;
  }
  if (sample_hashes_.size() < limits_.samples &&
      std::find(sample_hashes_.begin(), sample_hashes_.end(), hash) == sample_hashes_.end()) {
    sample_hashes_.push_back(hash);
    profile_.samples.emplace_back(value);
  }
}

ColumnProfile ColumnProfiler::Finish() const {
  ColumnProfile out = profile_;
  out.distinct = distinct_.Estimate();
  out.top = top_.Top(limits_.top_reported);
  out.top_exact = top_.exact();
  out.shapes = shapes_.Top(limits_.top_reported);
  out.shapes_exact = shapes_.exact();
  out.inferred = kind_.Result();
  out.inferred_sampled = kind_skipped_ || kind_.sampled();
  return out;
}

}  // namespace crm::plan
