// The most frequent values of a stream in bounded memory: Space-Saving (Metwally, Agrawal and
// El Abbadi 2005) with `capacity` counters. Every value more frequent than rows / capacity is
// guaranteed to be kept; a kept value's count overestimates its true count by at most its
// `error`. While no counter was ever replaced (at most `capacity` distinct values), every count
// is exact.
//
// Lookups compare one byte of the caller's 64-bit value hash over a small flat array first
// (capacity is tens, a loop the compiler vectorises), the counter to replace is found from a cursor among those at the
// current minimum count (amortised constant time instead of a scan per new value), and a replaced
// counter reuses its string's buffer, so a value costs no allocation once the buffers have grown
// to the longest values seen.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace crm::plan {

struct HeavyHitter {
  std::string value;
  int64_t count = 0;  // an upper bound of the true count
  int64_t error = 0;  // count - error is a lower bound; 0 when exact
};

class HeavyHitters {
 public:
  explicit HeavyHitters(size_t capacity = 64);

  // `hash` identifies `value` (equal hashes are taken as equal values).
  void Add(uint64_t hash, std::string_view value);

  // The `limit` most frequent, by count descending then value ascending.
  std::vector<HeavyHitter> Top(size_t limit) const;
  // True while every count is exact (no counter was ever replaced).
  bool exact() const { return !replaced_; }

 private:
  size_t capacity_;
  std::vector<uint64_t> hashes_;
  std::vector<uint8_t> tags_;  // the top byte of each hash
  std::vector<int64_t> counts_;
  std::vector<int64_t> errors_;
  std::vector<std::string> values_;
  bool replaced_ = false;
  // Once full: the smallest count, how many counters have it, and where the search for the next
  // one to replace resumes.
  int64_t min_count_ = 0;
  size_t at_min_ = 0;
  size_t cursor_ = 0;

  void FindMinimum();
};

}  // namespace crm::plan
