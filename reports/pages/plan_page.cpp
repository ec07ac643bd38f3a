// The plan page of one plan run: _plans.plan_json as the plan module wrote it (values of PII
// columns already masked there), rendered section by section; a member the plan lacks is left
// out, so an older or newer plan document still renders.
#include "core/db/json_util.h"
#include "reports/html/charts.h"
#include "reports/html/page_frame.h"
#include "reports/journal/rows.h"
#include "reports/pages/doc_table.h"
#include "reports/pages/pages.h"
#include "validators/evidence/mask.h"

namespace crm::reports {
namespace {

// Top values and samples shown per column; the JSON keeps what the plan kept.
constexpr size_t kValuesShown = 3;

std::string FirstValues(const Array::Ptr& items, const std::string& key) {
  std::string out;
  for (size_t i = 0; i < Size(items) && i < kValuesShown; ++i) {
    Object::Ptr o = ObjAt(items, i);
    const std::string v = o ? Str(o, key) + " (" + Str(o, "count") + ")" : VarText(items->get(i));
    out += (out.empty() ? "" : "; ") + v;
  }
  return out.empty() ? "-" : out;
}

// Examples of a type conflict come from the source column: masked when that column is PII,
// whatever the plan did, unless the reader asked for PII.
void MaskConflictExamples(const Object::Ptr& plan, bool show_pii) {
  if (show_pii) return;
  Array::Ptr conflicts = Arr(Obj(plan, "coverage"), "type_conflicts");
  Array::Ptr sources = Arr(plan, "sources");
  for (size_t i = 0; i < Size(conflicts); ++i) {
    Object::Ptr c = ObjAt(conflicts, i);
    bool pii = false;
    for (size_t s = 0; s < Size(sources); ++s) {
      Object::Ptr src = ObjAt(sources, s);
      if (Str(src, "name") != Str(c, "source")) continue;
      Array::Ptr columns = Arr(src, "columns");
      for (size_t k = 0; k < Size(columns); ++k) {
        Object::Ptr col = ObjAt(columns, k);
        pii = pii || (Str(col, "name") == Str(c, "column") && Bool(col, "pii"));
      }
    }
    Array::Ptr examples = Arr(c, "examples");
    if (!pii || !examples) continue;
    Array::Ptr masked = new Array;
    for (size_t k = 0; k < examples->size(); ++k) {
      masked->add(validate::MaskPii(VarText(examples->get(k)), validate::MaskKind::kOther));
    }
    c->set("examples", masked);
  }
}

void SourcesSection(HtmlWriter& html, const Object::Ptr& plan) {
  Array::Ptr sources = Arr(plan, "sources");
  html.Open("section", {{"id", "sources"}});
  html.Element("h2", "Sources and their profiles");
  ObjectTable(html, "sources", sources,
              {{"Source", "name"}, {"Kind", "kind"}, {"Rows", "rows", true},
               {"Unreadable rows", "rejects", true}, {"Decisions", "decisions"}},
              "The plan profiled no source.");
  const std::vector<Column> cols = {
      {"Column", "name"},        {"Rows", "rows", true},     {"Empty", "empty", true},
      {"Null", "null", true},    {"Distinct", "distinct", true}, {"Length", "length"},
      {"Inferred", "inferred"},  {"Top values", "top"},      {"Shapes", "shapes"},
      {"Samples", "samples"},    {"PII", "pii"}};
  for (size_t s = 0; s < Size(sources); ++s) {
    Object::Ptr src = ObjAt(sources, s);
    Array::Ptr columns = Arr(src, "columns");
    if (Size(columns) == 0) continue;
    html.Element("h3", "Columns of " + Str(src, "name"));
    BeginTable(html, "columns", cols);
    for (size_t i = 0; i < Size(columns); ++i) {
      Object::Ptr c = ObjAt(columns, i);
      Object::Ptr distinct = Obj(c, "distinct");
      Object::Ptr inferred = Obj(c, "inferred");
      html.Open("tr", {{"data-column", Str(c, "name")}});
      Cell(html, cols[0], Str(c, "name"));
      Cell(html, cols[1], CellText(c, "rows"));
      Cell(html, cols[2], CellText(c, "empty"));
      Cell(html, cols[3], CellText(c, "null"));
      Cell(html, cols[4], distinct ? (Bool(distinct, "exact") ? "" : "≈") + Str(distinct, "value")
                                   : CellText(c, "distinct"));
      Cell(html, cols[5], Has(c, "min_length")
                              ? Str(c, "min_length") + "–" + Str(c, "max_length")
                              : "-");
      Cell(html, cols[6], inferred ? Str(inferred, "type") + " " +
                                         std::to_string(static_cast<int>(
                                             Real(inferred, "share") * 100 + 0.5)) +
                                         "%" +
                                         (Str(inferred, "format").empty()
                                              ? ""
                                              : " " + Str(inferred, "format"))
                                   : "-");
      Cell(html, cols[7], FirstValues(Arr(c, "top"), "value"), "raw");
      Cell(html, cols[8], FirstValues(Arr(c, "shapes"), "shape"), "raw");
      Cell(html, cols[9], FirstValues(Arr(c, "samples"), ""), "raw");
      Cell(html, cols[10], Bool(c, "pii") ? "yes (masked)" : "no");
      html.Close();
    }
    EndTable(html);
  }
  html.Close();
}

void CoverageSection(HtmlWriter& html, const Object::Ptr& plan) {
  Object::Ptr cov = Obj(plan, "coverage");
  html.Open("section", {{"id", "coverage"}});
  html.Element("h2", "Mapping coverage: what moves, what is dropped and why");
  if (!cov) {
    EmptyNote(html, "The plan holds no coverage.");
    html.Close();
    return;
  }
  html.Element("h3", "Source columns no mapping reads (dropped)");
  ObjectTable(html, "unmapped", Arr(cov, "unmapped_columns"),
              {{"Source", "source"}, {"Column", "column"}}, "Every column is mapped.");
  html.Element("h3", "Fields no source fills");
  ObjectTable(html, "unfilled", Arr(cov, "unfilled_fields"),
              {{"Entity", "entity"}, {"Field", "field"}, {"Required", "required"}},
              "Every field is filled by some source.");
  html.Element("h3", "Required fields that may arrive empty");
  ObjectTable(html, "may-be-empty", Arr(cov, "required_may_be_empty"),
              {{"Entity", "entity"}, {"Field", "field"}, {"Source", "source"},
               {"Empty share", "empty_share", true}, {"Nulled share", "nulled_share", true},
               {"Not mapped", "not_mapped"}},
              "None.");
  html.Element("h3", "Type conflicts");
  ObjectTable(html, "type-conflicts", Arr(cov, "type_conflicts"),
              {{"Entity", "entity"}, {"Field", "field"}, {"Source", "source"},
               {"Column", "column"}, {"Expected", "expected"}, {"Inferred", "inferred"},
               {"Share fitting", "share_fitting", true}, {"Examples", "examples"}},
              "None.");
  html.Element("h3", "References to entities that are not migrated");
  ObjectTable(html, "missing-references", Arr(cov, "missing_references"),
              {{"Entity", "entity"}, {"Field", "field"}, {"To", "to"}}, "None.");
  html.Element("h3", "Values the value maps do not cover");
  ObjectTable(html, "value-map-misses", Arr(cov, "value_map_misses"),
              {{"Entity", "entity"}, {"Field", "field"}, {"Source", "source"},
               {"Value", "value"}, {"Rows", "count", true}, {"Blocking", "blocking"}},
              "None.");
  html.Close();
}

void ScopeAndEstimate(HtmlWriter& html, const Object::Ptr& plan) {
  Array::Ptr scope = Arr(plan, "scope");
  html.Open("section", {{"id", "scope"}});
  html.Element("h2", "Scope");
  ObjectTable(html, "scope", scope,
              {{"Source", "source"}, {"Entity", "entity"}, {"In scope", "in", true},
               {"Out of scope", "out", true}},
              "The plan counted no scope.");
  std::vector<Bar> bars;
  for (size_t i = 0; i < Size(scope); ++i) {
    Object::Ptr s = ObjAt(scope, i);
    bars.push_back({Str(s, "source") + " → " + Str(s, "entity"),
                    static_cast<double>(Int(s, "in")), "", "info"});
  }
  if (!bars.empty()) BarChart(html, "Records in scope per source and entity", bars);
  html.Close();

  Object::Ptr est = Obj(plan, "estimate");
  html.Open("section", {{"id", "estimate"}});
  html.Element("h2", "Estimate");
  if (!est) {
    EmptyNote(html, "The plan holds no estimate.");
  } else {
    html.Element("p", "For " + Str(est, "rows") + " rows; basis: " + Str(est, "basis"),
                 {{"data-field", "estimate_basis"}});
    std::vector<Bar> phases;
    for (const char* phase : {"stage", "validate", "cutover"}) {
      const std::string key = std::string(phase) + "_seconds";
      if (Has(est, key)) phases.push_back({phase, Real(est, key), Str(est, key) + " s", "info"});
    }
    if (!phases.empty()) BarChart(html, "Estimated seconds per phase", phases);
  }
  html.Close();
}

}  // namespace

Object::Ptr BuildPlanDoc(const PageContext& ctx, const db::RunRecord& run) {
  db::Database& db = ctx.journal.db();
  Object::Ptr doc = NewPageDoc(ctx, "plan", "plan-run" + std::to_string(run.id));
  doc->set("run", RunJson(run));
  std::vector<Row> rows =
      QueryRows(db, "the plan",
                "SELECT " + db.Quote("plan_json") + " FROM " + db.Quote("_plans") + " WHERE " +
                    db.Quote("run_id") + " = :run",
                {run.id});
  Object::Ptr plan = rows.empty() ? nullptr : db::ParseJsonObject(Text(rows.front(), 0));
  if (plan) MaskConflictExamples(plan, ctx.show_pii);
  doc->set("plan", plan ? Poco::Dynamic::Var(plan) : Poco::Dynamic::Var());
  return doc;
}

std::string RenderPlanHtml(const Object::Ptr& doc) {
  HtmlWriter html;
  Object::Ptr run = Obj(doc, "run");
  Object::Ptr plan = Obj(doc, "plan");
  BeginPage(html, doc, "Plan — run " + Str(run, "id"));
  html.Open("section", {{"id", "governance"}});
  html.Element("h2", "Owner and roles");
  Object::Ptr gov = Obj(plan, "governance");
  html.Element("p", "Owner: " + (Str(gov, "owner").empty() ? Str(doc, "owner") : Str(gov, "owner")),
               {{"data-field", "owner"}});
  Object::Ptr roles = Obj(gov, "roles") ? Obj(gov, "roles") : Obj(doc, "roles");
  if (roles && roles->size() > 0) {
    html.Open("ul", {{"class", "roles"}});
    for (const std::string& role : roles->getNames()) {
      html.Element("li", role + ": " + Str(roles, role));
    }
    html.Close();
  }
  if (Size(Arr(gov, "pii_fields")) > 0) {
    html.Element("h3", "Fields holding personal data");
    ObjectTable(html, "pii-fields", Arr(gov, "pii_fields"),
                {{"Entity", "entity"}, {"Field", "field"}, {"Mode", "mode"}}, "");
  }
  html.Close();
  if (!plan) {
    html.Open("section", {{"id", "missing"}});
    EmptyNote(html, "This plan run journaled no plan (it failed before the plan was complete).");
    html.Close();
    EndPage(html, doc);
    return html.Finish();
  }
  html.Open("section", {{"id", "findings"}});
  html.Element("h2", "Findings");
  Array::Ptr findings = Arr(plan, "findings");
  if (Size(findings) == 0) {
    EmptyNote(html, "No finding.");
  } else {
    html.Open("ul", {{"class", "findings"}});
    for (size_t i = 0; i < Size(findings); ++i) {
      Object::Ptr f = ObjAt(findings, i);
      html.Element("li", Str(f, "level") + " " + Str(f, "code") + ": " + Str(f, "message"),
                   {{"class", "level-" + Str(f, "level")}});
    }
    html.Close();
  }
  html.Close();
  SourcesSection(html, plan);
  CoverageSection(html, plan);
  ScopeAndEstimate(html, plan);
  EndPage(html, doc);
  return html.Finish();
}

}  // namespace crm::reports
