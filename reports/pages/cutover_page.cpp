// The cutover page of one cutover run, from _checkpoints (batches, the cutover a run belongs
// to), _preimages (what each row's load did), _rejects, _reconciliation and the golden tables.
#include <map>
#include <set>

#include "core/db/staging_schema.h"
#include "reports/html/charts.h"
#include "reports/html/page_frame.h"
#include "reports/html/table.h"
#include "reports/journal/cutover_runs.h"
#include "reports/journal/rows.h"
#include "reports/pages/pages.h"
#include "reports/pages/pii.h"

namespace crm::reports {
namespace {

// Batches listed on the page; a larger cutover shows its first and last ones (the per-entity
// totals always cover every batch).
constexpr size_t kMaxBatchesShown = 200;

struct EntityTally {
  int64_t batches = 0, rows = 0, inserted = 0, updated = 0, rejected = 0, links = 0;
  double seconds = 0;
};

std::string Rate(double rows, double seconds) {
  if (seconds <= 0) return "-";
  return std::to_string(static_cast<long long>(rows / seconds + 0.5));
}

// Staged records per entity of a load: the funnel of the stage run that made it.
std::map<std::string, int64_t> StagedPerEntity(db::Database& db, int64_t load_id) {
  const auto q = [&](const char* c) { return db.Quote(c); };
  std::map<std::string, int64_t> staged;
  for (const Row& r : QueryRows(
           db, "the staged funnel",
           "SELECT c." + q("entity") + ", SUM(c." + q("staged") + ") FROM " +
               q("_reconciliation") + " c JOIN " + q("_loads") + " l ON l." + q("run_id") +
               " = c." + q("run_id") + " WHERE l." + q("id") + " = :load GROUP BY c." +
               q("entity"),
           {load_id})) {
    staged[Text(r, 0)] = Integer(r, 1);
  }
  return staged;
}

// Golden records of `entity` in the load; nullopt once purged or never built.
std::optional<int64_t> GoldenCount(db::Database& db, const std::string& entity, int64_t load_id) {
  const std::string table = db::GoldTableName(entity);
  if (!db.HasTable(table)) return std::nullopt;
  std::vector<Row> rows = QueryRows(db, "the golden records of " + entity,
                                    "SELECT COUNT(*) FROM " + db.Quote(table) + " WHERE " +
                                        db.Quote(db::kColLoad) + " = :load",
                                    {load_id});
  return rows.empty() ? 0 : Integer(rows.front(), 0);
}

}  // namespace

Object::Ptr BuildCutoverDoc(const PageContext& ctx, const db::RunRecord& run) {
  db::Database& db = ctx.journal.db();
  const auto q = [&](const char* c) { return db.Quote(c); };
  Object::Ptr doc = NewPageDoc(ctx, "cutover", "cutover-run" + std::to_string(run.id));
  Object::Ptr run_json = RunJson(run);
  doc->set("run", run_json);
  const bool dry = Bool(Obj(run_json, "options"), "dry-run");
  doc->set("dry_run", dry);
  std::optional<CutoverOfRun> ref = FindCutoverOf(db, run.id);
  doc->set("cutover_id", ref ? Poco::Dynamic::Var(static_cast<Poco::Int64>(ref->cutover_id))
                             : Poco::Dynamic::Var());
  doc->set("resumes", ref && ref->cutover_id != run.id);
  doc->set("totals", Obj(run_json, "counts"));
  if (!ref) {
    doc->set("entities", Array::Ptr(new Array));
    doc->set("batches", Array::Ptr(new Array));
    doc->set("reconciliation", Array::Ptr(new Array));
    doc->set("rejects", Array::Ptr(new Array));
    doc->set("note", dry ? "a dry run writes no checkpoints, pre-images or rejects: its totals "
                           "are what the load would do"
                         : "this run loaded nothing (it ended before its first batch)");
    return doc;
  }
  const int64_t cutover_id = ref->cutover_id, load_id = ref->load_id;

  // Batches in the order they finished: a batch took from the previous checkpoint to its own.
  std::map<std::string, EntityTally> tally;
  std::vector<std::string> order;
  Array::Ptr batches = new Array;
  std::optional<double> previous;
  std::vector<Row> rows = QueryRows(
      db, "the checkpoints",
      "SELECT " + q("entity") + ", " + q("batch_no") + ", " + q("first_key") + ", " +
          q("last_key") + ", " + q("rows_done") + ", " + q("state") + ", " + q("updated_at") +
          " FROM " + q("_checkpoints") + " WHERE " + q("run_id") + " = :c ORDER BY " +
          q("updated_at") + ", " + q("batch_no"),
      {cutover_id});
  size_t listed = 0, done_batches = 0;
  for (const Row& r : rows) done_batches += Text(r, 0) != "*" ? 1 : 0;
  for (const Row& r : rows) {
    const std::string entity = Text(r, 0);
    std::optional<double> at = EpochSeconds(Text(r, 6));
    if (entity == "*") {
      previous = at;
      continue;
    }
    const double seconds = at && previous ? std::max(0.0, *at - *previous) : 0.0;
    previous = at;
    if (!tally.count(entity)) order.push_back(entity);
    EntityTally& t = tally[entity];
    ++t.batches;
    t.rows += Integer(r, 4);
    t.seconds += seconds;
    ++listed;
    if (listed > kMaxBatchesShown / 2 && listed + kMaxBatchesShown / 2 <= done_batches) continue;
    Object::Ptr b = NewObject();
    b->set("entity", entity);
    b->set("batch", Integer(r, 1));
    b->set("first_key", Text(r, 2));
    b->set("last_key", Text(r, 3));
    b->set("rows", Integer(r, 4));
    b->set("state", Text(r, 5));
    b->set("seconds", RoundMillis(seconds));
    b->set("rows_per_second", Rate(static_cast<double>(Integer(r, 4)), seconds));
    batches->add(b);
  }
  doc->set("batches", batches);
  doc->set("batches_total", static_cast<Poco::Int64>(done_batches));

  // An insert_batch pre-image stands for batch_rows inserts.
  for (const Row& r : QueryRows(db, "the pre-images",
                                "SELECT " + q("entity") + ", " + q("action") + ", COUNT(*), SUM(" +
                                    q("batch_rows") + ") FROM " + q("_preimages") + " WHERE " +
                                    q("run_id") + " = :c GROUP BY " + q("entity") + ", " +
                                    q("action"),
                                {cutover_id})) {
    EntityTally& t = tally[Text(r, 0)];
    if (Text(r, 1) == "insert") t.inserted += Integer(r, 2);
    if (Text(r, 1) == "insert_batch") t.inserted += Integer(r, 3);
    if (Text(r, 1) == "update") t.updated = Integer(r, 2);
    if (Text(r, 1) == "link_insert") t.links = Integer(r, 2);
  }

  // Every run of this cutover (the first and its resumes) may have rejected rows.
  const std::set<int64_t> runs_of_cutover = RunsOfCutover(db, cutover_id);
  Array::Ptr rejects = new Array;
  std::map<std::string, int64_t> shown_per_entity;
  for (const Row& r : QueryRows(
           db, "the cutover rejects",
           "SELECT " + q("run_id") + ", " + q("entity") + ", " + q("source") + ", " + q("line") +
               ", " + q("kind") + ", " + q("column_name") + ", " + q("raw_text") + ", " +
               q("message") + " FROM " + q("_rejects") + " WHERE " + q("phase") +
               " = 'cutover' AND " + q("run_id") + " >= :c ORDER BY " + q("id"),
           {cutover_id})) {
    if (!runs_of_cutover.count(Integer(r, 0))) continue;
    const std::string entity = Text(r, 1);
    ++tally[entity].rejected;
    if (shown_per_entity[entity]++ >= ctx.max_samples) continue;
    RejectText text = MaskReject(ctx.spec, ctx.show_pii, "cutover", Text(r, 2), entity,
                                 Text(r, 5), Text(r, 6), Text(r, 7));
    Object::Ptr j = NewObject();
    j->set("entity", entity);
    j->set("source", Text(r, 2));
    j->set("line", Text(r, 3));
    j->set("kind", Text(r, 4));
    j->set("message", text.message);
    j->set("row", text.raw);
    rejects->add(j);
  }
  doc->set("rejects", rejects);

  std::map<std::string, int64_t> staged = StagedPerEntity(db, load_id);
  Array::Ptr entities = new Array;
  Array::Ptr reconciliation = new Array;
  for (const spec::Entity* e : ctx.spec.EntitiesInLoadOrder()) {
    if (!tally.count(e->name)) continue;
    const EntityTally& t = tally[e->name];
    // Rows a batch handled that were neither inserted, updated nor refused: already identical.
    const int64_t unchanged = std::max<int64_t>(0, t.rows - t.inserted - t.updated - t.rejected);
    Object::Ptr o = NewObject();
    o->set("entity", e->name);
    o->set("table", e->table.empty() ? e->name : e->table);
    o->set("batches", t.batches);
    o->set("rows", t.rows);
    o->set("inserted", t.inserted);
    o->set("updated", t.updated);
    o->set("unchanged", unchanged);
    o->set("rejected", t.rejected);
    o->set("links_inserted", t.links);
    o->set("seconds", RoundMillis(t.seconds));
    o->set("rows_per_second", Rate(static_cast<double>(t.rows), t.seconds));
    entities->add(o);

    std::optional<int64_t> golden = GoldenCount(db, e->name, load_id);
    const int64_t st = staged.count(e->name) ? staged[e->name] : 0;
    const int64_t loaded = t.inserted + t.updated + unchanged;
    Object::Ptr rc = NewObject();
    rc->set("entity", e->name);
    rc->set("staged", st);
    rc->set("golden", golden ? Poco::Dynamic::Var(*golden) : Poco::Dynamic::Var());
    rc->set("merged", golden ? Poco::Dynamic::Var(st - *golden) : Poco::Dynamic::Var());
    rc->set("loaded", loaded);
    rc->set("rejected", t.rejected);
    std::string difference;
    if (golden && *golden != loaded + t.rejected) {
      difference = "golden " + std::to_string(*golden) + " but loaded + rejected = " +
                   std::to_string(loaded + t.rejected) + " (" +
                   std::to_string(*golden - loaded - t.rejected) + " not accounted for)";
    }
    rc->set("difference", difference);
    reconciliation->add(rc);
  }
  doc->set("entities", entities);
  doc->set("reconciliation", reconciliation);
  return doc;
}

std::string RenderCutoverHtml(const Object::Ptr& doc) {
  HtmlWriter html;
  Object::Ptr run = Obj(doc, "run");
  const bool dry = Bool(doc, "dry_run");
  BeginPage(html, doc,
            std::string(dry ? "Cutover dry run" : "Cutover") + " — run " + Str(run, "id"));
  html.Open("section", {{"id", "summary"}});
  html.Element("h2", "Summary");
  std::string summary = "Started " + Str(run, "started_at") + ", outcome " + Str(run, "outcome") +
                        ", load " + Str(run, "load_id") + ".";
  if (dry) summary += " A dry run: every change was rolled back; the figures are what would happen.";
  if (Bool(doc, "resumes")) summary += " This run resumed cutover " + Str(doc, "cutover_id") + ".";
  html.Element("p", summary, {{"data-field", "summary"}});
  if (Has(doc, "note")) html.Element("p", Str(doc, "note"), {{"class", "empty"}});
  Object::Ptr totals = Obj(doc, "totals");
  if (totals && totals->size() > 0) {
    const std::vector<Column> tc = {{"Count", "name"}, {"Records", "value", true}};
    BeginTable(html, "totals", tc);
    for (const std::string& name : totals->getNames()) {
      html.Open("tr", {{"data-count", name}});
      Cell(html, tc[0], name);
      Cell(html, tc[1], Str(totals, name));
      html.Close();
    }
    EndTable(html);
  }
  html.Close();

  Array::Ptr entities = Arr(doc, "entities");
  html.Open("section", {{"id", "entities"}});
  html.Element("h2", "Per entity");
  if (Size(entities) == 0) {
    EmptyNote(html, "No entity was loaded by this run.");
  } else {
    const std::vector<Column> ec = {
        {"Entity", "entity"},          {"Table", "table"},
        {"Inserted", "inserted", true}, {"Updated", "updated", true},
        {"Unchanged", "unchanged", true}, {"Rejected", "rejected", true},
        {"Links", "links_inserted", true}, {"Batches", "batches", true},
        {"Seconds", "seconds", true},   {"Rows/s", "rows_per_second", true}};
    BeginTable(html, "entities", ec);
    std::vector<Bar> bars;
    for (size_t i = 0; i < Size(entities); ++i) {
      Object::Ptr e = ObjAt(entities, i);
      html.Open("tr", {{"data-entity", Str(e, "entity")}});
      for (const Column& c : ec) {
        Cell(html, c, Str(e, c.key));
      }
      html.Close();
      bars.push_back({Str(e, "entity") + " loaded", static_cast<double>(Int(e, "inserted") +
                                                                       Int(e, "updated") +
                                                                       Int(e, "unchanged")),
                      "", "ok"});
      bars.push_back({Str(e, "entity") + " rejected", static_cast<double>(Int(e, "rejected")), "",
                      Int(e, "rejected") > 0 ? "bad" : "muted"});
    }
    EndTable(html);
    BarChart(html, "Records loaded and rejected per entity", bars);
  }
  html.Close();

  Array::Ptr rc = Arr(doc, "reconciliation");
  html.Open("section", {{"id", "reconciliation"}});
  html.Element("h2", "Reconciliation: staged → golden → loaded + rejected");
  if (Size(rc) == 0) {
    EmptyNote(html, "Nothing to reconcile.");
  } else {
    const std::vector<Column> cc = {{"Entity", "entity"},        {"Staged", "staged", true},
                                    {"Merged", "merged", true},   {"Golden", "golden", true},
                                    {"Loaded", "loaded", true},   {"Rejected", "rejected", true},
                                    {"Difference", "difference"}};
    BeginTable(html, "reconciliation", cc);
    for (size_t i = 0; i < Size(rc); ++i) {
      Object::Ptr e = ObjAt(rc, i);
      html.Open("tr", {{"data-entity", Str(e, "entity")}});
      for (const Column& c : cc) {
        if (c.key == "difference") {
          const std::string d = Str(e, c.key);
          Cell(html, c, d.empty() ? "none" : d, d.empty() ? "verdict-pass" : "verdict-fail");
        } else {
          Cell(html, c, Has(e, c.key) ? Str(e, c.key) : "-");
        }
      }
      html.Close();
    }
    EndTable(html);
  }
  html.Close();

  Array::Ptr batches = Arr(doc, "batches");
  html.Open("section", {{"id", "batches"}});
  html.Element("h2", "Batches");
  if (Size(batches) == 0) {
    EmptyNote(html, "No batch was journaled.");
  } else {
    if (Int(doc, "batches_total") > static_cast<int64_t>(Size(batches))) {
      html.Element("p", "The first and last " + std::to_string(Size(batches)) + " of " +
                            Str(doc, "batches_total") + " batches.");
    }
    std::vector<Span> spans;
    const std::vector<Column> bc = {{"Entity", "entity"},         {"Batch", "batch", true},
                                    {"First key", "first_key"},   {"Last key", "last_key"},
                                    {"Rows", "rows", true},       {"Seconds", "seconds", true},
                                    {"Rows/s", "rows_per_second", true}, {"State", "state"}};
    BeginTable(html, "batches", bc);
    double clock = 0;
    for (size_t i = 0; i < Size(batches); ++i) {
      Object::Ptr b = ObjAt(batches, i);
      html.Open("tr");
      for (const Column& c : bc) {
        Cell(html, c, Str(b, c.key));
      }
      html.Close();
      if (spans.size() < 40) {
        spans.push_back({Str(b, "entity") + " #" + Str(b, "batch"), clock,
                         clock + Real(b, "seconds"), "info"});
      }
      clock += Real(b, "seconds");
    }
    EndTable(html);
    TimelineChart(html, "Batches over time", spans);
  }
  html.Close();

  Array::Ptr rejects = Arr(doc, "rejects");
  html.Open("section", {{"id", "rejects"}});
  html.Element("h2", "Rows the target refused");
  if (Size(rejects) == 0) {
    EmptyNote(html, "None.");
  } else {
    const std::vector<Column> jc = {{"Entity", "entity"}, {"Source", "source"},
                                    {"Line", "line", true}, {"Kind", "kind"},
                                    {"Reason", "message"}, {"Row", "row"}};
    BeginTable(html, "rejects", jc);
    for (size_t i = 0; i < Size(rejects); ++i) {
      Object::Ptr j = ObjAt(rejects, i);
      html.Open("tr");
      for (const Column& c : jc) Cell(html, c, Str(j, c.key), c.key == "row" ? "raw" : "");
      html.Close();
    }
    EndTable(html);
  }
  html.Close();
  EndPage(html, doc);
  return html.Finish();
}

}  // namespace crm::reports
