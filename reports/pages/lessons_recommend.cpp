// Lessons learned: recommendations derived from what the other sections found — every one names
// the figures it rests on, and none is written for a particular data set. They are ranked by the
// share of records concerned.
#include <algorithm>
#include <cstdio>

#include "reports/pages/lessons.h"
#include "validators/evidence/stats.h"

namespace crm::reports::lessons {
namespace {

struct Advice {
  double weight = 0;  // share of the records concerned; ranks the list
  std::string severity, text, basis;
};

std::string Pct(double share) { return validate::Percent(share); }

// A rule's finding is as urgent as the rule's severity says.
std::string Level(const std::string& severity) {
  if (severity == "error") return "high";
  return severity == "warning" ? "medium" : "low";
}

// A phase over its estimate matters once the difference would move a cutover window.
constexpr double kSlowerBy = 1.5;
constexpr double kMattersAfterSeconds = 60;

std::string FieldTypeOf(const spec::Spec& spec, const std::string& entity,
                        const std::string& field) {
  const spec::Entity* e = spec.FindEntity(entity);
  // A rule on several fields names them "a,b": the first one decides the kind of value.
  const spec::Field* f = e ? e->FindField(field.substr(0, field.find(','))) : nullptr;
  return f ? std::string(spec::Name(f->type)) : "";
}

std::string FromRule(const PageContext& ctx, const Object::Ptr& w) {
  const std::string source = Str(w, "source"), entity = Str(w, "entity"),
                    field = Str(w, "field"), check = Str(w, "check");
  const std::string what = Str(w, "rate") + " of " + entity + "." + field + " values from " +
                           "source " + source + " (" + Str(w, "failed") + " of " +
                           Str(w, "checked") + ")";
  const std::string type = FieldTypeOf(ctx.spec, entity, field);
  if (check == "format" && type == "phone") {
    return what + " are not valid phone numbers: set default_region for " + source +
           " (numbers without a country code are read in that region) or fix them at the source";
  }
  if (check == "format" && type == "email") {
    return what + " are not valid e-mail addresses: fix them at the source; cutover loads them "
                  "as they are unless the rule blocks";
  }
  if (check == "format") return what + " do not have the expected format: fix them at the source "
                                        "or add a transform that normalises them";
  if (check == "required") {
    return what + " are empty though required: map a source column or a default for them, or "
                  "complete them at the source";
  }
  if (check == "reference") {
    return what + " point to records that are not migrated: bring the referenced records into "
                  "scope, or clear the references before cutover";
  }
  if (check == "allowed") {
    return what + " are not among the allowed values: extend the value_map for " + source +
           " or agree the missing values with the target's owner";
  }
  if (check == "unique") {
    return what + " share their value with another record: let identity resolution merge them "
                  "(match: same " + field + ") or decide them in the review file";
  }
  if (check == "stale") {
    return what + " have not changed for longer than the rule allows: agree with the data owner "
                  "whether to migrate them (a where: filter scopes them out)";
  }
  return what + " fail " + Str(w, "rule") + ": review the failing samples on the quality page";
}

std::string FromReject(const Object::Ptr& r) {
  const std::string phase = Str(r, "phase"), source = Str(r, "source"), kind = Str(r, "kind"),
                    column = Str(r, "column"), entity = Str(r, "entity");
  const std::string share = Has(r, "share") ? " (" + Pct(Real(r, "share")) + " of the rows)" : "";
  Object::Ptr example = ObjAt(Arr(r, "examples"), 0);
  const std::string why = example ? ": " + Str(example, "message") : "";
  if (phase == "stage" && entity.empty()) {
    if (kind == "encoding") {
      return Str(r, "count") + " rows of source " + source + share +
             " are not valid in its encoding" + why +
             ". Check the source's encoding: setting or re-export the file as UTF-8";
    }
    return Str(r, "count") + " rows of source " + source + share + " could not be read (" +
           kind + ")" + why + ". Repair the export; each row is in _rejects with its line";
  }
  if (phase == "stage" && kind == "transform") {
    return Str(r, "count") + " values of column " + column + " in source " + source + share +
           " could not be converted" + why +
           ". Extend the transform's options (formats, value maps) or fix them at the source";
  }
  if (phase == "cutover") {
    return Str(r, "count") + " " + entity + " records from " + source +
           " were refused at cutover (" + kind + ")" + why +
           ". Add a rule that finds them at validate, fix them, then cutover --retry-rejects";
  }
  return Str(r, "count") + " rows of " + source + share + " were rejected at " + phase + " (" +
         kind + (column.empty() ? "" : ", column " + column) + ")" + why;
}

std::string Seconds(double s) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.1f", s);
  return buffer;
}

}  // namespace

