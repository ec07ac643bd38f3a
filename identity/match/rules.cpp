#include "identity/match/rules.h"

#include <algorithm>
#include <cstdio>

#include "core/common/error.h"
#include "core/common/text.h"

namespace crm::identity {
namespace {

std::vector<FieldComparison> Resolve(const std::vector<std::string>& fields,
                                     const std::vector<FieldComparison>& comparisons,
                                     const RecordSet& records, const std::string& method) {
  std::vector<FieldComparison> out;
  for (const std::string& field : fields) {
    out.push_back(ComparisonFor(comparisons, records, field, method));
  }
  return out;
}

std::string RuleName(size_t index, const spec::MatchRule& rule) {
  std::vector<std::string> parts;
  if (!rule.similar.empty()) {
    char min[32];
    std::snprintf(min, sizeof min, "%g", rule.min);
    parts.push_back("similar " + Join(rule.similar, ", ") + " >= " + min);
  }
  if (!rule.same.empty()) parts.push_back("same " + Join(rule.same, ", "));
  if (!rule.different.empty()) parts.push_back("different " + Join(rule.different, ", "));
  return "rule " + std::to_string(index + 1) + ": " + Join(parts, " and ");
}

}  // namespace

std::vector<CompiledRule> CompileRules(const spec::Match& match,
                                       const std::vector<FieldComparison>& comparisons,
                                       const RecordSet& records) {
  std::vector<CompiledRule> out;
  for (size_t i = 0; i < match.when.size(); ++i) {
    const spec::MatchRule& rule = match.when[i];
    CompiledRule c;
    c.name = RuleName(i, rule);
    c.same = Resolve(rule.same, comparisons, records, "exact");
    c.similar = Resolve(rule.similar, comparisons, records, "jaro_winkler");
    c.different = Resolve(rule.different, comparisons, records, "exact");
    c.min = rule.min;
    if (rule.then == "match") {
      c.then = Verdict::kMatch;
    } else if (rule.then == "possible") {
      c.then = Verdict::kPossible;
    } else if (rule.then == "non_match") {
      c.then = Verdict::kNonMatch;
    } else {
      throw Error(ErrorCategory::kSpec, c.name + ": unknown decision '" + rule.then + "'");
    }
    out.push_back(std::move(c));
  }
  return out;
}

RuleOutcome ApplyRules(const std::vector<CompiledRule>& rules, const RecordSet& records, uint32_t a,
                       uint32_t b) {
  for (size_t i = 0; i < rules.size(); ++i) {
    const CompiledRule& rule = rules[i];
    bool applies = true;
    double score = 1;
    for (const FieldComparison& c : rule.same) {
      const FieldValues& f = records.fields[static_cast<size_t>(c.field)];
      if (f.ids[a] == 0 || f.ids[a] != f.ids[b]) {
        applies = false;
        break;
      }
    }
    for (size_t k = 0; applies && k < rule.similar.size(); ++k) {
      const FieldOutcome o = CompareField(rule.similar[k], records, a, b);
      applies = !o.missing && o.similarity >= rule.min;
      score = std::min(score, o.similarity);
    }
    if (applies && !rule.different.empty()) {
      applies =
          std::any_of(rule.different.begin(), rule.different.end(), [&](const FieldComparison& c) {
            const FieldOutcome o = CompareField(c, records, a, b);
            return !o.missing && !o.agrees;
          });
    }
    if (applies) return {static_cast<int>(i), score, rule.then};
  }
  return {};
}

}  // namespace crm::identity
