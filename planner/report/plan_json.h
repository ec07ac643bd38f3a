// plan.json: the plan as one JSON document, the shape the reports module renders plan.html from
// and the journal keeps in _plans.plan_json:
//   {"spec": {name, path, sha256, owner},
//    "sources": [{name, kind, rows, rejects, decisions, columns: [{name, rows, empty, null,
//        distinct: {value, exact, error}, min_length, max_length, top: [{value, count}],
//        top_exact, shapes: [{shape, count}], inferred: {type, share, format, sampled},
//        samples, pii}]}],
//    "coverage": {unmapped_columns, unfilled_fields, required_may_be_empty, type_conflicts,
//        missing_references, value_map_misses},
//    "scope": [{source, entity, in, out}],
//    "estimate": {stage_seconds, validate_seconds, cutover_seconds, rows, basis, ...},
//    "governance": {owner, roles: {role: person}, pii_fields: [{entity, field, mode}]},
//    "findings": [{level, code, message}]}
// Values of PII columns (top values, samples) are masked; shares are rounded to 4 decimals.
#pragma once

#include <string>

#include "core/spec/spec.h"
#include "planner/plan_model.h"

namespace crm::plan {

// `indent`: spaces per level, 0 for one line.
std::string RenderPlanJson(const spec::Spec& spec, const Plan& plan, unsigned indent);

}  // namespace crm::plan
