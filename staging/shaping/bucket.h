// Subset buckets: the value of `_crm_bucket` for a staged row, and the subset test on it.
//
// The hash is part of the staging contract and must never change between versions (a pilot
// subset re-run after a mapping fix must select the same records):
//   bytes  = decimal(seed) 0x1F [source 0x1F] key     (source only when stratified by source)
//   h      = FNV-1a 64 (offset 14695981039346656037, prime 1099511628211) over bytes
//   h      = SplitMix64 finaliser: h ^= h >> 30; h *= 0xbf58476d1ce4e5b9;
//                                   h ^= h >> 27; h *= 0x94d049bb133111eb; h ^= h >> 31
//   bucket = h >> 32                                    (0 .. 2^32-1)
// A record is in a subset of fraction f when bucket < floor(f * 2^32), so membership depends on
// the key (and source) and seed only, never on which other rows were staged.
#pragma once

#include <cstdint>
#include <string_view>

namespace crm::staging {

uint32_t SubsetBucket(int64_t seed, std::string_view source, std::string_view key,
                      bool stratify_by_source);

// floor(fraction * 2^32), clamped to [0, 2^32].
uint64_t SubsetLimit(double fraction);

}  // namespace crm::staging
