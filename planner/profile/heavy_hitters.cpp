#include "planner/profile/heavy_hitters.h"

#include <algorithm>
#include <numeric>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace crm::plan {
namespace {

// Bit i set when tags[i] == tag, for the 16 bytes at `tags`.
uint32_t MatchingTags(const uint8_t* tags, uint8_t tag) {
#if defined(__SSE2__)
  const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(tags));
  const __m128i wanted = _mm_set1_epi8(static_cast<char>(tag));
  return static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, wanted)));
#else
  uint32_t bits = 0;
  for (uint32_t i = 0; i < 16; ++i) bits |= static_cast<uint32_t>(tags[i] == tag) << i;
  return bits;
#endif
}

}  // namespace

HeavyHitters::HeavyHitters(size_t capacity) : capacity_(std::max<size_t>(capacity, 1)) {
  hashes_.reserve(capacity_);
  tags_.assign((capacity_ + 15) / 16 * 16, 0);  // whole 16-byte blocks
  counts_.reserve(capacity_);
  errors_.reserve(capacity_);
  values_.reserve(capacity_);
}

void HeavyHitters::FindMinimum() {
  min_count_ = *std::min_element(counts_.begin(), counts_.end());
  at_min_ = static_cast<size_t>(std::count(counts_.begin(), counts_.end(), min_count_));
}

void HeavyHitters::Add(uint64_t hash, std::string_view value) {
  // Most values of a long-tailed column are not kept. One byte of each kept hash is compared
  // first, sixteen at a time (SSE2, in every x86-64), and only byte hits compare whole hashes.
  const uint8_t tag = static_cast<uint8_t>(hash >> 56);
  const size_t size = hashes_.size();
  size_t found = size;
  for (size_t block = 0; block < size && found == size; block += 16) {
    uint32_t bits = MatchingTags(tags_.data() + block, tag);
    if (size - block < 16) bits &= (1u << (size - block)) - 1;
    for (; bits != 0; bits &= bits - 1) {
      const size_t i = block + static_cast<size_t>(__builtin_ctz(bits));
      if (hashes_[i] == hash) {
        found = i;
        break;
      }
    }
  }
  const bool full = hashes_.size() == capacity_;
  if (found < hashes_.size()) {
    if (full && counts_[found] == min_count_ && --at_min_ == 0) {
      ++counts_[found];
      FindMinimum();
      return;
    }
    ++counts_[found];
    return;
  }
  if (!full) {
    tags_[hashes_.size()] = tag;
    hashes_.push_back(hash);
    counts_.push_back(1);
    errors_.push_back(0);
    values_.emplace_back(value);
    if (hashes_.size() == capacity_) FindMinimum();
    return;
  }
  // A counter with the smallest count takes the new value; its count becomes the new value's
  // possible overestimate.
  while (counts_[cursor_] != min_count_) cursor_ = (cursor_ + 1) % capacity_;
  const size_t slot = cursor_;
  replaced_ = true;
  hashes_[slot] = hash;
  tags_[slot] = tag;
  errors_[slot] = counts_[slot];
  ++counts_[slot];
  values_[slot].assign(value.data(), value.size());
  if (--at_min_ == 0) FindMinimum();
}

std::vector<HeavyHitter> HeavyHitters::Top(size_t limit) const {
  std::vector<size_t> order(hashes_.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (counts_[a] != counts_[b]) return counts_[a] > counts_[b];
    return values_[a] < values_[b];
  });
  std::vector<HeavyHitter> top;
  for (size_t i = 0; i < order.size() && i < limit; ++i) {
    top.push_back({values_[order[i]], counts_[order[i]], errors_[order[i]]});
  }
  return top;
}

}  // namespace crm::plan
