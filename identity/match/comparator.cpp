#include "identity/match/comparator.h"

#include "core/common/error.h"
#include "identity/match/similarity.h"

namespace crm::identity {

Method MethodNamed(const std::string& name) {
  if (name == "exact") return Method::kExact;
  if (name == "jaro_winkler") return Method::kJaroWinkler;
  if (name == "levenshtein") return Method::kLevenshtein;
  if (name == "token_set") return Method::kTokenSet;
  if (name == "date") return Method::kDate;
  if (name == "numeric") return Method::kNumeric;
  throw Error(ErrorCategory::kSpec, "unknown comparison method '" + name + "'");
}

double Similarity(Method method, double tolerance, std::string_view a, std::string_view b) {
  switch (method) {
    case Method::kJaroWinkler:
      return JaroWinkler(a, b);
    case Method::kLevenshtein:
      return NormalisedLevenshtein(a, b);
    case Method::kTokenSet:
      return TokenSet(a, b);
    case Method::kDate:
      return DateSimilarity(a, b, tolerance);
    case Method::kNumeric:
      return NumericSimilarity(a, b, tolerance);
    case Method::kExact:
      break;
  }
  return a == b ? 1.0 : 0.0;
}

FieldOutcome CompareField(const FieldComparison& comparison, const RecordSet& records, uint32_t a,
                          uint32_t b, bool need_similarity) {
  const FieldValues& f = records.fields[static_cast<size_t>(comparison.field)];
  const uint32_t ia = f.ids[a], ib = f.ids[b];
  FieldOutcome out;
  if (ia == 0 || ib == 0) {
    out.missing = true;
    return out;
  }
  if (!need_similarity && ia != ib && comparison.method == Method::kLevenshtein) {
    out.agrees = LevenshteinAtLeast(f.values[ia], f.values[ib], comparison.spec.threshold);
    out.similarity = out.agrees ? 1 : 0;
    return out;
  }
  // Equal ids are equal normalised values: no measure needs to look at them.
  out.similarity = ia == ib ? 1.0
                            : Similarity(comparison.method, comparison.spec.tolerance, f.values[ia],
                                         f.values[ib]);
  out.agrees = ia == ib || out.similarity >= comparison.spec.threshold;
  return out;
}

std::vector<FieldComparison> ResolveComparisons(const spec::Match& match,
                                                const RecordSet& records) {
  std::vector<FieldComparison> out;
  for (const spec::Compare& c : match.compare) {
    const int field = records.FieldIndex(c.field);
    if (field < 0) throw Error(ErrorCategory::kSpec, "compare: unknown field '" + c.field + "'");
    out.push_back({c, field, MethodNamed(c.method)});
  }
  return out;
}

FieldComparison ComparisonFor(const std::vector<FieldComparison>& comparisons,
                              const RecordSet& records, const std::string& field,
                              const std::string& default_method) {
  for (const FieldComparison& c : comparisons) {
    if (c.spec.field == field) return c;
  }
  FieldComparison c;
  c.spec.field = field;
  c.spec.method = default_method;
  c.method = MethodNamed(default_method);
  c.field = records.FieldIndex(field);
  if (c.field < 0) throw Error(ErrorCategory::kSpec, "match rule: unknown field '" + field + "'");
  return c;
}

}  // namespace crm::identity
