// Distinct values of one column in bounded memory: exact (a set of 64-bit value hashes) up to
// `exact_limit` distinct values, then a HyperLogLog estimate (Flajolet et al. 2007, with the
// small-range correction) whose standard error is 1.04 / sqrt(2^precision).
//
// Callers pass the value's 64-bit hash (they already hash it for the top values), so nothing
// here allocates per value: the exact set is a flat open-addressing table of hashes that doubles
// while it fills (a node-based std::unordered_set cost a quarter of the profiling time in cache
// misses), the HyperLogLog registers are allocated when the limit is passed. Two different values with the same 64-bit hash count once;
// at a million values the chance of that is about 3e-8.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace crm::plan {

struct DistinctEstimate {
  int64_t value = 0;
  bool exact = true;
  double error = 0;  // relative standard error of `value`; 0 when exact
};

class DistinctCounter {
 public:
  // `precision`: HyperLogLog uses 2^precision one-byte registers (4..18).
  explicit DistinctCounter(size_t exact_limit = 16384, int precision = 14);

  void Add(uint64_t hash);
  DistinctEstimate Estimate() const;
  bool exact() const { return registers_.empty(); }

 private:
  void AddToSketch(uint64_t hash);
  void Grow();

  size_t exact_limit_;
  int precision_;
  std::vector<uint64_t> slots_;  // power-of-two size; kEmpty marks a free slot
  size_t exact_count_ = 0;
  bool has_empty_hash_ = false;  // the one hash equal to kEmpty, kept aside
  std::vector<uint8_t> registers_;  // empty while exact
};

}  // namespace crm::plan
