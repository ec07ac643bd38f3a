// Fast non-cryptographic hashing for landing: the per-row `_crm_hash` lineage value and the
// content fingerprint of a source file. XXH64 (Yann Collet's published algorithm, reimplemented
// here in a few lines) runs at several GB/s; SHA-256 would cost about 0.6 s of the 3 s budget for
// a 268 MB file on these machines (no SHA extensions), for a property we do not need: the
// fingerprint only tells an unchanged source from a changed one, it is not a defence against
// someone forging a file with the same size and 64-bit hash.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace crm::staging {

// XXH64 of `data` with `seed`.
uint64_t Hash64(std::string_view data, uint64_t seed = 0);

// Folds `value` into a running hash (order-sensitive); for fingerprints of streamed rows.
uint64_t CombineHash(uint64_t running, uint64_t value);

// Sixteen lower-case hex digits, zero-padded.
std::string Hex64(uint64_t value);
// Writes the sixteen digits to out[0..16) (no terminator).
void Hex64To(uint64_t value, char* out);

// "file:<size>:<hex of XXH64 of the bytes as stored>" (a gzip file is hashed compressed). Throws
// crm::Error(kIo) naming the path when it cannot be read.
std::string FileFingerprint(const std::string& path);

}  // namespace crm::staging
