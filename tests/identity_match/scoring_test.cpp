// Fellegi-Sunter scoring holds each candidate's agreement pattern in 32 bits when the compared
// fields fit (16 at 2 bits each) and in 64 bits beyond; both must decide alike. Blocking merges
// each key's pairs into the sorted, unique candidates without losing or repeating one.
#include <catch2/catch.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "identity/match/blocking.h"
#include "identity/match/comparator.h"
#include "identity/match/scoring.h"

namespace crm::identity {
namespace {

constexpr uint32_t kRecords = 12;

// "f3", "v105": built with snprintf, as GCC 12 misreads "literal" + std::string (-Warray-bounds).
std::string Named(char prefix, unsigned n) {
  char text[16];
  std::snprintf(text, sizeof text, "%c%u", prefix, n);
  return text;
}

// Field f0 is one value for every record (one block); f1..f15 pair records up (0 with 1, 2 with
// 3, ...) with a few disagreements; f16 is empty everywhere.
RecordSet Records() {
  RecordSet records;
  records.source_names = {"crm"};
  for (uint32_t r = 0; r < kRecords; ++r) {
    records.rows.push_back(r + 1);
    records.sources.push_back(0);
    records.keys.push_back(std::to_string(r));
  }
  for (int f = 0; f <= 16; ++f) {
    FieldValues field;
    field.name = Named('f', static_cast<unsigned>(f));
    for (uint32_t r = 0; r < kRecords; ++r) {
      std::string value;
      if (f == 0) {
        value = "same";
      } else if (f < 16) {
        // Every third field of record 5 and every fourth of record 8 disagree with their twin.
        const bool odd_one = (r == 5 && f % 3 == 0) || (r == 8 && f % 4 == 0);
        value = Named('v', odd_one ? 100 + r : r / 2);
      }
      if (value.empty()) {
        field.ids.push_back(0);
      } else {
        field.ids.push_back(static_cast<uint32_t>(field.values.size()));
        field.values.push_back(value);
      }
    }
    records.fields.push_back(std::move(field));
  }
  return records;
}

std::string RenderHits(const std::vector<Hit>& hits) {
  std::string out;
  for (const Hit& h : hits) {
    char line[96];
    std::snprintf(line, sizeof line, "%u-%u %.12f %d\n", PairFirst(h.pair), PairSecond(h.pair),
                  h.score, static_cast<int>(h.verdict));
    out += line;
  }
  return out;
}

std::string Score(const RecordSet& records, int compared_fields) {
  spec::Match match;
  match.method = spec::MatchMethod::kFellegiSunter;
  match.block = {"f0"};
  match.em = false;
  for (int f = 0; f < compared_fields; ++f) {
    spec::Compare compare;
    compare.field = Named('f', static_cast<unsigned>(f));
    match.compare.push_back(compare);
  }
  const std::vector<BlockKey> keys = ParseBlockKeys(match.block, records);
  const Candidates candidates = GenerateCandidates(keys, records, match.max_block_size);
  REQUIRE(candidates.pairs.size() == kRecords * (kRecords - 1) / 2);
  Resolution out;
  return RenderHits(ScoreByFellegiSunter(candidates.pairs, keys,
                                         ResolveComparisons(match, records), records, match, &out));
}

TEST_CASE("a 17th compared field always missing changes no score: 64-bit patterns decide like 32",
          "[identity][match][scoring]") {
  const RecordSet records = Records();
  const std::string narrow = Score(records, 16);  // f0..f15: 32-bit patterns
  const std::string wide = Score(records, 17);    // f0..f16: 64-bit patterns, f16 missing
  CHECK(!narrow.empty());
  CHECK(wide == narrow);
}

TEST_CASE("candidates of several keys are every shared-value pair once, sorted",
          "[identity][match][blocking]") {
  const RecordSet records = Records();
  // f1 pairs the twins; f0 pairs everyone: the twins come from both keys but are listed once.
  const std::vector<BlockKey> keys = ParseBlockKeys({"f1", "f0"}, records);
  const Candidates candidates = GenerateCandidates(keys, records, 1000);
  std::vector<uint64_t> expected;
  for (uint32_t a = 0; a < kRecords; ++a) {
    for (uint32_t b = a + 1; b < kRecords; ++b) expected.push_back(PairCode(a, b));
  }
  CHECK(candidates.pairs == expected);
  CHECK(candidates.pairs_generated == static_cast<int64_t>(expected.size()) + kRecords / 2);
  CHECK(candidates.blocks == 1 + kRecords / 2);
}

}  // namespace
}  // namespace crm::identity