Array::Ptr Recommendations(const PageContext& ctx, const Object::Ptr& doc) {
  std::vector<Advice> advice;
  Array::Ptr worst = Arr(doc, "worst_fields");
  for (size_t i = 0; i < Size(worst); ++i) {
    Object::Ptr w = ObjAt(worst, i);
    const double share = static_cast<double>(Int(w, "failed")) /
                         static_cast<double>(std::max<int64_t>(1, Int(w, "checked")));
    advice.push_back({share, Level(Str(w, "severity")),
                      FromRule(ctx, w),
                      "rule " + Str(w, "rule") + ", validate run " + Str(w, "run")});
  }
  Array::Ptr reasons = Arr(Obj(doc, "reject_reasons"), "reasons");
  for (size_t i = 0; i < Size(reasons); ++i) {
    Object::Ptr r = ObjAt(reasons, i);
    if (Int(r, "count") == 0) continue;  // fixed in the newest run
    const double share = Has(r, "share") ? Real(r, "share") : 0.01;
    advice.push_back({share, Str(r, "phase") == "cutover" || share >= 0.05 ? "high" : "medium",
                      FromReject(r),
                      "_rejects of run " + Str(r, "newest_run") + " (" + Str(r, "phase") + ", " +
                          Str(r, "kind") + ")"});
  }
  Array::Ptr gates = Arr(doc, "forced_gates");
  if (Size(gates) > 0) {
    advice.push_back({1.0, "high",
                      "The cutover gate was forced " + std::to_string(Size(gates)) +
                          " time(s): confirm before sign-off that each reason given was resolved",
                      "notes of kind gate_override"});
  }
  Array::Ptr timing = Arr(doc, "planned_vs_actual");
  for (size_t i = 0; i < Size(timing); ++i) {
    Object::Ptr t = ObjAt(timing, i);
    if (!Has(t, "ratio") || Real(t, "ratio") < kSlowerBy ||
        Real(t, "actual_seconds") - Real(t, "planned_seconds") < kMattersAfterSeconds) {
      continue;
    }
    advice.push_back({0.0, "medium",
                      Str(t, "phase") + " took " + Seconds(Real(t, "ratio")) +
                          " times the plan's estimate (" + Seconds(Real(t, "actual_seconds")) +
                          " s against " + Seconds(Real(t, "planned_seconds")) +
                          " s): plan the cutover window with the measured time",
                      "plan run " + Str(t, "plan_run") + ", run " + Str(t, "run")});
  }
  // Most urgent first, then by the share of records concerned.
  const auto rank = [](const std::string& severity) {
    return severity == "high" ? 0 : (severity == "medium" ? 1 : 2);
  };
  std::stable_sort(advice.begin(), advice.end(), [&rank](const Advice& a, const Advice& b) {
    if (rank(a.severity) != rank(b.severity)) return rank(a.severity) < rank(b.severity);
    return a.weight > b.weight;
  });
  Array::Ptr out = new Array;
  for (const Advice& a : advice) {
    Object::Ptr o = NewObject();
    o->set("severity", a.severity);
    o->set("text", a.text);
    o->set("basis", a.basis);
    out->add(o);
  }
  return out;
}

}  // namespace crm::reports::lessons
