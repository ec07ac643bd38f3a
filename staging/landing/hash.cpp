#include "staging/landing/hash.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include "core/common/error.h"

namespace crm::staging {
namespace {

constexpr uint64_t kP1 = 11400714785074694791ULL;
constexpr uint64_t kP2 = 14029467366897019727ULL;
constexpr uint64_t kP3 = 1609587929392839161ULL;
constexpr uint64_t kP4 = 9650029242287828579ULL;
constexpr uint64_t kP5 = 2870177450012600261ULL;

inline uint64_t Rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }
inline uint64_t Load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
inline uint32_t Load32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
inline uint64_t Round(uint64_t acc, uint64_t input) {
  acc += input * kP2;
  acc = Rotl(acc, 31);
  return acc * kP1;
}
inline uint64_t MergeRound(uint64_t acc, uint64_t val) {
  acc ^= Round(0, val);
  return acc * kP1 + kP4;
}

// XXH64's state for hashing a stream in pieces (the file fingerprint reads 1 MiB at a time).
class Xxh64 {
 public:
  explicit Xxh64(uint64_t seed) : seed_(seed), v_{seed + kP1 + kP2, seed + kP2, seed, seed - kP1} {}

  void Update(const char* p, size_t n) {
    total_ += n;
    if (buffered_ + n < 32) {
      std::memcpy(buffer_ + buffered_, p, n);
      buffered_ += n;
      return;
    }
    if (buffered_ > 0) {
      const size_t fill = 32 - buffered_;
      std::memcpy(buffer_ + buffered_, p, fill);
      Stripe(buffer_);
      p += fill;
      n -= fill;
      buffered_ = 0;
    }
    while (n >= 32) {
      Stripe(p);
      p += 32;
      n -= 32;
    }
    std::memcpy(buffer_, p, n);
    buffered_ = n;
  }

  uint64_t Digest() const {
    uint64_t h;
    if (total_ >= 32) {
      h = Rotl(v_[0], 1) + Rotl(v_[1], 7) + Rotl(v_[2], 12) + Rotl(v_[3], 18);
      for (uint64_t v : v_) h = MergeRound(h, v);
    } else {
      h = seed_ + kP5;
    }
    h += total_;
    const char* p = buffer_;
    size_t n = buffered_;
    while (n >= 8) {
      h ^= Round(0, Load64(p));
      h = Rotl(h, 27) * kP1 + kP4;
      p += 8;
      n -= 8;
    }
    if (n >= 4) {
      h ^= static_cast<uint64_t>(Load32(p)) * kP1;
      h = Rotl(h, 23) * kP2 + kP3;
      p += 4;
      n -= 4;
    }
    while (n > 0) {
      h ^= static_cast<uint64_t>(static_cast<unsigned char>(*p)) * kP5;
      h = Rotl(h, 11) * kP1;
      ++p;
      --n;
    }
    h ^= h >> 33;
    h *= kP2;
    h ^= h >> 29;
    h *= kP3;
    h ^= h >> 32;
    return h;
  }

 private:
  void Stripe(const char* p) {
    v_[0] = Round(v_[0], Load64(p));
    v_[1] = Round(v_[1], Load64(p + 8));
    v_[2] = Round(v_[2], Load64(p + 16));
    v_[3] = Round(v_[3], Load64(p + 24));
  }

  uint64_t seed_;
  uint64_t v_[4];
  char buffer_[32];
  size_t buffered_ = 0;
  uint64_t total_ = 0;
};

}  // namespace

uint64_t Hash64(std::string_view data, uint64_t seed) {
  Xxh64 state(seed);
  state.Update(data.data(), data.size());
  return state.Digest();
}

uint64_t CombineHash(uint64_t running, uint64_t value) {
  return MergeRound(Rotl(running, 27) * kP1 + kP4, value);
}

void Hex64To(uint64_t value, char* out) {
  static const char kDigits[] = "0123456789abcdef";
  for (int i = 15; i >= 0; --i) {
    out[i] = kDigits[value & 0xF];
    value >>= 4;
  }
}

std::string Hex64(uint64_t value) {
  std::string out(16, '0');
  Hex64To(value, out.data());
  return out;
}

std::string FileFingerprint(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (!file) {
    throw Error(ErrorCategory::kIo, path + ": cannot open: " + std::strerror(errno));
  }
  Xxh64 state(0);
  std::vector<char> buffer(1u << 20);
  uint64_t size = 0;
  for (;;) {
    const size_t n = std::fread(buffer.data(), 1, buffer.size(), file.get());
    if (n == 0) break;
    state.Update(buffer.data(), n);
    size += n;
  }
  if (std::ferror(file.get())) {
    throw Error(ErrorCategory::kIo, path + ": cannot read: " + std::strerror(errno));
  }
  return "file:" + std::to_string(size) + ":" + Hex64(state.Digest());
}

}  // namespace crm::staging
