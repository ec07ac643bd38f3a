// The stage phase: every source of the spec into the staging database, as one load.
//
//   1. a new load in _loads (full, or for a subset);
//   2. each source landed into raw_<source> (landing/land.h) — an unchanged source keeps its
//      earlier raw rows — and its facts written to _load_sources;
//   3. each entity shaped into stg_<entity> (shaping/shape.h), in dependency order;
//   4. the funnel checked per source and entity (extracted = out of scope + suppressed +
//      rejected + not in subset + staged): a difference is a broken invariant, crm::Error
//      kInternal, and the load is discarded;
//   5. the reject budget of every source (`max_rejects`) checked: over it, the load is discarded
//      and the previous staged state stays as it was (the result says why; the CLI exits 1);
//   6. otherwise the load is promoted and the rows of every other load are removed from raw_* and
//      stg_* (rejects, funnel and journal rows stay: they are the history).
// The caller holds the writer lock and has journaled the run.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/db/database.h"
#include "core/db/journal.h"
#include "core/spec/spec.h"
#include "staging/landing/land.h"
#include "staging/shaping/shape.h"

namespace crm::staging {

struct StageOptions {
  int64_t run_id = 0;
  std::string subset;                 // empty: the full data
  std::vector<std::string> sources;   // land only these again; empty: every source
  bool force = false;                 // re-land sources even when unchanged
};

struct StageResult {
  int64_t load_id = 0;
  bool promoted = false;
  std::vector<LandResult> sources;    // in spec order
  std::vector<SourceFunnel> funnel;   // per entity and source, in dependency order
  std::vector<std::string> warnings;   // from shaping (fields nulled by on_error: null)
  std::vector<std::string> decisions;  // from shaping (the day/month order a date column proves)
  std::vector<std::string> gate_failures;  // sources over max_rejects; non-empty: not promoted
};

// Throws crm::Error: kUsage for an unknown subset or source name, kSpec for a spec that does
// not fit its sources, kIo for a source or staging that cannot be read or written, kInternal for
// an unbalanced funnel.
StageResult RunStage(const spec::Spec& spec, db::Database& staging, db::Journal& journal,
                     const StageOptions& options, Progress& progress);


}  // namespace crm::staging
