// Method `rules`: the `when` list decides each candidate pair, the first rule that applies wins,
// and a pair no rule applies to is a non-match.
//   same: [f...]       every field filled on both records and equal after normalisation
//   similar: [f...]    every field filled on both and its similarity (the field's compare method,
//                      jaro_winkler when it has none) at least `min`; and_same adds `same` fields
//   different: [f...]  at least one field filled on both and not agreeing (below its compare
//                      threshold; unequal when it has no compare entry)
// A rule's conditions all hold for it to apply; `then` says match, possible or non_match.
#pragma once

#include <string>
#include <vector>

#include "identity/match/comparator.h"
#include "identity/match/resolution.h"

namespace crm::identity {

struct CompiledRule {
  std::string name;  // "rule 2: same email"
  std::vector<FieldComparison> same, similar, different;
  double min = 0.9;
  Verdict then = Verdict::kMatch;
};

// Throws crm::Error(kSpec) for a field that is not loaded or an unknown `then`.
std::vector<CompiledRule> CompileRules(const spec::Match& match,
                                       const std::vector<FieldComparison>& comparisons,
                                       const RecordSet& records);

struct RuleOutcome {
  int rule = -1;     // index of the rule that applied; -1: none (a non-match)
  double score = 0;  // 1 for same and different; the least similarity of `similar` fields
  Verdict verdict = Verdict::kNonMatch;
};

RuleOutcome ApplyRules(const std::vector<CompiledRule>& rules, const RecordSet& records, uint32_t a,
                       uint32_t b);

}  // namespace crm::identity
