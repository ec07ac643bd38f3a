#include "identity/match/blocking.h"

#include <algorithm>
#include <functional>
#include <utility>

#include "core/common/error.h"
#include "core/common/text.h"
#include "identity/match/parallel.h"
#include "identity/match/phonetic.h"

namespace crm::identity {
namespace {

// Warnings per key before the rest are only counted: a skewed key can skip many blocks.
constexpr int kWarningsPerKey = 10;

struct ParsedTerm {
  std::string function;  // empty: the field itself
  std::string field;
};

ParsedTerm ParseTerm(const std::string& expression, std::string_view raw) {
  const std::string term(TrimView(raw));
  const size_t open = term.find('(');
  if (open == std::string::npos) return {"", term};
  if (term.back() != ')') {
    throw Error(ErrorCategory::kSpec,
                "blocking key '" + expression + "': malformed term '" + term + "'");
  }
  return {std::string(TrimView(term.substr(0, open))),
          std::string(TrimView(term.substr(open + 1, term.size() - open - 2)))};
}

std::string TermValue(const BlockTerm& term, const std::string& value) {
  switch (term.function) {
    case BlockTerm::Function::kValue:
      return value;
    case BlockTerm::Function::kSoundex:
      return Soundex(value);
    case BlockTerm::Function::kMetaphone:
      return DoubleMetaphone(value);
    case BlockTerm::Function::kInitial:
      for (char c : value) {
        if (c != ' ') return std::string(1, c);
      }
      return "";
    case BlockTerm::Function::kDigits: {
      std::string digits;
      for (char c : value) {
        if (c >= '0' && c <= '9') digits += c;
      }
      return digits;
    }
    case BlockTerm::Function::kYear:
      for (size_t i = 0; i + 4 <= value.size(); ++i) {
        if (std::all_of(value.begin() + static_cast<long>(i),
                        value.begin() + static_cast<long>(i) + 4,
                        [](char c) { return c >= '0' && c <= '9'; })) {
          return value.substr(i, 4);
        }
      }
      return "";
    case BlockTerm::Function::kFirst: {
      // N characters, not bytes: a UTF-8 sequence is never cut.
      size_t end = 0;
      for (size_t n = 0; n < term.length && end < value.size(); ++n) {
        ++end;
        while (end < value.size() && (static_cast<unsigned char>(value[end]) & 0xC0) == 0x80) ++end;
      }
      return value.substr(0, end);
    }
  }
  return "";
}

// The hash of each distinct value of a term's field after the term's function; 0: empty.
std::vector<uint64_t> TermHashes(const BlockTerm& term, const RecordSet& records) {
  const StringPool& values = records.fields[static_cast<size_t>(term.field)].values;
  std::vector<uint64_t> hashes(values.size(), 0);
  ParallelFor(values.size(), MatchThreads(), [&](size_t begin, size_t end, unsigned) {
    for (size_t id = std::max<size_t>(begin, 1); id < end; ++id) {
      const std::string v = TermValue(term, std::string(values[id]));
      if (!v.empty()) hashes[id] = std::hash<std::string>()(v) | 1;
    }
  });
  return hashes;
}

// (key hash, record) of every record with a value of `key`, sorted.
std::vector<std::pair<uint64_t, uint32_t>> KeyedRecords(const BlockKey& key,
                                                        const RecordSet& records) {
  const std::vector<uint64_t> hashes = RecordKeyHashes(key, records);
  std::vector<std::pair<uint64_t, uint32_t>> keyed;
  keyed.reserve(records.size());
  for (uint32_t r = 0; r < records.size(); ++r) {
    if (hashes[r] != 0) keyed.emplace_back(hashes[r], r);
  }
  std::sort(keyed.begin(), keyed.end());
  return keyed;
}

void SortUnique(std::vector<uint64_t>* pairs) {
  // Two halves sorted on two cores, then merged.
  const size_t mid = pairs->size() / 2;
  ParallelFor(2, MatchThreads(), [&](size_t begin, size_t end, unsigned) {
    for (size_t half = begin; half < end; ++half) {
      auto from = pairs->begin() + static_cast<long>(half == 0 ? 0 : mid);
      auto to = half == 0 ? pairs->begin() + static_cast<long>(mid) : pairs->end();
      std::sort(from, to);
    }
  });
  std::inplace_merge(pairs->begin(), pairs->begin() + static_cast<long>(mid), pairs->end());
  pairs->erase(std::unique(pairs->begin(), pairs->end()), pairs->end());
}

// Merges the sorted, unique `fresh` into the sorted, unique `pairs`. The merge runs backwards
// inside `pairs` grown to both sizes, so besides `pairs` only `fresh` is held (std::inplace_merge
// would take a buffer as large as both).
void MergeUnique(std::vector<uint64_t> fresh, std::vector<uint64_t>* pairs) {
  const size_t old = pairs->size();
  // Exact: growth by doubling would keep up to twice the pairs for the rest of matching.
  pairs->reserve(old + fresh.size());
  pairs->resize(old + fresh.size());
  std::vector<uint64_t>& p = *pairs;
  size_t i = old, j = fresh.size(), k = p.size();
  while (j > 0) {
    if (i > 0 && p[i - 1] > fresh[j - 1]) {
      p[--k] = p[--i];
    } else {
      p[--k] = fresh[--j];
    }
  }
  fresh = {};
  p.erase(std::unique(p.begin(), p.end()), p.end());
}

}  // namespace

std::vector<uint64_t> RecordKeyHashes(const BlockKey& key, const RecordSet& records) {
  std::vector<std::vector<uint64_t>> term_hashes;
  for (const BlockTerm& term : key.terms) term_hashes.push_back(TermHashes(term, records));
  std::vector<uint64_t> hashes(records.size(), 0);
  for (uint32_t r = 0; r < records.size(); ++r) {
    uint64_t h = 0;
    for (size_t t = 0; t < key.terms.size(); ++t) {
      const uint64_t th =
          term_hashes[t][records.fields[static_cast<size_t>(key.terms[t].field)].ids[r]];
      if (th == 0) {
        h = 0;
        break;
      }
      h = (h ^ th) * 0x9E3779B97F4A7C15ull + t;
    }
    hashes[r] = h;
  }
  return hashes;
}

std::vector<std::string> BlockKeyFields(const std::string& expression) {
  std::vector<std::string> fields;
  for (const std::string& raw : Split(expression, '+')) {
    fields.push_back(ParseTerm(expression, raw).field);
  }
  return fields;
}

std::vector<BlockKey> ParseBlockKeys(const std::vector<std::string>& expressions,
                                     const RecordSet& records) {
  std::vector<BlockKey> keys;
  for (const std::string& expression : expressions) {
    BlockKey key{expression, {}};
    for (const std::string& raw : Split(expression, '+')) {
      const ParsedTerm parsed = ParseTerm(expression, raw);
      BlockTerm term;
      term.field = records.FieldIndex(parsed.field);
      if (term.field < 0) {
        throw Error(ErrorCategory::kSpec,
                    "blocking key '" + expression + "': unknown field '" + parsed.field + "'");
      }
      const std::string& f = parsed.function;
      if (f.empty() || f == "lower") {
        term.function = BlockTerm::Function::kValue;
      } else if (f == "soundex") {
        term.function = BlockTerm::Function::kSoundex;
      } else if (f == "metaphone") {
        term.function = BlockTerm::Function::kMetaphone;
      } else if (f == "initial") {
        term.function = BlockTerm::Function::kInitial;
      } else if (f == "digits") {
        term.function = BlockTerm::Function::kDigits;
      } else if (f == "year") {
        term.function = BlockTerm::Function::kYear;
      } else if (f.size() == 6 && StartsWith(f, "first") && f[5] >= '1' && f[5] <= '9') {
        term.function = BlockTerm::Function::kFirst;
        term.length = static_cast<size_t>(f[5] - '0');
      } else {
        throw Error(ErrorCategory::kSpec,
                    "blocking key '" + expression + "': unknown function '" + f + "'");
      }
      key.terms.push_back(term);
    }
    keys.push_back(std::move(key));
  }
  return keys;
}

std::string BlockKeyValue(const BlockKey& key, const RecordSet& records, uint32_t record) {
  std::string value;
  for (const BlockTerm& term : key.terms) {
    const std::string part = TermValue(term, std::string(records.Value(term.field, record)));
    if (part.empty()) return "";
    if (!value.empty()) value += '+';
    value += part;
  }
  return value;
}

std::string MaskedKeyValue(const std::string& value) {
  if (value.empty()) return value;
  size_t end = 1;
  while (end < value.size() && (static_cast<unsigned char>(value[end]) & 0xC0) == 0x80) ++end;
  return value.substr(0, end) + "***";
}

Candidates GenerateCandidates(const std::vector<BlockKey>& keys, const RecordSet& records,
                              int64_t max_block_size) {
  Candidates out;
  const unsigned workers = MatchThreads();
  for (const BlockKey& key : keys) {
    const std::vector<std::pair<uint64_t, uint32_t>> keyed = KeyedRecords(key, records);
    std::vector<std::pair<size_t, size_t>> blocks;  // [begin, end) in keyed
    int skipped_here = 0;
    for (size_t begin = 0; begin < keyed.size();) {
      size_t end = begin + 1;
      while (end < keyed.size() && keyed[end].first == keyed[begin].first) ++end;
      const int64_t size = static_cast<int64_t>(end - begin);
      if (size > max_block_size) {
        ++out.skipped_blocks;
        if (++skipped_here <= kWarningsPerKey) {
          out.warnings.push_back("blocking key '" + key.text + "' value '" +
                                 MaskedKeyValue(BlockKeyValue(key, records, keyed[begin].second)) +
                                 "' holds " + std::to_string(size) +
                                 " records, more than max_block_size " +
                                 std::to_string(max_block_size) + ": block skipped");
        }
      } else if (size > 1) {
        blocks.emplace_back(begin, end);
      }
      begin = end;
    }
    if (skipped_here > kWarningsPerKey) {
      out.warnings.push_back("blocking key '" + key.text +
                             "': " + std::to_string(skipped_here - kWarningsPerKey) +
                             " more oversized blocks skipped");
    }
    out.blocks += static_cast<int64_t>(blocks.size());
    // The key's pairs go straight into one vector of their exact count (block sizes give it), each
    // block at its offset: vectors grown by doubling would hold up to twice the pairs.
    std::vector<size_t> offset(blocks.size() + 1, 0);
    for (size_t b = 0; b < blocks.size(); ++b) {
      const size_t size = blocks[b].second - blocks[b].first;
      offset[b + 1] = offset[b] + size * (size - 1) / 2;
    }
    std::vector<uint64_t> fresh(offset.back());
    ParallelFor(blocks.size(), workers, [&](size_t begin, size_t end, unsigned) {
      size_t at = offset[begin];
      for (size_t b = begin; b < end; ++b) {
        for (size_t i = blocks[b].first; i < blocks[b].second; ++i) {
          for (size_t j = i + 1; j < blocks[b].second; ++j) {
            fresh[at++] = PairCode(keyed[i].second, keyed[j].second);
          }
        }
      }
    });
    out.pairs_generated += static_cast<int64_t>(fresh.size());
    SortUnique(&fresh);
    MergeUnique(std::move(fresh), &out.pairs);
  }
  // Duplicates across keys leave room behind; matching holds the pairs for all of scoring.
  out.pairs.shrink_to_fit();
  return out;
}

}  // namespace crm::identity
