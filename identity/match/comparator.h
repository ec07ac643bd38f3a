// Field comparisons of a pair of records: the similarity measure a `compare` entry names, applied
// to the two records' normalised values. A field without a compare entry is compared exactly
// (and with jaro_winkler where a rule asks for `similar`).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/spec/spec.h"
#include "identity/match/records.h"

namespace crm::identity {

enum class Method { kExact, kJaroWinkler, kLevenshtein, kTokenSet, kDate, kNumeric };

// The method a spec names; throws crm::Error(kSpec) for a name the grammar does not allow.
Method MethodNamed(const std::string& name);

// One field's comparison, resolved against the loaded fields.
struct FieldComparison {
  spec::Compare spec;              // method, threshold, tolerance, m, u
  int field = 0;                   // index into RecordSet::fields
  Method method = Method::kExact;  // spec.method, resolved once
};

// Similarity of two non-empty normalised values, in [0, 1]; `tolerance` for date and numeric.
double Similarity(Method method, double tolerance, std::string_view a, std::string_view b);

// The comparison of a pair on one field.
struct FieldOutcome {
  bool missing = false;  // either value is empty: no evidence either way
  double similarity = 0;
  bool agrees = false;  // similarity reaches the comparison's threshold
};

// With `need_similarity` false only `missing` and `agrees` are set (similarity is 0 or 1), which
// a strict levenshtein decides without the full edit matrix.
FieldOutcome CompareField(const FieldComparison& comparison, const RecordSet& records, uint32_t a,
                          uint32_t b, bool need_similarity = true);

// The comparisons of `match`, its compare entries in spec order. Throws crm::Error(kSpec) for a
// field that is not loaded.
std::vector<FieldComparison> ResolveComparisons(const spec::Match& match, const RecordSet& records);

// The comparison for `field` in `comparisons`; a field without one is compared with
// `default_method` and the default threshold. Throws crm::Error(kSpec) for a field not loaded.
FieldComparison ComparisonFor(const std::vector<FieldComparison>& comparisons,
                              const RecordSet& records, const std::string& field,
                              const std::string& default_method);

}  // namespace crm::identity
