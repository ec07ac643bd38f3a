// The quality page of one validate run, from _results, _failures and _possible_matches.
#include <map>

#include "core/db/json_util.h"
#include "reports/html/charts.h"
#include "reports/html/page_frame.h"
#include "reports/html/table.h"
#include "reports/journal/rows.h"
#include "reports/pages/pages.h"
#include "validators/evidence/stats.h"

namespace crm::reports {
namespace {

std::string Verdict(bool passed, bool blocking) {
  if (passed) return "pass";
  return blocking ? "fail: blocks cutover" : "over max_fail, not blocking";
}

// Failing samples per rule, the first max_samples of each (validate already capped them).
std::map<std::string, Array::Ptr> ReadSamples(const PageContext& ctx, int64_t run_id,
                                              std::map<std::string, int64_t>* stored) {
  db::Database& db = ctx.journal.db();
  const auto q = [&](const char* c) { return db.Quote(c); };
  std::map<std::string, Array::Ptr> samples;
  for (const Row& r : QueryRows(db, "the failing samples",
                                "SELECT " + q("rule_id") + ", " + q("record_key") + ", " +
                                    q("source") + ", " + q("line") + ", " + q("value_text") +
                                    ", " + q("message") + " FROM " + q("_failures") + " WHERE " +
                                    q("run_id") + " = :run ORDER BY " + q("id"),
                                {run_id})) {
    const std::string rule = Text(r, 0);
    ++(*stored)[rule];
    Array::Ptr& list = samples[rule];
    if (!list) list = new Array;
    if (static_cast<int64_t>(list->size()) >= ctx.max_samples) continue;
    Object::Ptr s = NewObject();
    s->set("key", Text(r, 1));
    s->set("source", Text(r, 2));
    s->set("line", r[3] ? Poco::Dynamic::Var(static_cast<Poco::Int64>(Integer(r, 3)))
                        : Poco::Dynamic::Var());
    // _failures keeps values masked whatever --show-pii said (they outlive the run).
    s->set("value", r[4] ? Poco::Dynamic::Var(Text(r, 4)) : Poco::Dynamic::Var());
    s->set("message", Text(r, 5));
    list->add(s);
  }
  return samples;
}

Object::Ptr PossibleMatches(const PageContext& ctx, int64_t run_id) {
  db::Database& db = ctx.journal.db();
  const auto q = [&](const char* c) { return db.Quote(c); };
  Object::Ptr out = NewObject();
  std::vector<Row> total = QueryRows(
      db, "the possible matches",
      "SELECT COUNT(*) FROM " + q("_possible_matches") + " WHERE " + q("run_id") + " = :run",
      {run_id});
  out->set("total", total.empty() ? 0 : Integer(total.front(), 0));
  Array::Ptr pairs = new Array;
  for (const Row& r : QueryRows(
           db, "the possible matches",
           "SELECT " + q("entity") + ", " + q("a_source") + ", " + q("a_key") + ", " +
               q("b_source") + ", " + q("b_key") + ", " + q("score") + ", " + q("rule") +
               " FROM " + q("_possible_matches") + " WHERE " + q("run_id") +
               " = :run ORDER BY " + q("score") + " DESC, " + q("id") + " LIMIT :n",
           {run_id, ctx.max_samples})) {
    Object::Ptr p = NewObject();
    p->set("entity", Text(r, 0));
    p->set("a", Text(r, 1) + " " + Text(r, 2));
    p->set("b", Text(r, 3) + " " + Text(r, 4));
    p->set("score", Text(r, 5));
    p->set("rule", Text(r, 6));
    pairs->add(p);
  }
  out->set("shown", pairs);
  return out;
}

}  // namespace

Object::Ptr BuildQualityDoc(const PageContext& ctx, const db::RunRecord& run) {
  db::Database& db = ctx.journal.db();
  const auto q = [&](const char* c) { return db.Quote(c); };
  Object::Ptr doc = NewPageDoc(ctx, "quality", "quality-run" + std::to_string(run.id));
  doc->set("run", RunJson(run));
  std::map<std::string, int64_t> stored;
  std::map<std::string, Array::Ptr> samples = ReadSamples(ctx, run.id, &stored);
  Array::Ptr rules = new Array;
  Array::Ptr duplicates = new Array;
  int64_t blocking = 0;
  for (const Row& r : QueryRows(
           db, "the rule results",
           "SELECT " + q("rule_id") + ", " + q("rule") + ", " + q("entity") + ", " + q("field") +
               ", " + q("severity") + ", " + q("checked") + ", " + q("failed") + ", " +
               q("threshold") + ", " + q("passed") + ", " + q("blocking") + ", " +
               q("details_json") + " FROM " + q("_results") + " WHERE " + q("run_id") +
               " = :run ORDER BY " + q("id"),
           {run.id})) {
    Object::Ptr rule = NewObject();
    const std::string id = Text(r, 0);
    const int64_t checked = Integer(r, 5), failed = Integer(r, 6);
    const bool passed = Integer(r, 8) != 0, blocks = Integer(r, 9) != 0;
    Object::Ptr details = db::ParseJsonObject(Text(r, 10));
    rule->set("rule", id);
    rule->set("check", Text(r, 1));
    rule->set("entity", Text(r, 2));
    rule->set("field", Text(r, 3));
    rule->set("severity", Text(r, 4));
    rule->set("max_fail", Text(r, 7));
    rule->set("checked", checked);
    rule->set("failed", failed);
    rule->set("not_checked", Int(details, "not_checked"));
    const double rate = checked > 0 ? static_cast<double>(failed) / checked : 0.0;
    rule->set("rate", validate::Percent(rate));
    if (Object::Ptr ci = Obj(details, "interval95")) {
      Object::Ptr interval = NewObject();
      interval->set("low", validate::Percent(Real(ci, "low")));
      interval->set("high", validate::Percent(Real(ci, "high")));
      rule->set("interval95", interval);
    } else {
      rule->set("interval95", Poco::Dynamic::Var());
    }
    rule->set("passed", passed);
    rule->set("blocking", blocks);
    rule->set("verdict", Verdict(passed, blocks));
    rule->set("trend", Str(details, "trend"));
    rule->set("previous_failed", Has(details, "previous_failed")
                                     ? Poco::Dynamic::Var(Int(details, "previous_failed"))
                                     : Poco::Dynamic::Var());
    rule->set("by_source", OrEmpty(Arr(details, "by_source")));
    rule->set("samples_stored", stored.count(id) ? stored[id] : 0);
    rule->set("samples", OrEmpty(samples[id]));
    rules->add(rule);
    blocking += blocks ? 1 : 0;
    // Duplicates: records sharing a value under a uniqueness rule, and the records identity
    // resolution merged into another golden record.
    if (Text(r, 1) == "unique" || Text(r, 1) == "identity") {
      Object::Ptr d = NewObject();
      d->set("rule", id);
      d->set("what", Text(r, 1) == "unique" ? "records sharing a value with another"
                                            : "records merged into another golden record");
      d->set("records", failed);
      d->set("checked", checked);
      duplicates->add(d);
    }
  }
  doc->set("verdict", blocking > 0 ? "blocked" : "passed");
  doc->set("blocking_rules", blocking);
  doc->set("rules", rules);
  doc->set("duplicates", duplicates);
  doc->set("possible_matches", PossibleMatches(ctx, run.id));
  doc->set("samples_note",
           "failing values are journaled masked whatever --show-pii said; at most " +
               std::to_string(ctx.max_samples) + " per rule are shown");
  return doc;
}

std::string RenderQualityHtml(const Object::Ptr& doc) {
  HtmlWriter html;
  Object::Ptr run = Obj(doc, "run");
  const std::string scope = Has(run, "subset") ? "subset " + Str(run, "subset") : "all records";
  BeginPage(html, doc, "Quality — validate run " + Str(run, "id") + " (" + scope + ")");
  Array::Ptr rules = Arr(doc, "rules");

  html.Open("section", {{"id", "verdict"}});
  html.Element("h2", "Verdict");
  const bool blocked = Str(doc, "verdict") == "blocked";
  html.Element("p",
               blocked ? Str(doc, "blocking_rules") + " blocking rule(s): cutover is blocked"
                       : "No blocking rule: this run opens the cutover gate when it is the "
                         "newest full validate with the current spec",
               {{"class", blocked ? "verdict-fail" : "verdict-pass"}, {"data-field", "verdict"}});
  html.Element("p", "Started " + Str(run, "started_at") + ", outcome " + Str(run, "outcome") +
                        ", load " + Str(run, "load_id") + ".");
  std::vector<Bar> bars;
  for (size_t i = 0; i < Size(rules); ++i) {
    Object::Ptr r = ObjAt(rules, i);
    const double checked = static_cast<double>(Int(r, "checked"));
    bars.push_back({Str(r, "rule"), checked > 0 ? 100.0 * Int(r, "failed") / checked : 0.0,
                    Str(r, "rate"),
                    Bool(r, "passed") ? "ok" : (Bool(r, "blocking") ? "bad" : "warn")});
  }
  if (!bars.empty()) BarChart(html, "Failure rate per rule", bars);
  html.Close();

  html.Open("section", {{"id", "rules"}});
  html.Element("h2", "Rules");
  const std::vector<Column> cols = {
      {"Rule", "rule"},          {"Severity", "severity"},      {"Checked", "checked", true},
      {"Failed", "failed", true}, {"Rate", "rate", true},       {"95% interval", "interval95"},
      {"max_fail", "max_fail"},  {"Verdict", "verdict"},        {"Trend", "trend"},
      {"Before", "previous_failed", true}};
  if (Size(rules) == 0) {
    EmptyNote(html, "This run wrote no rule results.");
  } else {
    BeginTable(html, "rules", cols);
    for (size_t i = 0; i < Size(rules); ++i) {
      Object::Ptr r = ObjAt(rules, i);
      Object::Ptr ci = Obj(r, "interval95");
      html.Open("tr", {{"data-rule", Str(r, "rule")}});
      Cell(html, cols[0], Str(r, "rule"));
      Cell(html, cols[1], Str(r, "severity"));
      Cell(html, cols[2], Str(r, "checked"));
      Cell(html, cols[3], Str(r, "failed"));
      Cell(html, cols[4], Str(r, "rate"));
      Cell(html, cols[5], ci ? Str(ci, "low") + " .. " + Str(ci, "high") : "-");
      Cell(html, cols[6], Str(r, "max_fail"));
      Cell(html, cols[7], Str(r, "verdict"),
           Bool(r, "passed") ? "verdict-pass"
                             : (Bool(r, "blocking") ? "verdict-fail" : "verdict-warn"));
      Cell(html, cols[8], Str(r, "trend"));
      Cell(html, cols[9], Has(r, "previous_failed") ? Str(r, "previous_failed") : "-");
      html.Close();
    }
    EndTable(html);
  }
  html.Close();

  html.Open("section", {{"id", "samples"}});
  html.Element("h2", "Failing samples");
  html.Element("p", Str(doc, "samples_note"));
  const std::vector<Column> sample_cols = {
      {"Record", "key"}, {"Source", "source"}, {"Line", "line", true},
      {"Value", "value"}, {"Why", "message"}};
  bool any = false;
  for (size_t i = 0; i < Size(rules); ++i) {
    Object::Ptr r = ObjAt(rules, i);
    Array::Ptr samples = Arr(r, "samples");
    if (Size(samples) == 0) continue;
    any = true;
    html.Element("h3", Str(r, "rule") + " — " + std::to_string(Size(samples)) + " of " +
                           Str(r, "failed") + " failing records");
    BeginTable(html, "samples", sample_cols);
    for (size_t k = 0; k < Size(samples); ++k) {
      Object::Ptr s = ObjAt(samples, k);
      html.Open("tr");
      Cell(html, sample_cols[0], Str(s, "key"));
      Cell(html, sample_cols[1], Str(s, "source"));
      Cell(html, sample_cols[2], Has(s, "line") ? Str(s, "line") : "-");
      Cell(html, sample_cols[3], Has(s, "value") ? Str(s, "value") : "NULL", "raw");
      Cell(html, sample_cols[4], Str(s, "message"));
      html.Close();
    }
    EndTable(html);
  }
  if (!any) EmptyNote(html, "No failing record.");
  html.Close();

  html.Open("section", {{"id", "duplicates"}});
  html.Element("h2", "Duplicates and possible matches");
  Array::Ptr dups = Arr(doc, "duplicates");
  if (Size(dups) == 0) {
    EmptyNote(html, "Neither a uniqueness rule nor identity resolution ran.");
  } else {
    const std::vector<Column> dc = {{"Rule", "rule"}, {"What", "what"},
                                    {"Records", "records", true}, {"Checked", "checked", true}};
    BeginTable(html, "duplicates", dc);
    for (size_t i = 0; i < Size(dups); ++i) {
      Object::Ptr d = ObjAt(dups, i);
      html.Open("tr");
      for (const Column& c : dc) Cell(html, c, Str(d, c.key));
      html.Close();
    }
    EndTable(html);
  }
  Object::Ptr pm = Obj(doc, "possible_matches");
  Array::Ptr pairs = Arr(pm, "shown");
  html.Element("p", Str(pm, "total") + " possible match(es) await review" +
                        (Int(pm, "total") > static_cast<int64_t>(Size(pairs))
                             ? " (the " + std::to_string(Size(pairs)) + " closest shown)"
                             : ""),
               {{"data-field", "possible_matches_total"}});
  if (Size(pairs) > 0) {
    const std::vector<Column> pc = {{"Entity", "entity"}, {"Record A", "a"}, {"Record B", "b"},
                                    {"Score", "score", true}, {"Rule", "rule"}};
    BeginTable(html, "possible-matches", pc);
    for (size_t i = 0; i < Size(pairs); ++i) {
      Object::Ptr p = ObjAt(pairs, i);
      html.Open("tr");
      for (const Column& c : pc) Cell(html, c, Str(p, c.key));
      html.Close();
    }
    EndTable(html);
  }
  html.Close();
  EndPage(html, doc);
  return html.Finish();
}

}  // namespace crm::reports
