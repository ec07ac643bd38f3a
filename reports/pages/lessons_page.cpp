// The lessons-learned close-out: every section built from the journal (lessons_*.cpp), a summary
// a reader who was not there can start from, and the HTML of it all.
#include "reports/html/charts.h"
#include "reports/html/page_frame.h"
#include "reports/journal/rows.h"
#include "reports/pages/doc_table.h"
#include "reports/pages/lessons.h"
#include "reports/pages/pages.h"
#include "validators/evidence/stats.h"

namespace crm::reports {
namespace {

// Runs drawn on the timeline (the table lists them all on the index).
constexpr size_t kRunsOnTimeline = 60;
constexpr size_t kFunnelCharts = 12;

Array::Ptr Notes(const PageContext& ctx, bool gate_overrides) {
  Array::Ptr out = new Array;
  for (const db::NoteRecord& n : ctx.journal.ListNotes()) {
    if ((n.kind == "gate_override") != gate_overrides) continue;
    Object::Ptr o = NewObject();
    o->set("id", static_cast<Poco::Int64>(n.id));
    o->set("run", n.run_id ? Poco::Dynamic::Var(static_cast<Poco::Int64>(*n.run_id))
                           : Poco::Dynamic::Var());
    o->set("kind", n.kind);
    o->set("author", n.author);
    o->set("created_at", n.created_at);
    o->set("text", n.text);
    out->add(o);
  }
  return out;
}

Object::Ptr Summary(const Object::Ptr& doc) {
  Object::Ptr s = NewObject();
  Array::Ptr timeline = Arr(doc, "timeline");
  s->set("runs", static_cast<Poco::Int64>(Size(timeline)));
  s->set("first_run_at", Size(timeline) ? Str(ObjAt(timeline, 0), "started_at") : "");
  s->set("last_run_at", Size(timeline) ? Str(ObjAt(timeline, Size(timeline) - 1), "started_at")
                                       : "");
  int64_t extracted = 0, staged = 0, rejected_stage = 0, rejected_cutover = 0, loaded = 0;
  bool any_loaded = false;
  Array::Ptr rows = Arr(Obj(doc, "funnel"), "rows");
  for (size_t i = 0; i < Size(rows); ++i) {
    Object::Ptr r = ObjAt(rows, i);
    extracted += Int(r, "extracted");
    staged += Int(r, "staged");
    rejected_stage += Int(r, "rejected_at_stage");
    rejected_cutover += Int(r, "rejected_at_cutover");
    any_loaded = any_loaded || Has(r, "loaded");
    loaded += Int(r, "loaded");
  }
  s->set("extracted", extracted);
  s->set("staged", staged);
  s->set("rejected_at_stage", rejected_stage);
  s->set("rejected_at_cutover", rejected_cutover);
  s->set("loaded", any_loaded ? Poco::Dynamic::Var(loaded) : Poco::Dynamic::Var());
  s->set("failing_rules", Int(Obj(doc, "rule_failures"), "total_rules"));
  s->set("reject_reasons", Int(Obj(doc, "reject_reasons"), "total_reasons"));
  s->set("forced_gates", static_cast<Poco::Int64>(Size(Arr(doc, "forced_gates"))));
  s->set("notes", static_cast<Poco::Int64>(Size(Arr(doc, "notes"))));
  s->set("recommendations", static_cast<Poco::Int64>(Size(Arr(doc, "recommendations"))));
  return s;
}

std::string SummaryText(const Object::Ptr& s) {
  std::string text = Str(s, "runs") + " runs between " + Str(s, "first_run_at") + " and " +
                     Str(s, "last_run_at") + ". Of " + Str(s, "extracted") +
                     " source rows, " + Str(s, "staged") + " were staged and " +
                     Str(s, "rejected_at_stage") + " rejected at stage";
  if (Has(s, "loaded")) {
    text += "; " + Str(s, "loaded") + " reached the target and " + Str(s, "rejected_at_cutover") +
            " were refused at cutover";
  } else {
    text += "; nothing has been loaded into the target yet";
  }
  text += ". " + Str(s, "failing_rules") + " rule(s) failed in some run, " +
          Str(s, "reject_reasons") + " distinct reject reason(s) were seen, the gate was forced " +
          Str(s, "forced_gates") + " time(s), and the team wrote " + Str(s, "notes") +
          " note(s).";
  return text;
}

void TimelineSection(HtmlWriter& html, const Object::Ptr& doc) {
  Array::Ptr timeline = Arr(doc, "timeline");
  html.Open("section", {{"id", "timeline"}});
  html.Element("h2", "Timeline of phases and runs");
  std::vector<Span> spans;
  const size_t first = Size(timeline) > kRunsOnTimeline ? Size(timeline) - kRunsOnTimeline : 0;
  std::optional<double> origin;
  for (size_t i = first; i < Size(timeline); ++i) {
    Object::Ptr r = ObjAt(timeline, i);
    std::optional<double> start = EpochSeconds(Str(r, "started_at"));
    if (!start) continue;
    if (!origin) origin = start;
    const double end = *start + Real(r, "seconds");
    std::string label = "#" + Str(r, "id") + " " + Str(r, "command");
    if (Has(r, "subset")) label += " " + Str(r, "subset");
    if (Bool(r, "dry_run")) label += " (dry run)";
    const std::string outcome = Str(r, "outcome");
    spans.push_back({label, *start - *origin, end - *origin,
                     outcome == "ok" ? "ok" : (outcome == "running" ? "muted" : "bad")});
  }
  if (spans.empty()) {
    EmptyNote(html, "No run has been journaled.");
  } else {
    TimelineChart(html, "Runs over time (green: ok, red: failed or gate)", spans);
  }
  ObjectTable(html, "timeline", timeline,
              {{"Run", "id", true}, {"Command", "command"}, {"Subset", "subset"},
               {"Dry run", "dry_run"}, {"Started", "started_at"}, {"Seconds", "seconds", true},
               {"Outcome", "outcome"}},
              "");
  html.Close();
}

void FunnelSection(HtmlWriter& html, const Object::Ptr& doc) {
  Object::Ptr funnel = Obj(doc, "funnel");
  Array::Ptr rows = Arr(funnel, "rows");
  html.Open("section", {{"id", "funnel"}});
  html.Element("h2", "Funnel: extracted to loaded, per source and entity");
  html.Element("p", "Stage run " + (Has(funnel, "stage_run") ? Str(funnel, "stage_run") : "-") +
                        ", cutover " +
                        (Has(funnel, "cutover_run") ? Str(funnel, "cutover_run") : "not yet") +
                        ". Records merged into another golden record count as loaded with it.");
  ObjectTable(html, "funnel", rows,
              {{"Source", "source"}, {"Entity", "entity"}, {"Extracted", "extracted", true},
               {"Out of scope", "out_of_scope", true}, {"Suppressed", "suppressed", true},
               {"Rejected at stage", "rejected_at_stage", true},
               {"Not in subset", "not_in_subset", true}, {"Staged", "staged", true},
               {"Refused at cutover", "rejected_at_cutover", true}, {"Loaded", "loaded", true}},
              "No stage has run yet.");
  for (size_t i = 0; i < Size(rows) && i < kFunnelCharts; ++i) {
    Object::Ptr r = ObjAt(rows, i);
    std::vector<FunnelStep> steps = {
        {"extracted", Int(r, "extracted"), "info"},
        {"in scope", Int(r, "extracted") - Int(r, "out_of_scope") - Int(r, "suppressed"), "info"},
        {"staged", Int(r, "staged"), "info"}};
    if (Has(r, "loaded")) steps.push_back({"loaded", Int(r, "loaded"), "ok"});
    FunnelChart(html, Str(r, "source") + " → " + Str(r, "entity"), steps);
  }
  html.Close();
}

std::string RejectTrend(const Object::Ptr& reason) {
  std::string out;
  Array::Ptr runs = Arr(reason, "runs");
  for (size_t i = 0; i < Size(runs); ++i) {
    Object::Ptr t = ObjAt(runs, i);
    out += (out.empty() ? "" : " → ") + std::string("run ") + Str(t, "run") +
           (Has(t, "subset") ? " (" + Str(t, "subset") + ")" : "") + ": " + Str(t, "count");
  }
  return out;
}

std::string RuleTrend(const Object::Ptr& rule) {
  std::string out;
  Array::Ptr runs = Arr(rule, "runs");
  for (size_t i = 0; i < Size(runs); ++i) {
    Object::Ptr t = ObjAt(runs, i);
    out += (out.empty() ? "" : " → ") + std::string("run ") + Str(t, "run") +
           (Has(t, "subset") ? " (" + Str(t, "subset") + ")" : "") + ": " + Str(t, "failed") +
           "/" + Str(t, "checked");
  }
  return out;
}

std::string ExampleText(const Object::Ptr& e) {
  std::string where = Has(e, "key") ? Str(e, "key") + " " : "";
  where += Has(e, "source") ? Str(e, "source") : "";
  where += Has(e, "line") ? " line " + Str(e, "line") : "";
  const std::string value = Has(e, "raw") ? Str(e, "raw") : (Has(e, "value") ? Str(e, "value") : "NULL");
  return where + ": " + value + " — " + Str(e, "message");
}

void RejectsSection(HtmlWriter& html, const Object::Ptr& doc) {
  Object::Ptr rr = Obj(doc, "reject_reasons");
  Array::Ptr reasons = Arr(rr, "reasons");
  html.Open("section", {{"id", "reject-reasons"}});
  html.Element("h2", "Top reject reasons");
  if (Size(reasons) == 0) {
    EmptyNote(html, "No row was rejected.");
    html.Close();
    return;
  }
  html.Element("p", "The " + std::to_string(Size(reasons)) + " most frequent of " +
                        Str(rr, "total_reasons") +
                        " reasons, by their count in the newest run that has them.");
  const std::vector<Column> cols = {{"Phase", "phase"},       {"Source", "source"},
                                    {"Entity", "entity"},     {"Column", "column"},
                                    {"Kind", "kind"},         {"Rows", "count", true},
                                    {"Share", "share", true}, {"Across runs", "runs"},
                                    {"Examples (masked)", "examples"}};
  BeginTable(html, "reject-reasons", cols);
  std::vector<Bar> bars;
  for (size_t i = 0; i < Size(reasons); ++i) {
    Object::Ptr r = ObjAt(reasons, i);
    html.Open("tr");
    for (size_t c = 0; c < 5; ++c) Cell(html, cols[c], CellText(r, cols[c].key));
    Cell(html, cols[5], Str(r, "count"));
    Cell(html, cols[6], Has(r, "share") ? validate::Percent(Real(r, "share")) : "-");
    Cell(html, cols[7], RejectTrend(r));
    html.Open("td", {{"data-field", "examples"}, {"class", "raw"}});
    Array::Ptr examples = Arr(r, "examples");
    for (size_t k = 0; k < Size(examples); ++k) html.Element("div", ExampleText(ObjAt(examples, k)));
    html.Close();
    html.Close();
    bars.push_back({Str(r, "source") + " " + Str(r, "kind") +
                        (Str(r, "column").empty() ? "" : " " + Str(r, "column")),
                    static_cast<double>(Int(r, "count")), "", "bad"});
  }
  EndTable(html);
  BarChart(html, "Rejected rows per reason (newest run)", bars);
  html.Close();
}

void RulesSection(HtmlWriter& html, const Object::Ptr& doc) {
  Object::Ptr rf = Obj(doc, "rule_failures");
  Array::Ptr rules = Arr(rf, "rules");
  html.Open("section", {{"id", "rule-failures"}});
  html.Element("h2", "Rule failures across runs");
  if (Size(rules) == 0) {
    EmptyNote(html, "No rule failed in any validate run.");
    html.Close();
    return;
  }
  const std::vector<Column> cols = {{"Rule", "rule"},          {"Severity", "severity"},
                                    {"Failed", "failed", true}, {"Checked", "checked", true},
                                    {"Rate", "rate", true},     {"Across runs", "runs"},
                                    {"Examples (masked)", "examples"}};
  BeginTable(html, "rule-failures", cols);
  for (size_t i = 0; i < Size(rules); ++i) {
    Object::Ptr r = ObjAt(rules, i);
    html.Open("tr", {{"data-rule", Str(r, "rule")}});
    for (size_t c = 0; c < 5; ++c) Cell(html, cols[c], Str(r, cols[c].key));
    Cell(html, cols[5], RuleTrend(r));
    html.Open("td", {{"data-field", "examples"}, {"class", "raw"}});
    Array::Ptr examples = Arr(r, "examples");
    for (size_t k = 0; k < Size(examples); ++k) html.Element("div", ExampleText(ObjAt(examples, k)));
    html.Close();
    html.Close();
  }
  EndTable(html);
  html.Close();
}

void WorstSection(HtmlWriter& html, const Object::Ptr& doc) {
  Array::Ptr worst = Arr(doc, "worst_fields");
  html.Open("section", {{"id", "worst-fields"}});
  html.Element("h2", "Fields with the worst quality, by source");
  ObjectTable(html, "worst-fields", worst,
              {{"Source", "source"}, {"Entity", "entity"}, {"Field", "field"}, {"Rule", "rule"},
               {"Failed", "failed", true}, {"Checked", "checked", true}, {"Rate", "rate", true}},
              "No field failed a rule in the newest validate.");
  std::vector<Bar> bars;
  for (size_t i = 0; i < Size(worst); ++i) {
    Object::Ptr w = ObjAt(worst, i);
    bars.push_back({Str(w, "source") + " " + Str(w, "entity") + "." + Str(w, "field"),
                    100.0 * Int(w, "failed") / std::max<int64_t>(1, Int(w, "checked")),
                    Str(w, "rate"), "warn"});
  }
  if (!bars.empty()) BarChart(html, "Failure rate by source and field", bars);
  html.Close();
}

void TimingSection(HtmlWriter& html, const Object::Ptr& doc) {
  Array::Ptr timing = Arr(doc, "planned_vs_actual");
  html.Open("section", {{"id", "planned-vs-actual"}});
  html.Element("h2", "Planned against actual time per phase");
  ObjectTable(html, "planned-vs-actual", timing,
              {{"Phase", "phase"}, {"Planned (s)", "planned_seconds", true},
               {"Actual (s)", "actual_seconds", true}, {"Run", "run", true},
               {"Actual / planned", "ratio", true}},
              "No plan estimate and no full run of a phase yet.");
  std::vector<Bar> bars;
  for (size_t i = 0; i < Size(timing); ++i) {
    Object::Ptr t = ObjAt(timing, i);
    if (Has(t, "planned_seconds")) {
      bars.push_back({Str(t, "phase") + " planned", Real(t, "planned_seconds"), "", "muted"});
    }
    if (Has(t, "actual_seconds")) {
      bars.push_back({Str(t, "phase") + " actual", Real(t, "actual_seconds"), "", "info"});
    }
  }
  if (!bars.empty()) BarChart(html, "Seconds per phase, planned and actual", bars);
  html.Close();
}

void NotesSection(HtmlWriter& html, const Object::Ptr& doc) {
  html.Open("section", {{"id", "forced-gates"}});
  html.Element("h2", "Forced gates");
  ObjectTable(html, "forced-gates", Arr(doc, "forced_gates"),
              {{"Run", "run", true}, {"When", "created_at"}, {"Who", "author"},
               {"Reason", "text"}},
              "The cutover gate was never forced.");
  html.Close();
  html.Open("section", {{"id", "notes"}});
  html.Element("h2", "The team's notes");
  ObjectTable(html, "notes", Arr(doc, "notes"),
              {{"When", "created_at"}, {"Who", "author"}, {"Run", "run", true},
               {"Kind", "kind"}, {"Note", "text"}},
              "No note yet: write one with crm-migrate note \"...\".");
  html.Close();
}

void RecommendationsSection(HtmlWriter& html, const Object::Ptr& doc) {
  Array::Ptr recs = Arr(doc, "recommendations");
  html.Open("section", {{"id", "recommendations"}});
  html.Element("h2", "Recommendations");
  if (Size(recs) == 0) {
    EmptyNote(html, "The journal shows nothing to act on.");
  } else {
    html.Open("ol", {{"class", "recommendations"}});
    for (size_t i = 0; i < Size(recs); ++i) {
      Object::Ptr r = ObjAt(recs, i);
      html.Open("li", {{"class", "severity-" + Str(r, "severity")}});
      html.Element("strong", Str(r, "severity") + ": ");
      html.Text(Str(r, "text"));
      html.Element("span", " (" + Str(r, "basis") + ")", {{"class", "empty"}});
      html.Close();
    }
    html.Close();
  }
  html.Close();
}

}  // namespace

Object::Ptr BuildLessonsDoc(const PageContext& ctx) {
  Object::Ptr doc = NewPageDoc(ctx, "lessons", "lessons-learned");
  const std::vector<db::RunRecord> runs = ctx.journal.ListRuns();  // newest first
  doc->set("timeline", lessons::Timeline(ctx, runs));
  doc->set("funnel", lessons::Funnel(ctx, runs));
  doc->set("reject_reasons", lessons::RejectReasons(ctx, runs));
  doc->set("rule_failures", lessons::RuleFailures(ctx, runs));
  doc->set("worst_fields", lessons::WorstFields(ctx, runs));
  doc->set("planned_vs_actual", lessons::PlannedVsActual(ctx, runs));
  doc->set("forced_gates", Notes(ctx, true));
  doc->set("notes", Notes(ctx, false));
  doc->set("recommendations", lessons::Recommendations(ctx, doc));
  doc->set("summary", Summary(doc));
  return doc;
}

std::string RenderLessonsHtml(const Object::Ptr& doc) {
  HtmlWriter html;
  BeginPage(html, doc, "Lessons learned");
  html.Open("section", {{"id", "summary"}});
  html.Element("h2", "In short");
  html.Element("p", SummaryText(Obj(doc, "summary")), {{"data-field", "summary"}});
  html.Close();
  RecommendationsSection(html, doc);
  TimelineSection(html, doc);
  FunnelSection(html, doc);
  RejectsSection(html, doc);
  RulesSection(html, doc);
  WorstSection(html, doc);
  TimingSection(html, doc);
  NotesSection(html, doc);
  EndPage(html, doc);
  return html.Finish();
}

}  // namespace crm::reports
