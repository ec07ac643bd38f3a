// Golden records from a Resolution: gold_<entity> (one row per cluster, each field's value chosen
// by survivorship, with its provenance and the secondary values keep_others keeps) and
// xref_<entity> (every staged record → its golden key, with the score and rule that put it
// there), for one staged load.
//
// Records matching left alone (about 97% of generated contacts) never pass through this process:
// their golden and xref rows are one INSERT … SELECT each inside the database (singletons.h), so
// their values are exactly the staged ones. Only the clusters of several records are read back,
// a batch of clusters at a time by their _crm_row, for survivorship; memory stays bounded by the
// Resolution (which holds every record's key anyway), a few index arrays and one batch.
//
// Everything is written in one transaction: the rows of every other load are removed from both
// tables (staging keeps one load, as the stage does). golden = staged − merged holds on return;
// a difference is crm::Error(kInternal).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/db/database.h"
#include "core/spec/spec.h"
#include "identity/match/resolution.h"
#include "identity/passthrough.h"

namespace crm::identity {

// A staged record merged into another record's golden record (for the validate samples).
struct MergedRecord {
  RecordKey record;
  int64_t line = -1;
  std::string gold_key;
  double score = 0;
  std::string rule;
};

struct GoldenBuild {
  GoldenCounts counts;
  int64_t clusters_flagged = 0;       // golden records of a cluster the chaining guard flagged
  std::vector<MergedRecord> merged;   // the first `max_merged_samples`, in golden key order
};

// Throws crm::Error(kSpec) for survivorship that cannot apply (before anything is written),
// kInternal for a Resolution that breaks its contract, kIo for database errors.
GoldenBuild BuildGoldenRecords(const spec::Spec& spec, db::Database& staging,
                               const spec::Entity& entity, int64_t load_id, int64_t run_id,
                               const Resolution& resolution, Progress& progress,
                               size_t max_merged_samples = 20);

}  // namespace crm::identity
