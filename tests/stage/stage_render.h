// Shared by the stage suites: the stage's outcome and the staging database's state rendered as
// text to compare (LevelDB's write_batch_test style), and the reconciliation checks every stage
// test asserts.
#pragma once

#include <cstdint>
#include <string>

#include "core/common/progress.h"
#include "core/db/database.h"
#include "core/spec/spec.h"
#include "staging/stage.h"

namespace crm::staging::testing {

// One stage's result: the load and whether it was promoted, per source what landing did, the
// gate failures and warnings, and the funnel per source and entity.
std::string RenderStageResult(const StageResult& result);

// The staging database's state: _loads, every stg_<entity> row (source, line, load and the mapped
// fields; NULL fields shown as NULL, lineage other than source, line and load left out), and
// every _rejects row in the order written.
std::string RenderStagingState(db::Database& staging, const spec::Spec& spec);

// Asserts (Catch2 CHECKs) that the funnel of the stage run `run_id` balances, in the result and
// in _reconciliation, that both agree, and that each funnel row's `rejected` equals the _rejects
// rows behind it: the reader's rejects of the raw load the source used plus the shaping rejects
// of that entity in this run.
void CheckReconciliation(db::Database& staging, const StageResult& result, int64_t run_id);

// A Progress that prints nothing.
Progress& SilentProgress();

}  // namespace crm::staging::testing
