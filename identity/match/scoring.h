// Scoring the candidate pairs: by the rules of `when`, or by Fellegi-Sunter (fellegi_sunter.h)
// with m trained per blocking key, u from random pairs and term-frequency adjusted weights. Both
// run on every core and keep only the pairs that are not non-matches.
#pragma once

#include <cstdint>
#include <vector>

#include "identity/match/blocking.h"
#include "identity/match/comparator.h"
#include "identity/match/resolution.h"
#include "identity/match/rules.h"

namespace crm::identity {

// A compared pair that is not a non-match, before it becomes a ScoredPair.
struct Hit {
  uint64_t pair = 0;
  double score = 0;
  int rule = -1;  // rules: the rule's index; fellegi_sunter: -1; review: -2
  Verdict verdict = Verdict::kPossible;
};

std::vector<Hit> ScoreByRules(const std::vector<uint64_t>& pairs,
                              const std::vector<CompiledRule>& rules, const RecordSet& records);

// Adds the weights used, and the agreement_patterns count (and a warning when EM did not
// converge), to `out`. Throws crm::Error(kSpec) for more than kMaxComparedFields comparisons.
std::vector<Hit> ScoreByFellegiSunter(const std::vector<uint64_t>& pairs,
                                      const std::vector<BlockKey>& keys,
                                      const std::vector<FieldComparison>& comparisons,
                                      const RecordSet& records, const spec::Match& match,
                                      Resolution* out);

}  // namespace crm::identity
