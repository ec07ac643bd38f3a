// Lessons learned: the rules that failed across validate runs (pilot subsets and full runs) and
// the fields with the worst quality by source.
#include <algorithm>
#include <map>
#include <set>

#include "core/db/json_util.h"
#include "reports/journal/rows.h"
#include "reports/pages/lessons.h"
#include "validators/evidence/stats.h"

namespace crm::reports::lessons {
namespace {

constexpr size_t kRunsInTrend = 12;

bool IsIdentityResult(const std::string& check) { return check == "identity" || check == "review"; }

struct RuleRun {
  int64_t run = 0, checked = 0, failed = 0;
};

struct RuleHistory {
  std::string rule, check, entity, field, severity;
  std::vector<RuleRun> runs;  // oldest first
};

std::string Rate(int64_t failed, int64_t checked) {
  return validate::Percent(checked > 0 ? static_cast<double>(failed) / checked : 0.0);
}

Array::Ptr Examples(db::Database& db, int64_t run, const std::string& rule) {
  const auto q = [&](const char* c) { return db.Quote(c); };
  Array::Ptr out = new Array;
  // _failures holds values masked whatever --show-pii said.
  for (const Row& r : QueryRows(db, "failing samples",
                                "SELECT " + q("record_key") + ", " + q("source") + ", " +
                                    q("line") + ", " + q("value_text") + ", " + q("message") +
                                    " FROM " + q("_failures") + " WHERE " + q("run_id") +
                                    " = :run AND " + q("rule_id") + " = :rule ORDER BY " +
                                    q("id") + " LIMIT :n",
                                {static_cast<long long>(run), rule,
                                 static_cast<long long>(kExamples)})) {
    Object::Ptr o = NewObject();
    o->set("key", Text(r, 0));
    o->set("source", Text(r, 1));
    o->set("line", r[2] ? Poco::Dynamic::Var(Integer(r, 2)) : Poco::Dynamic::Var());
    o->set("value", r[3] ? Poco::Dynamic::Var(Text(r, 3)) : Poco::Dynamic::Var());
    o->set("message", Text(r, 4));
    out->add(o);
  }
  return out;
}

}  // namespace

Object::Ptr RuleFailures(const PageContext& ctx, const std::vector<db::RunRecord>& runs) {
  db::Database& db = ctx.journal.db();
  const auto q = [&](const char* c) { return db.Quote(c); };
  std::map<int64_t, const db::RunRecord*> by_id;
  for (const db::RunRecord& r : runs) by_id[r.id] = &r;
  std::map<std::string, RuleHistory> rules;
  for (const Row& r : QueryRows(db, "the rule results",
                                "SELECT " + q("run_id") + ", " + q("rule_id") + ", " + q("rule") +
                                    ", " + q("entity") + ", " + q("field") + ", " +
                                    q("severity") + ", " + q("checked") + ", " + q("failed") +
                                    " FROM " + q("_results") + " ORDER BY " + q("run_id"))) {
    // Identity's results (merged records, pairs to review) are decisions, not defects: the
    // quality pages list them with the duplicates.
    if (IsIdentityResult(Text(r, 2))) continue;
    RuleHistory& h = rules[Text(r, 1)];
    h.rule = Text(r, 1);
    h.check = Text(r, 2);
    h.entity = Text(r, 3);
    h.field = Text(r, 4);
    h.severity = Text(r, 5);
    h.runs.push_back({Integer(r, 0), Integer(r, 6), Integer(r, 7)});
  }
  std::vector<const RuleHistory*> failing;
  for (const auto& entry : rules) {
    const RuleHistory& h = entry.second;
    if (std::any_of(h.runs.begin(), h.runs.end(), [](const RuleRun& x) { return x.failed > 0; })) {
      failing.push_back(&h);
    }
  }
  std::stable_sort(failing.begin(), failing.end(), [](const RuleHistory* a, const RuleHistory* b) {
    return a->runs.back().failed > b->runs.back().failed;
  });
  Object::Ptr out = NewObject();
  out->set("total_rules", static_cast<Poco::Int64>(failing.size()));
  Array::Ptr list = new Array;
  for (size_t i = 0; i < failing.size() && i < kTopItems; ++i) {
    const RuleHistory& h = *failing[i];
    const RuleRun& newest = h.runs.back();
    Object::Ptr o = NewObject();
    o->set("rule", h.rule);
    o->set("check", h.check);
    o->set("entity", h.entity);
    o->set("field", h.field);
    o->set("severity", h.severity);
    o->set("run", newest.run);
    o->set("failed", newest.failed);
    o->set("checked", newest.checked);
    o->set("rate", Rate(newest.failed, newest.checked));
    Array::Ptr trend = new Array;
    const size_t first = h.runs.size() > kRunsInTrend ? h.runs.size() - kRunsInTrend : 0;
    for (size_t k = first; k < h.runs.size(); ++k) {
      const RuleRun& x = h.runs[k];
      Object::Ptr t = NewObject();
      t->set("run", x.run);
      const auto run = by_id.find(x.run);
      t->set("subset", run != by_id.end() && !run->second->subset.empty()
                           ? Poco::Dynamic::Var(run->second->subset)
                           : Poco::Dynamic::Var());
      t->set("failed", x.failed);
      t->set("checked", x.checked);
      t->set("rate", Rate(x.failed, x.checked));
      trend->add(t);
    }
    o->set("runs", trend);
    o->set("examples", Examples(db, newest.run, h.rule));
    list->add(o);
  }
  out->set("rules", list);
  return out;
}

Array::Ptr WorstFields(const PageContext& ctx, const std::vector<db::RunRecord>& runs) {
  db::Database& db = ctx.journal.db();
  const auto q = [&](const char* c) { return db.Quote(c); };
  std::set<int64_t> with_results;
  for (const Row& r : QueryRows(db, "the validate runs",
                                "SELECT DISTINCT " + q("run_id") + " FROM " + q("_results"))) {
    with_results.insert(Integer(r, 0));
  }
  const db::RunRecord* chosen = nullptr;
  for (const db::RunRecord& r : runs) {  // newest first: a full run wins over any subset
    if (!with_results.count(r.id)) continue;
    if (r.subset.empty()) {
      chosen = &r;
      break;
    }
    if (!chosen) chosen = &r;
  }
  Array::Ptr out = new Array;
  if (!chosen) return out;
  struct Item {
    Object::Ptr o;
    double rate;
  };
  std::vector<Item> items;
  for (const Row& r : QueryRows(db, "the rule results",
                                "SELECT " + q("rule_id") + ", " + q("entity") + ", " +
                                    q("field") + ", " + q("details_json") + ", " + q("rule") +
                                    ", " + q("severity") + " FROM " +
                                    q("_results") + " WHERE " + q("run_id") + " = :run",
                                {static_cast<long long>(chosen->id)})) {
    if (IsIdentityResult(Text(r, 4))) continue;
    Array::Ptr by_source = Arr(db::ParseJsonObject(Text(r, 3)), "by_source");
    for (size_t i = 0; i < Size(by_source); ++i) {
      Object::Ptr s = ObjAt(by_source, i);
      const int64_t failed = Int(s, "failed"), checked = Int(s, "checked");
      if (failed <= 0 || checked <= 0) continue;
      Object::Ptr o = NewObject();
      o->set("source", Str(s, "source"));
      o->set("entity", Text(r, 1));
      o->set("field", Text(r, 2));
      o->set("rule", Text(r, 0));
      o->set("check", Text(r, 4));
      o->set("severity", Text(r, 5));
      o->set("run", static_cast<Poco::Int64>(chosen->id));
      o->set("failed", failed);
      o->set("checked", checked);
      o->set("rate", Rate(failed, checked));
      items.push_back({o, static_cast<double>(failed) / checked});
    }
  }
  std::stable_sort(items.begin(), items.end(),
                   [](const Item& a, const Item& b) { return a.rate > b.rate; });
  for (size_t i = 0; i < items.size() && i < kTopItems; ++i) out->add(items[i].o);
  return out;
}

}  // namespace crm::reports::lessons
