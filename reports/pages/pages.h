// The pages. Each is built as a JSON document from the journal (Build*Doc: the content of
// <page>.json) and rendered to HTML from that same document (Render*Html), so the two never
// disagree. Builders read only; they throw crm::Error(kIo) when the journal cannot be read.
#pragma once

#include <string>
#include <vector>

#include "reports/pages/context.h"

namespace crm::reports {

// Plan (a `plan` run): sources and their column profiles, mapping coverage, scope, the estimate,
// owner and roles, findings — from _plans.plan_json; members it lacks are left out.
Object::Ptr BuildPlanDoc(const PageContext& ctx, const db::RunRecord& run);
std::string RenderPlanHtml(const Object::Ptr& doc);

// Quality (a `validate` run): each rule's counts, rate, interval, threshold, verdict, trend and
// masked failing samples (at most max_samples), duplicates found and possible matches to review.
Object::Ptr BuildQualityDoc(const PageContext& ctx, const db::RunRecord& run);
std::string RenderQualityHtml(const Object::Ptr& doc);

// Cutover (a `cutover` run): per entity inserted / updated / unchanged / rejected, each batch's
// rows, duration and throughput, the reconciliation staged → golden → loaded + rejected with any
// difference, the rejected rows (masked), and whether it was a dry run.
Object::Ptr BuildCutoverDoc(const PageContext& ctx, const db::RunRecord& run);
std::string RenderCutoverHtml(const Object::Ptr& doc);

// Lessons learned: the close-out across every run (see lessons_*.cpp for each section).
Object::Ptr BuildLessonsDoc(const PageContext& ctx);
std::string RenderLessonsHtml(const Object::Ptr& doc);

// The index: every run, newest first, with a link to its page when it has one.
Object::Ptr BuildIndexDoc(const PageContext& ctx);
std::string RenderIndexHtml(const Object::Ptr& doc);

}  // namespace crm::reports
