#include "planner/profile/distinct_counter.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace crm::plan {

namespace {

constexpr uint64_t kEmpty = 0;
constexpr size_t kInitialSlots = 64;

}  // namespace

DistinctCounter::DistinctCounter(size_t exact_limit, int precision)
    : exact_limit_(exact_limit), precision_(precision) {
  assert(precision >= 4 && precision <= 18);
  slots_.assign(kInitialSlots, kEmpty);
}

void DistinctCounter::Grow() {
  std::vector<uint64_t> old(slots_.size() * 2, kEmpty);
  old.swap(slots_);
  const size_t mask = slots_.size() - 1;
  for (uint64_t h : old) {
    if (h == kEmpty) continue;
    size_t i = static_cast<size_t>(h) & mask;
    while (slots_[i] != kEmpty) i = (i + 1) & mask;
    slots_[i] = h;
  }
}

void DistinctCounter::Add(uint64_t hash) {
  if (!registers_.empty()) {
    AddToSketch(hash);
    return;
  }
  if (hash == kEmpty) {
    exact_count_ += has_empty_hash_ ? 0 : 1;
    has_empty_hash_ = true;
  } else {
    const size_t mask = slots_.size() - 1;
    size_t i = static_cast<size_t>(hash) & mask;
    while (slots_[i] != kEmpty) {
      if (slots_[i] == hash) return;
      i = (i + 1) & mask;
    }
    slots_[i] = hash;
    ++exact_count_;
    if (exact_count_ * 2 > slots_.size()) Grow();  // load stays at most one half
  }
  if (exact_count_ <= exact_limit_) return;
  // Past the limit: every hash seen so far goes into the sketch and the table is released.
  registers_.assign(size_t{1} << precision_, 0);
  for (uint64_t h : slots_) {
    if (h != kEmpty) AddToSketch(h);
  }
  if (has_empty_hash_) AddToSketch(kEmpty);
  std::vector<uint64_t>().swap(slots_);
}

void DistinctCounter::AddToSketch(uint64_t hash) {
  // The hash is already uniform (XXH64); the top `precision_` bits pick the register, the rank
  // of the first set bit among the rest is the observation.
  const size_t index = static_cast<size_t>(hash >> (64 - precision_));
  const uint64_t rest = (hash << precision_) | (uint64_t{1} << (precision_ - 1));
  const uint8_t rank = static_cast<uint8_t>(__builtin_clzll(rest) + 1);
  registers_[index] = std::max(registers_[index], rank);
}

DistinctEstimate DistinctCounter::Estimate() const {
  if (registers_.empty()) return {static_cast<int64_t>(exact_count_), true, 0};
  const double m = static_cast<double>(registers_.size());
  double sum = 0;
  size_t zeros = 0;
  for (uint8_t r : registers_) {
    sum += std::ldexp(1.0, -r);
    zeros += r == 0 ? 1 : 0;
  }
  const double alpha = 0.7213 / (1 + 1.079 / m);
  double estimate = alpha * m * m / sum;
  // Small range: linear counting is the better estimate while registers are still empty.
  if (estimate <= 2.5 * m && zeros > 0) estimate = m * std::log(m / static_cast<double>(zeros));
  // The sketch only starts past the exact limit, so fewer cannot be true.
  estimate = std::max(estimate, static_cast<double>(exact_limit_ + 1));
  return {static_cast<int64_t>(std::llround(estimate)), false, 1.04 / std::sqrt(m)};
}

}  // namespace crm::plan
