// Internal to the lessons-learned page: its sections, each built from the journal by its own
// function (lessons_*.cpp) into the page's JSON document.
#pragma once

#include "reports/pages/context.h"

namespace crm::reports::lessons {

// Evidence rows per reason or rule on this page (the phase pages carry up to max_samples).
inline constexpr int64_t kExamples = 3;
// Reasons and rules listed; the rest are counted.
inline constexpr size_t kTopItems = 10;

// [{id, command, subset, started_at, finished_at, seconds, outcome}], oldest first.
Array::Ptr Timeline(const PageContext& ctx, const std::vector<db::RunRecord>& runs);

// {stage_run, cutover_run, rows: [{source, entity, extracted, out_of_scope, suppressed,
// rejected_at_stage, not_in_subset, staged, rejected_at_cutover, loaded}]}: the funnel of the
// current full load (or the newest stage) and the newest cutover of that load that loaded.
Object::Ptr Funnel(const PageContext& ctx, const std::vector<db::RunRecord>& runs);

// {total_reasons, reasons: [{phase, source, entity, column, kind, count, newest_run, share,
// examples: [{line, raw, message}], runs: [{run, command, subset, dry_run, count}]}]}: rejects
// grouped by reason, ranked by their count in the newest run that has them.
Object::Ptr RejectReasons(const PageContext& ctx, const std::vector<db::RunRecord>& runs);

// {total_rules, rules: [{rule, check, entity, field, severity, failed, checked, rate, runs:
// [{run, subset, failed, checked, rate}], examples: [...]}]}: rules that failed in some run,
// ranked by their newest failures.
Object::Ptr RuleFailures(const PageContext& ctx, const std::vector<db::RunRecord>& runs);

// [{source, entity, field, rule, check, severity, run, failed, checked, rate}]: the worst failure rates by source in
// the newest validate of the full data (else the newest validate).
Array::Ptr WorstFields(const PageContext& ctx, const std::vector<db::RunRecord>& runs);

// [{phase, planned_seconds, actual_seconds, run, ratio}] from the newest plan's estimate and the
// newest successful full run of each phase.
Array::Ptr PlannedVsActual(const PageContext& ctx, const std::vector<db::RunRecord>& runs);

// Recommendations derived from the sections above: [{severity, text, basis}].
Array::Ptr Recommendations(const PageContext& ctx, const Object::Ptr& doc);

}  // namespace crm::reports::lessons
