// Lessons learned: the timeline, the funnel of the current load, and planned against actual
// time per phase — the sections read from _runs, _loads, _reconciliation, _rejects and _plans.
#include <cmath>
#include <map>

#include "core/db/json_util.h"
#include "reports/journal/cutover_runs.h"
#include "reports/journal/rows.h"
#include "reports/pages/lessons.h"

namespace crm::reports::lessons {
namespace {

bool IsDryRun(const db::RunRecord& run) {
  Object::Ptr options = db::ParseJsonObject(run.options_json);
  return Bool(options, "dry-run");
}

Poco::Dynamic::Var OptSeconds(const db::RunRecord& run) {
  std::optional<double> s = DurationSeconds(run.started_at, run.finished_at);
  return s ? Poco::Dynamic::Var(RoundMillis(*s)) : Poco::Dynamic::Var();
}

}  // namespace

Array::Ptr Timeline(const PageContext& /*ctx*/, const std::vector<db::RunRecord>& runs) {
  Array::Ptr out = new Array;
  for (auto it = runs.rbegin(); it != runs.rend(); ++it) {
    Object::Ptr o = NewObject();
    o->set("id", static_cast<Poco::Int64>(it->id));
    o->set("command", it->command);
    o->set("subset", it->subset.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(it->subset));
    o->set("dry_run", it->command == "cutover" && IsDryRun(*it));
    o->set("started_at", it->started_at);
    o->set("finished_at", it->finished_at);
    o->set("seconds", OptSeconds(*it));
    o->set("outcome", it->outcome);
    out->add(o);
  }
  return out;
}

Object::Ptr Funnel(const PageContext& ctx, const std::vector<db::RunRecord>& runs) {
  db::Database& db = ctx.journal.db();
  const auto q = [&](const char* c) { return db.Quote(c); };
  Object::Ptr out = NewObject();
  // The current full load, else the newest stage run that reconciled anything.
  std::optional<int64_t> stage_run, load_id;
  if (std::optional<db::LoadRecord> load = ctx.journal.CurrentLoad()) {
    stage_run = load->run_id;
    load_id = load->id;
  } else {
    for (const db::RunRecord& r : runs) {
      if (r.command == "stage" && r.load_id) {
        stage_run = r.id;
        load_id = r.load_id;
        break;
      }
    }
  }
  Array::Ptr rows = new Array;
  out->set("rows", rows);
  out->set("stage_run", stage_run ? Poco::Dynamic::Var(*stage_run) : Poco::Dynamic::Var());
  if (!stage_run) {
    out->set("cutover_run", Poco::Dynamic::Var());
    return out;
  }
  // The newest cutover of that load that loaded (not a dry run), with its resumes.
  std::optional<int64_t> cutover_id;
  for (const db::RunRecord& r : runs) {
    if (r.command != "cutover" || r.load_id != load_id || IsDryRun(r)) continue;
    if (std::optional<CutoverOfRun> ref = FindCutoverOf(db, r.id)) {
      cutover_id = ref->cutover_id;
      break;
    }
  }
  out->set("cutover_run", cutover_id ? Poco::Dynamic::Var(*cutover_id) : Poco::Dynamic::Var());
  std::map<std::pair<std::string, std::string>, int64_t> refused;
  if (cutover_id) {
    const std::set<int64_t> loading = RunsOfCutover(db, *cutover_id);
    for (const Row& r : QueryRows(db, "the cutover rejects",
                                  "SELECT " + q("run_id") + ", " + q("source") + ", " +
                                      q("entity") + ", COUNT(*) FROM " + q("_rejects") +
                                      " WHERE " + q("phase") + " = 'cutover' AND " +
                                      q("run_id") + " >= :c GROUP BY " + q("run_id") + ", " +
                                      q("source") + ", " + q("entity"),
                                  {*cutover_id})) {
      if (loading.count(Integer(r, 0))) refused[{Text(r, 1), Text(r, 2)}] += Integer(r, 3);
    }
  }
  for (const Row& r : QueryRows(
           db, "the funnel",
           "SELECT " + q("source") + ", " + q("entity") + ", " + q("extracted") + ", " +
               q("out_of_scope") + ", " + q("suppressed") + ", " + q("rejected") + ", " +
               q("not_in_subset") + ", " + q("staged") + " FROM " + q("_reconciliation") +
               " WHERE " + q("run_id") + " = :run",
           {*stage_run})) {
    Object::Ptr o = NewObject();
    const std::pair<std::string, std::string> key{Text(r, 0), Text(r, 1)};
    o->set("source", key.first);
    o->set("entity", key.second);
    o->set("extracted", Integer(r, 2));
    o->set("out_of_scope", Integer(r, 3));
    o->set("suppressed", Integer(r, 4));
    o->set("rejected_at_stage", Integer(r, 5));
    o->set("not_in_subset", Integer(r, 6));
    o->set("staged", Integer(r, 7));
    const int64_t at_cutover = refused.count(key) ? refused[key] : 0;
    o->set("rejected_at_cutover",
           cutover_id ? Poco::Dynamic::Var(at_cutover) : Poco::Dynamic::Var());
    // A record merged into another golden record moves with it, so it counts as loaded.
    o->set("loaded", cutover_id ? Poco::Dynamic::Var(Integer(r, 7) - at_cutover)
                                : Poco::Dynamic::Var());
    rows->add(o);
  }
  return out;
}

Array::Ptr PlannedVsActual(const PageContext& ctx, const std::vector<db::RunRecord>& runs) {
  db::Database& db = ctx.journal.db();
  Array::Ptr out = new Array;
  std::vector<Row> plans = QueryRows(
      db, "the newest plan",
      "SELECT " + db.Quote("run_id") + ", " + db.Quote("plan_json") + " FROM " +
          db.Quote("_plans") + " ORDER BY " + db.Quote("run_id") + " DESC LIMIT 1");
  Object::Ptr estimate =
      plans.empty() ? nullptr : Obj(db::ParseJsonObject(Text(plans.front(), 1)), "estimate");
  for (const char* phase : {"stage", "validate", "cutover"}) {
    const std::string key = std::string(phase) + "_seconds";
    const db::RunRecord* actual = nullptr;
    for (const db::RunRecord& r : runs) {
      if (r.command == phase && r.subset.empty() && r.outcome != db::kOutcomeRunning &&
          r.outcome != db::kOutcomeFailed && !IsDryRun(r)) {
        actual = &r;
        break;
      }
    }
    if (!Has(estimate, key) && !actual) continue;
    Object::Ptr o = NewObject();
    o->set("phase", std::string(phase));
    o->set("planned_seconds", Has(estimate, key) ? Poco::Dynamic::Var(Real(estimate, key))
                                                 : Poco::Dynamic::Var());
    o->set("plan_run", plans.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(Integer(plans.front(), 0)));
    o->set("actual_seconds", actual ? OptSeconds(*actual) : Poco::Dynamic::Var());
    o->set("run", actual ? Poco::Dynamic::Var(static_cast<Poco::Int64>(actual->id))
                         : Poco::Dynamic::Var());
    const double planned = Real(estimate, key);
    std::optional<double> took =
        actual ? DurationSeconds(actual->started_at, actual->finished_at) : std::nullopt;
    o->set("ratio", planned > 0 && took ? Poco::Dynamic::Var(std::round(*took / planned * 100) / 100)
                                        : Poco::Dynamic::Var());
    out->add(o);
  }
  return out;
}

}  // namespace crm::reports::lessons
