// Blocking: candidate pairs are only the records that share a blocking key value, so matching
// compares thousands of pairs per record set rather than n². A key is terms joined by '+', each
// a field or a function of one (grammar: entities.*.match.block):
//   field, lower(f)  the match key of the value (NormaliseValue: case-folded, accents stripped)
//   soundex(f)       Soundex of the value            metaphone(f)  Double Metaphone (primary)
//   initial(f)       its first letter                 digits(f)     its digits only
//   year(f)          its first four-digit run         firstN(f)     its first N characters
// A record whose key has an empty term (a NULL field, a name without letters) is in no block of
// that key. A block larger than max_block_size (an empty-ish or skewed value such as
// "info@example.com" shared by a whole company) is skipped with a warning naming the key and its
// value masked: it never turns into n² pairs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "identity/match/records.h"

namespace crm::identity {

struct BlockTerm {
  enum class Function { kValue, kSoundex, kMetaphone, kInitial, kDigits, kYear, kFirst };
  Function function = Function::kValue;
  int field = 0;      // index into RecordSet::fields
  size_t length = 0;  // kFirst: N
};

struct BlockKey {
  std::string text;  // as the spec writes it, for warnings
  std::vector<BlockTerm> terms;
};

// The fields a blocking key expression names ("soundex(last_name)+postal_code" ->
// last_name, postal_code). Throws crm::Error(kSpec) for a malformed expression.
std::vector<std::string> BlockKeyFields(const std::string& expression);

// Parses the keys against the loaded fields. Throws crm::Error(kSpec) naming the key for an
// unknown function or a field that is not loaded (the spec checks make both unreachable).
std::vector<BlockKey> ParseBlockKeys(const std::vector<std::string>& expressions,
                                     const RecordSet& records);

// The key's value for one record; empty when a term is empty.
std::string BlockKeyValue(const BlockKey& key, const RecordSet& records, uint32_t record);

// A 64-bit hash of the key's value per record, 0 when a term is empty. Equal values, equal hashes;
// two different values share one with negligible probability, which only adds a candidate pair.
std::vector<uint64_t> RecordKeyHashes(const BlockKey& key, const RecordSet& records);

// "j***" for a value shown in a warning: its first character (a whole UTF-8 sequence) and ***.
std::string MaskedKeyValue(const std::string& value);

struct Candidates {
  std::vector<uint64_t> pairs;  // (a << 32) | b of record indices, a < b, sorted, unique
  int64_t blocks = 0;           // blocks of two or more records, over every key
  int64_t skipped_blocks = 0;   // larger than max_block_size
  int64_t pairs_generated = 0;  // before deduplication across keys
  std::vector<std::string> warnings;
};

inline uint64_t PairCode(uint32_t a, uint32_t b) { return (uint64_t{a} << 32) | b; }
inline uint32_t PairFirst(uint64_t code) { return static_cast<uint32_t>(code >> 32); }
inline uint32_t PairSecond(uint64_t code) { return static_cast<uint32_t>(code); }

// Every pair of records sharing a value of at least one key, on every core.
Candidates GenerateCandidates(const std::vector<BlockKey>& keys, const RecordSet& records,
                              int64_t max_block_size);

}  // namespace crm::identity
