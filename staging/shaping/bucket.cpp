#include "staging/shaping/bucket.h"

#include <cmath>
#include <string>

namespace crm::staging {
namespace {

void Fnv(std::string_view bytes, uint64_t* h) {
  for (unsigned char c : bytes) {
    *h ^= c;
    *h *= 1099511628211ULL;
  }
}

}  // namespace

uint32_t SubsetBucket(int64_t seed, std::string_view source, std::string_view key,
                      bool stratify_by_source) {
  uint64_t h = 14695981039346656037ULL;
  const std::string_view separator("\x1f", 1);
  Fnv(std::to_string(seed), &h);
  Fnv(separator, &h);
  if (stratify_by_source) {
    Fnv(source, &h);
    Fnv(separator, &h);
  }
  Fnv(key, &h);
  // FNV alone mixes its last bytes poorly into the high bits; the finaliser spreads them.
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return static_cast<uint32_t>(h >> 32);
}

uint64_t SubsetLimit(double fraction) {
  if (!(fraction > 0)) return 0;
  if (fraction >= 1) return uint64_t{1} << 32;
  return static_cast<uint64_t>(std::floor(fraction * 4294967296.0));
}

}  // namespace crm::staging
