// Lessons learned: the reasons rows were rejected (stage and cutover), how often in each run,
// with masked examples.
#include <algorithm>
#include <map>
#include <tuple>

#include "core/db/json_util.h"
#include "reports/journal/rows.h"
#include "reports/pages/lessons.h"
#include "reports/pages/pii.h"

namespace crm::reports::lessons {
namespace {

// Runs a reason's trend lists: the newest of its phase.
constexpr size_t kRunsInTrend = 12;

struct Reason {
  std::string phase, source, entity, kind, column;
  std::map<int64_t, int64_t> per_run;  // run -> rejected rows
  int64_t newest_run() const { return per_run.rbegin()->first; }
  int64_t count() const { return per_run.rbegin()->second; }
};

using ReasonKey = std::tuple<std::string, std::string, std::string, std::string, std::string>;

// Extracted rows per (run, source, entity) and per (run, source) over all its entities.
struct Extracted {
  std::map<std::tuple<int64_t, std::string, std::string>, int64_t> by_entity;
  std::map<std::pair<int64_t, std::string>, int64_t> by_source;
};

Extracted ReadExtracted(db::Database& db) {
  const auto q = [&](const char* c) { return db.Quote(c); };
  Extracted e;
  for (const Row& r : QueryRows(db, "the funnels",
                                "SELECT " + q("run_id") + ", " + q("source") + ", " +
                                    q("entity") + ", " + q("extracted") + " FROM " +
                                    q("_reconciliation"))) {
    e.by_entity[{Integer(r, 0), Text(r, 1), Text(r, 2)}] = Integer(r, 3);
    int64_t& s = e.by_source[{Integer(r, 0), Text(r, 1)}];
    // Every entity of a source reads the same rows.
    s = std::max(s, Integer(r, 3));
  }
  return e;
}

// The newest rows of the reason.
Array::Ptr Examples(const PageContext& ctx, const Reason& reason) {
  db::Database& db = ctx.journal.db();
  const auto q = [&](const char* c) { return db.Quote(c); };
  Array::Ptr out = new Array;
  for (const Row& r : QueryRows(
           db, "reject examples",
           "SELECT " + q("line") + ", " + q("raw_text") + ", " + q("message") + " FROM " +
               q("_rejects") + " WHERE " + q("phase") + " = :phase AND COALESCE(" + q("source") + ", '') = :source AND COALESCE(" +
               q("entity") + ", '') = :entity AND " + q("kind") + " = :kind AND (:any = '' OR " +
               "COALESCE(" + q("column_name") + ", '') = :col) ORDER BY " + q("id") +
               " DESC LIMIT :n",
           {reason.phase, reason.source, reason.entity, reason.kind, reason.column,
            reason.column, static_cast<long long>(kExamples)})) {
    RejectText text = MaskReject(ctx.spec, ctx.show_pii, reason.phase, reason.source,
                                 reason.entity, reason.column, Text(r, 1), Text(r, 2));
    Object::Ptr o = NewObject();
    o->set("line", r[0] ? Poco::Dynamic::Var(Integer(r, 0)) : Poco::Dynamic::Var());
    o->set("raw", text.raw);
    o->set("message", text.message);
    out->add(o);
  }
  return out;
}

}  // namespace

Object::Ptr RejectReasons(const PageContext& ctx, const std::vector<db::RunRecord>& runs) {
  db::Database& db = ctx.journal.db();
  const auto q = [&](const char* c) { return db.Quote(c); };
  std::map<ReasonKey, Reason> reasons;
  // Rows that could not be read belong to the raw load that landed them; a later stage that
  // reuses an unchanged source's raw rows has the same unreadable rows without writing them
  // again, so they count for every stage run whose load reads that raw load.
  std::map<ReasonKey, std::map<int64_t, int64_t>> landing;  // reason -> raw load -> rows
  std::map<ReasonKey, std::pair<int64_t, int64_t>> landed_by;  // reason -> (run, rows) that wrote
  for (const Row& r : QueryRows(
           db, "the reject reasons",
           "SELECT " + q("run_id") + ", " + q("load_id") + ", " + q("phase") + ", " +
               q("source") + ", " + q("entity") + ", " + q("kind") + ", " + q("column_name") +
               ", COUNT(*) FROM " + q("_rejects") + " GROUP BY " + q("run_id") + ", " +
               q("load_id") + ", " + q("phase") + ", " + q("source") + ", " + q("entity") +
               ", " + q("kind") + ", " + q("column_name"))) {
    // A row that could not be read is one reason per kind: the column where reading failed
    // differs from row to row ("expected 19 fields, found 12" stops at another column each time).
    const bool unreadable = Text(r, 2) == "stage" && Text(r, 4).empty();
    ReasonKey key{Text(r, 2), Text(r, 3), Text(r, 4), Text(r, 5), unreadable ? "" : Text(r, 6)};
    Reason& reason = reasons[key];
    reason.phase = Text(r, 2);
    reason.source = Text(r, 3);
    reason.entity = Text(r, 4);
    reason.kind = Text(r, 5);
    reason.column = std::get<4>(key);
    if (unreadable && r[1]) {
      landing[key][Integer(r, 1)] += Integer(r, 7);
      landed_by[key] = {Integer(r, 0), Integer(r, 7)};
    } else {
      reason.per_run[Integer(r, 0)] += Integer(r, 7);
    }
  }
  if (!landing.empty()) {
    std::map<std::pair<int64_t, std::string>, int64_t> raw_load;  // (load, source) -> raw load
    for (const Row& r : QueryRows(db, "the loads' sources",
                                  "SELECT " + q("load_id") + ", " + q("source") + ", " +
                                      q("raw_load_id") + " FROM " + q("_load_sources"))) {
      raw_load[{Integer(r, 0), Text(r, 1)}] = Integer(r, 2);
    }
    for (auto& [key, per_load] : landing) {
      Reason& reason = reasons[key];
      for (const db::RunRecord& run : runs) {
        if (run.command != "stage" || !run.load_id) continue;
        const auto raw = raw_load.find({*run.load_id, reason.source});
        if (raw == raw_load.end()) continue;
        const auto rows = per_load.find(raw->second);
        if (rows != per_load.end()) reason.per_run[run.id] = rows->second;
      }
      // No stage run's load reads it any more: count the rows under the run that wrote them.
      if (reason.per_run.empty()) reason.per_run[landed_by[key].first] = landed_by[key].second;
    }
  }
  std::vector<const Reason*> ranked;
  for (const auto& entry : reasons) ranked.push_back(&entry.second);
  std::stable_sort(ranked.begin(), ranked.end(), [](const Reason* a, const Reason* b) {
    return a->count() > b->count();
  });
  const Extracted extracted = ReadExtracted(db);
  Object::Ptr out = NewObject();
  out->set("total_reasons", static_cast<Poco::Int64>(ranked.size()));
  Array::Ptr list = new Array;
  for (size_t i = 0; i < ranked.size() && i < kTopItems; ++i) {
    const Reason& reason = *ranked[i];
    Object::Ptr o = NewObject();
    o->set("phase", reason.phase);
    o->set("source", reason.source);
    o->set("entity", reason.entity);
    o->set("column", reason.column);
    o->set("kind", reason.kind);
    o->set("count", reason.count());
    o->set("newest_run", reason.newest_run());
    int64_t base = 0;
    if (reason.phase == "stage") {
      base = reason.entity.empty()
                 ? (extracted.by_source.count({reason.newest_run(), reason.source})
                        ? extracted.by_source.at({reason.newest_run(), reason.source})
                        : 0)
                 : (extracted.by_entity.count({reason.newest_run(), reason.source, reason.entity})
                        ? extracted.by_entity.at(
                              {reason.newest_run(), reason.source, reason.entity})
                        : 0);
    }
    o->set("extracted", base > 0 ? Poco::Dynamic::Var(base) : Poco::Dynamic::Var());
    o->set("share", base > 0 ? Poco::Dynamic::Var(static_cast<double>(reason.count()) / base)
                             : Poco::Dynamic::Var());
    // The trend: every run of the reason's phase (dry runs reject nothing, so they are left
    // out), the newest kRunsInTrend, with 0 where the reason did not occur — fixed.
    Array::Ptr trend = new Array;
    std::vector<const db::RunRecord*> phase_runs;
    for (const db::RunRecord& run : runs) {
      if (run.command != reason.phase) continue;
      if (Bool(db::ParseJsonObject(run.options_json), "dry-run")) continue;
      phase_runs.push_back(&run);
      if (phase_runs.size() == kRunsInTrend) break;
    }
    for (auto it = phase_runs.rbegin(); it != phase_runs.rend(); ++it) {
      Object::Ptr t = NewObject();
      t->set("run", static_cast<Poco::Int64>((*it)->id));
      t->set("subset", (*it)->subset.empty() ? Poco::Dynamic::Var()
                                             : Poco::Dynamic::Var((*it)->subset));
      const auto found = reason.per_run.find((*it)->id);
      t->set("count", found == reason.per_run.end() ? 0 : found->second);
      trend->add(t);
    }
    o->set("runs", trend);
    o->set("examples", Examples(ctx, reason));
    list->add(o);
  }
  out->set("reasons", list);
  return out;
}

}  // namespace crm::reports::lessons
