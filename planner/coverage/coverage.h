// Mapping coverage: what the spec's mapping does with what the sources hold, from the scans of
// every source. Adds one finding per problem to `findings`:
//   error    unfilled_required   a required field that no mapping of any source fills
//   error    value_map_miss      values a value_map or lookup does not know, where the mapping
//                                rejects or nulls them (unmapped / on_missing not `keep`)
//   warning  value_map_miss      the same where the mapping keeps them unchanged
//   warning  required_may_be_empty, type_conflict, missing_reference
//   info     unmapped_columns, unfilled_field
#pragma once

#include <vector>

#include "core/spec/spec.h"
#include "planner/plan_model.h"

namespace crm::plan {

// A field's type conflicts with its column when more than this share of the sampled non-blank
// values fail its transform chain.
inline constexpr double kTypeConflictFailShare = 0.10;

Coverage AnalyzeCoverage(const spec::Spec& spec, const std::vector<SourceScan>& scans,
                         const std::map<std::string, std::map<std::string, std::string>>& pii,
                         std::vector<Finding>* findings);

}  // namespace crm::plan
