// The possible matches of one resolution, as people see them: both records' keys and the values
// of the fields matching looks at (masked when the field is PII), the score and the rule. They
// go to the journal (_possible_matches, one row per pair, every run) and to the review file.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/db/database.h"
#include "core/spec/spec.h"
#include "identity/golden/review_file.h"
#include "identity/match/resolution.h"

namespace crm::identity {

// Masks the value of a PII field for output that outlives the run (validators/evidence/mask.h
// gives the masking; the caller passes it in).
using MaskFn = std::function<std::string(const spec::Field& field, std::string_view value)>;

struct PossiblePair {
  RecordKey a, b;  // a < b
  double score = 0;
  std::string rule;
  std::vector<std::pair<std::string, double>> similarity;
  std::vector<std::optional<std::string>> a_values, b_values;  // per shown field, masked
};

// The fields a person needs to decide a pair: those the match configuration compares or its
// rules name, in spec order; every field but the key when it names none.
std::vector<const spec::Field*> ReviewFields(const spec::Entity& entity);

// Reads both records of every pair from stg_<entity> (load `load_id`) and masks the PII values.
// Sorted by score, highest first, then by the records' keys.
std::vector<PossiblePair> DescribePairs(db::Database& staging, const spec::Entity& entity,
                                        int64_t load_id, const std::vector<ScoredPair>& pairs,
                                        const std::vector<const spec::Field*>& fields,
                                        const MaskFn& mask);

// One _possible_matches row per pair, for run `run_id`, in one transaction.
void WritePossibleMatches(db::Database& staging, int64_t run_id, const spec::Entity& entity,
                          const std::vector<PossiblePair>& pairs,
                          const std::vector<const spec::Field*>& fields);

// The review file's value columns for `fields`: <field>_a, <field>_b, ...
std::vector<std::string> ReviewValueColumns(const std::vector<const spec::Field*>& fields);

// Undecided review lines for the pairs.
std::vector<ReviewLine> ReviewLines(const std::vector<PossiblePair>& pairs,
                                    const std::vector<const spec::Field*>& fields);

}  // namespace crm::identity
