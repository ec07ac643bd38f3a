// Identity resolution, the module's entry point: which staged records are one customer, and the
// golden records built from them (gold_<entity>, xref_<entity>), for every entity of the spec.
//
//   - an entity with `match`: its review decisions are read (the file beside the spec), matching
//     resolves the staged load with them (identity/match/resolution.h), survivorship builds one
//     golden record per cluster (identity/golden/), the possible matches left undecided go to the
//     journal (_possible_matches) and to the review file, masked;
//   - an entity without `match`: the 1:1 pass (passthrough.h), one golden record per staged
//     record.
// Every review file is read and every survivorship rule checked before anything is written, so
// a malformed review file or a rule that cannot apply (crm::Error(kSpec)) leaves staging as it
// was. Per entity golden = staged − merged is checked (crm::Error(kInternal) otherwise) and
// returned, for the journal.
//
// Validate runs it (and `validate --only identity` runs it alone); the cutover only reads what it
// made (PrepareGoldenRecords).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/common/progress.h"
#include "core/db/database.h"
#include "core/spec/spec.h"
#include "identity/golden/golden_writer.h"
#include "identity/golden/possible_matches.h"
#include "identity/match/resolution.h"
#include "identity/passthrough.h"

namespace crm::identity {

// Finds the clusters of one entity's staged load: ResolveEntity in production; tests pass
// hand-built resolutions.
using Resolver = std::function<Resolution(db::Database& staging, const spec::Entity& entity,
                                          int64_t load_id,
                                          const std::vector<ReviewDecision>& decisions,
                                          Progress& progress)>;

struct IdentityOptions {
  int64_t run_id = 0;   // written into gold_<entity>._crm_run and _possible_matches
  int64_t load_id = 0;  // the staged load to resolve
  Resolver resolve;     // required when an entity has `match`
  MaskFn mask;          // required when an entity has `match`: masks PII values of pairs
  size_t max_samples = 20;  // merged records kept per entity for the caller's samples
};

struct EntityIdentity {
  std::string entity;
  bool matched = false;  // resolved with `match`; false: the 1:1 pass
  GoldenCounts counts;   // staged, golden, merged
  int64_t clusters_flagged = 0;       // golden records of clusters the chaining guard flagged
  int64_t accepted = 0, rejected = 0; // decisions read from the review file
  std::vector<PossiblePair> possible; // undecided pairs, values masked, highest score first
  std::vector<MergedRecord> merged;   // up to max_samples records merged into another's record
  std::vector<std::string> warnings;  // from matching (oversized blocks, chained clusters)
  std::vector<std::pair<std::string, int64_t>> match_counts;  // from matching
  std::string review_path;            // the review file written; empty without match.review
};

// Resolves every entity of `spec` in load order. Throws crm::Error: kSpec for a malformed
// review file or survivorship that cannot apply, kInternal for an unbalanced result, kIo for
// database and file errors.
std::vector<EntityIdentity> ResolveIdentities(const spec::Spec& spec, db::Database& staging,
                                              const IdentityOptions& options, Progress& progress);

// The golden records the cutover loads for `entity`: for an entity without `match`, made by the
// 1:1 pass when the load has none yet; for an entity with `match`, they must have been made by
// identity resolution (validate) on this load, otherwise crm::Error(kUsage) says to run it.
GoldenCounts PrepareGoldenRecords(db::Database& staging, const spec::Entity& entity,
                                  int64_t load_id, int64_t run_id);

}  // namespace crm::identity
