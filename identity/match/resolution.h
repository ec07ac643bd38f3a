// The contract between matching (identity/match/: blocking, comparisons, rules or Fellegi-Sunter
// with EM, clustering with the chaining guard) and golden records (identity/golden/:
// survivorship, gold_<entity> and xref_<entity>, review decisions, the cutover's references).
//
// Matching reads the staged records of one load of stg_<entity>, holding only the fields that
// blocking, comparisons and rules use (compact keys, not whole records), and says which records
// are one customer. It writes nothing; golden records are built from what it returns.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/common/progress.h"
#include "core/db/database.h"
#include "core/spec/spec.h"

namespace crm::identity {

// A staged record across runs: stg row ids change with every load, its source and key do not.
struct RecordKey {
  std::string source;  // _crm_source
  std::string key;     // the entity's key field, as text
  auto operator<=>(const RecordKey&) const = default;
};

enum class Verdict { kMatch, kPossible, kNonMatch };

// A person's decision about one pair, read from the review file beside the spec. Decisions
// outrank every rule and score, on every later run.
struct ReviewDecision {
  RecordKey a, b;
  bool accept = false;  // true: the same customer; false: not
};

// One compared pair whose verdict is not kNonMatch.
struct ScoredPair {
  int64_t a = 0, b = 0;  // stg _crm_row of the two records, a < b
  double score = 0;      // rules: the rule's similarity (1 for `same`); fellegi_sunter: the match
                         // probability from the summed log-likelihood weights
  std::string rule;      // "rule 2: same email" / "fellegi_sunter" / "review: accepted"
  Verdict verdict = Verdict::kPossible;
  std::vector<std::pair<std::string, double>> similarity;  // per compared field
};

// Where one staged record ends up.
struct Membership {
  int64_t row = 0;      // stg _crm_row
  RecordKey record;
  int64_t cluster = 0;  // the _crm_row of the cluster's representative: the member with the
                        // smallest RecordKey, so the same customers give the same cluster on
                        // every run
  double score = 1;     // the best score that joined it to the cluster (1 for a singleton)
  std::string rule;     // the rule that joined it ("singleton" when alone)
  bool flagged = false; // in a cluster the chaining guard flagged (on_chain: flag)
};

struct FieldWeights {  // Fellegi-Sunter parameters used, estimated by EM or given in the spec
  std::string field;
  double m = 0, u = 0;
  bool estimated = false;
};

struct Resolution {
  std::vector<Membership> members;      // every staged record of the load, exactly once
  std::vector<ScoredPair> possible;     // verdict kPossible and not decided in review
  std::vector<ScoredPair> matches;      // verdict kMatch (including review accepts)
  std::vector<FieldWeights> weights;    // fellegi_sunter only
  std::vector<std::string> warnings;    // skipped oversized blocks (naming the key and its
                                        // value masked), chained clusters split or flagged
  std::vector<std::pair<std::string, int64_t>> counts;  // records, blocks, pairs_compared,
                                        // matches, possible, skipped_blocks, clusters, ...
};

// Resolves the staged records of `load_id` with
// entity.match, which must be set. Uses both cores. Database errors are crm::Error(kIo).
Resolution ResolveEntity(db::Database& staging, const spec::Entity& entity, int64_t load_id,
                         const std::vector<ReviewDecision>& decisions, Progress& progress);

}  // namespace crm::identity
