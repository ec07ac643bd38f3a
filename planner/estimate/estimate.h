// How long stage, validate and cutover will take, from throughput measured on a sample:
//   read      the plan's own pass: seconds spent inside the source readers, per row;
//   land      the kept sample rows bulk-inserted into a temporary table of the staging database
//             (in a transaction rolled back: nothing stays), per row;
//   shape     the field probes' transform chains on the sampled rows, per in-scope row;
//   validate  one aggregate scan (count, count distinct) over the temporary table, per row, times
//             the number of rules plus one for identity resolution;
//   load      the same rows bulk-inserted into a temporary table of the target database (rolled
//             back), per row.
// stage = rows × (read + land) + in-scope rows × shape; validate = in-scope rows × validate;
// cutover = in-scope rows × load. Inserts go through SOCI's bulk binding, which is slower than the
// stage's native SQLite and PostgreSQL COPY paths: the figures lean high. A target that cannot be
// reached (or a csv: target) gets no load measurement and a warning finding.
#pragma once

#include <vector>

#include "core/db/database.h"
#include "core/spec/spec.h"
#include "planner/plan_model.h"

namespace crm::plan {

Estimate EstimateTimes(const spec::Spec& spec, db::Database& staging,
                       const std::vector<SourceScan>& scans, std::vector<Finding>* findings);

}  // namespace crm::plan
