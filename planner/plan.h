// The plan phase (phase 1 of the runbook): before anything is staged, what the sources hold, what
// the mapping does with it, what is in scope and how long the next phases will take.
//
//   1. every source opened with the stage's readers; every column a mapping, filter or id_column
//      names is checked against the source's columns — all unknown ones at once, as a spec error
//      (crm::Error kSpec, exit 2, one "file:line:column: key: unknown column ..." a line);
//   2. one streaming pass per source: column profiles, scope counts under the `where` filters,
//      and the field probes (planner/scan/source_scan.h); JSON paths that occur in no line of a
//      JSON Lines source are then a spec error too;
//   3. mapping coverage (planner/coverage/coverage.h), the estimate (planner/estimate/estimate.h)
//      and the governance facts of the spec;
//   4. the plan stored in _plans for the run and written to <report.output>/plan.json.
// Blocking findings (a required field nothing fills, a value map that rejects or nulls values
// present) make PlanResult::blocking true: the CLI exits 1. The caller holds the writer lock and
// has journaled the run.
#pragma once

#include <cstdint>
#include <string>

#include "core/common/progress.h"
#include "core/db/database.h"
#include "core/spec/spec.h"
#include "planner/plan_model.h"

namespace crm::plan {

struct PlanOptions {
  int64_t run_id = 0;            // _runs.id of this plan run: the _plans row's key
  int64_t sample_rows = 100000;  // rows of each source the sampled checks and probes use
  std::string output_dir;        // empty: <spec folder>/<report.output>
};

struct PlanResult {
  Plan plan;
  std::string plan_json;   // as stored in _plans (one line)
  std::string json_path;   // the plan.json written
  bool blocking = false;   // an error finding: the gate is closed
};

// Throws crm::Error: kSpec for a mapping that does not fit its source, kIo for a source or the
// staging database that cannot be read or written, kUsage for a sample_rows below 1.
PlanResult RunPlan(const spec::Spec& spec, db::Database& staging, const PlanOptions& options,
                   Progress& progress);

}  // namespace crm::plan
