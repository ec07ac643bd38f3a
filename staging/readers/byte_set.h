// Finds the bytes of a small set (up to five: the CSV delimiter, quote, escape, CR and LF) in a
// buffer: the CSV reader's inner loop. With SSE2 one 64-bit mask covers 64 bytes and each hit costs
// a count-trailing-zeros, which is what lets the reader parse at memory speed; the table loop is the
// portable fallback and handles the tail.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace crm::readers {

class ByteSet {
 public:
  // `bytes` holds one to five bytes; repeats are fine.
  explicit ByteSet(std::initializer_list<char> bytes) {
    size_t i = 0;
    char last = *bytes.begin();
    for (char byte : bytes) {
      member_[static_cast<unsigned char>(byte)] = true;
      last = byte;
#if defined(__SSE2__)
      if (i < kNeedles) needles_[i] = _mm_set1_epi8(byte);
#endif
      ++i;
    }
#if defined(__SSE2__)
    for (; i < kNeedles; ++i) needles_[i] = _mm_set1_epi8(last);
#endif
  }

  bool Contains(char byte) const { return member_[static_cast<unsigned char>(byte)]; }

  // Bit i is set when p[i] is in the set, for i < min(64, size).
  uint64_t Mask(const char* p, size_t size) const {
#if defined(__SSE2__)
    if (size >= 64) {
      uint64_t mask = 0;
      for (int part = 0; part < 4; ++part) {
        const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * part));
        __m128i hits = _mm_cmpeq_epi8(chunk, needles_[0]);
        for (size_t k = 1; k < kNeedles; ++k) {
          hits = _mm_or_si128(hits, _mm_cmpeq_epi8(chunk, needles_[k]));
        }
        mask |= static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(hits)))
                << (16 * part);
      }
      return mask;
    }
#endif
    uint64_t mask = 0;
    const size_t limit = size < 64 ? size : 64;
    for (size_t i = 0; i < limit; ++i) {
      if (member_[static_cast<unsigned char>(p[i])]) mask |= uint64_t{1} << i;
    }
    return mask;
  }

 private:
  static constexpr size_t kNeedles = 5;
  std::array<bool, 256> member_{};
#if defined(__SSE2__)
  __m128i needles_[kNeedles];
#endif
};

// Walks the positions of a ByteSet's members in p[0, size), one 64-byte mask at a time.
class ByteSetCursor {
 public:
  ByteSetCursor(const ByteSet& set, const char* p, size_t size)
      : set_(set), p_(p), size_(size), bits_(set.Mask(p, size)) {}

  // The first position >= pos holding a member, or size. `pos` never decreases between calls.
  size_t Next(size_t pos) {
    for (;;) {
      if (pos - base_ < 64) {
        const uint64_t rest = bits_ >> (pos - base_);
        if (rest != 0) return pos + static_cast<size_t>(__builtin_ctzll(rest));
        pos = base_ + 64;
      }
      if (pos >= size_) return size_;
      base_ = pos;
      bits_ = set_.Mask(p_ + pos, size_ - pos);
    }
  }

 private:
  const ByteSet& set_;
  const char* p_;
  size_t size_;
  size_t base_ = 0;
  uint64_t bits_;
};

}  // namespace crm::readers
