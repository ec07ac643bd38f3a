// Method `fellegi_sunter`: each candidate pair's agreement pattern (per compared field: agrees,
// disagrees, or missing on either record) is weighed by m = P(agree | match) and u = P(agree |
// non-match) of each field; the match probability is the posterior
//   P(match | pattern) = λ·Π m_f^a (1-m_f)^(1-a) / (that + (1-λ)·Π u_f^a (1-u_f)^(1-a))
// over the fields present on both records, with λ the share of candidate pairs that match.
// u the spec does not give is each field's agreement rate over random record pairs (nearly all
// non-matches, and free of blocking's bias: candidate pairs agree on the blocked fields by
// construction); m the spec does not give, and λ always, are estimated by expectation-
// maximisation over the candidate pairs' patterns (EM runs on the table of distinct patterns and
// their counts, never on the pairs themselves). A pair agrees on the fields of the blocking key
// that made it a candidate by construction, so EM sees those fields of that pair as missing
// (the bias Splink avoids by training per blocking rule); the match probability itself weighs
// every field.
#pragma once

#include <cmath>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "identity/match/comparator.h"

namespace crm::identity {

// Two bits per field (field i at bits 2i, 2i+1): 0 missing, 1 disagrees, 2 agrees. At most 32
// compared fields.
using AgreementPattern = uint64_t;
inline constexpr size_t kMaxComparedFields = 32;

AgreementPattern PatternOf(const std::vector<FieldComparison>& comparisons,
                           const RecordSet& records, uint32_t a, uint32_t b);

struct FsModel {
  std::vector<double> m, u;
  std::vector<bool> estimated;  // per field: m or u came from EM
  double lambda = 0.01;
  int iterations = 0;
  bool converged = false;
};

// Agreement rate of each comparison over up to `samples` random pairs of distinct records
// (a fixed seed: the same records give the same rates); -1 for a field never present on both.
std::vector<double> RandomPairAgreement(const std::vector<FieldComparison>& comparisons,
                                        const RecordSet& records, int64_t samples);

// `pattern` without the fields in `blocked` (a mask of field bits, see BlockedFieldMask).
inline AgreementPattern WithoutBlocked(AgreementPattern pattern, AgreementPattern blocked) {
  return pattern & ~blocked;
}

// The model for `counts` (pattern -> number of candidate pairs with it, blocked fields removed) and
// the random-pair agreement rates `random_u`. With `em` false, m and u the spec does not give
// default to 0.9 and 0.1 and only λ is estimated.
FsModel EstimateModel(const std::vector<FieldComparison>& comparisons,
                      const std::unordered_map<AgreementPattern, int64_t>& counts,
                      const std::vector<double>& random_u, bool em, int64_t max_iterations);

// log(P(pattern | match) λ / (P(pattern | non-match) (1 - λ))); MatchProbability is its logistic.
double MatchWeight(const FsModel& model, AgreementPattern pattern);
double MatchProbability(const FsModel& model, AgreementPattern pattern);
inline double ProbabilityOfWeight(double weight) { return 1 / (1 + std::exp(-weight)); }

}  // namespace crm::identity
