// index.html: every run of the migration, newest first, linking each to its page.
#include "reports/html/page_frame.h"
#include "reports/html/table.h"
#include "reports/pages/pages.h"

namespace crm::reports {

Object::Ptr BuildIndexDoc(const PageContext& ctx) {
  Object::Ptr doc = NewPageDoc(ctx, "index", "index");
  Array::Ptr runs = new Array;
  for (const db::RunRecord& run : ctx.journal.ListRuns()) {
    Object::Ptr o = RunJson(run);
    const std::string page = RunPageFile(run);
    o->set("page", page.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(page + ".html"));
    runs->add(o);
  }
  doc->set("runs", runs);
  doc->set("lessons_learned", "lessons-learned.html");
  return doc;
}

std::string RenderIndexHtml(const Object::Ptr& doc) {
  HtmlWriter html;
  BeginPage(html, doc, "Runs of the migration");
  html.Open("section", {{"id", "close-out"}});
  html.Open("p").Text("The close-out across all runs: ");
  html.Element("a", "Lessons learned", {{"href", Str(doc, "lessons_learned")}});
  html.Close();
  html.Close();
  html.Open("section", {{"id", "runs"}});
  html.Element("h2", "Every run, newest first");
  Array::Ptr runs = Arr(doc, "runs");
  const std::vector<Column> cols = {
      {"Run", "id", true},      {"Command", "command"},   {"Subset", "subset"},
      {"Started", "started_at"}, {"Seconds", "seconds", true}, {"Outcome", "outcome"},
      {"Exit", "exit_code", true}, {"Counts", "counts"},  {"Page", "page"}};
  if (Size(runs) == 0) {
    EmptyNote(html, "No run has been journaled yet.");
  } else {
    BeginTable(html, "runs", cols);
    for (size_t i = 0; i < Size(runs); ++i) {
      Object::Ptr r = ObjAt(runs, i);
      html.Open("tr", {{"data-run", Str(r, "id")}});
      Cell(html, cols[0], Str(r, "id"));
      Cell(html, cols[1], Str(r, "command"));
      Cell(html, cols[2], Has(r, "subset") ? Str(r, "subset") : "full");
      Cell(html, cols[3], Str(r, "started_at"));
      Cell(html, cols[4], Has(r, "seconds") ? Str(r, "seconds") : "-");
      const std::string outcome = Str(r, "outcome");
      Cell(html, cols[5], outcome, outcome == "ok" ? "verdict-pass" : "verdict-fail");
      Cell(html, cols[6], Has(r, "exit_code") ? Str(r, "exit_code") : "-");
      std::string counts;
      Object::Ptr c = Obj(r, "counts");
      if (c) {
        for (const std::string& name : c->getNames()) {
          counts += (counts.empty() ? "" : ", ") + name + " " + Str(c, name);
        }
      }
      Cell(html, cols[7], counts);
      html.Open("td", {{"data-field", "page"}});
      if (Has(r, "page")) html.Element("a", Str(r, "page"), {{"href", Str(r, "page")}});
      html.Close();
      html.Close();
    }
    EndTable(html);
  }
  html.Close();
  EndPage(html, doc);
  return html.Finish();
}

}  // namespace crm::reports
