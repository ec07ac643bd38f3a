// The plan as readable text for the data-driven cases: every profile figure, coverage item,
// scope count and finding, one fact a line; the estimate only as whether it is measured (its
// figures are timings).
#pragma once

#include <string>

#include "planner/plan.h"

namespace crm::plan::testing {

std::string RenderPlanText(const PlanResult& result);

}  // namespace crm::plan::testing
