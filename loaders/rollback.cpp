// `rollback --run ID`: undoes one cutover from its pre-images, in one target transaction.
// Link rows the cutover made go first, then per entity in reverse load order the rows it inserted
// are deleted and the rows it updated are written back; every touched row is then read back and
// checked (a deleted row must be gone, a restored row must hash to its pre-image's checksum). A
// single mismatch rolls the whole undo back, so the target is either restored or untouched.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>

#include <set>

#include "core/common/error.h"
#include "core/common/text.h"
#include "loaders/cutover.h"
#include "loaders/cutover_journal.h"
#include "loaders/plan.h"
#include "loaders/sql/sql_target.h"
#include "loaders/values.h"

namespace crm::loaders {
namespace {

constexpr size_t kChunk = 1000;

struct StoredPreimage {
  std::string table, key, action, before_json, checksum;
};

// Pre-images of one entity of a cutover, about `kChunk` at a time in the order they were
// written; an insert_batch pre-image comes as one insert per key it holds (a chunk ends after
// it: a batch's keys at most are held at once).
class PreimageReader {
 public:
  PreimageReader(db::Database& staging, int64_t cutover_id, std::string entity)
      : staging_(staging), cutover_id_(cutover_id), entity_(std::move(entity)) {}

  std::vector<StoredPreimage> Next() {
    std::vector<StoredPreimage> out;
    auto q = [&](std::string_view n) { return staging_.Quote(n); };
    staging_.Guard("reading the pre-images of " + entity_, [&] {
      long long run = cutover_id_, after = last_id_;
      soci::rowset<soci::row> rows =
          (staging_.session().prepare
               << "SELECT " + q("id") + ", " + q("target_table") + ", " + q("target_key") + ", " +
                      q("action") + ", " + q("before_json") + ", " + q("checksum") + ", " +
                      q("batch_keys") + " FROM " + q("_preimages") + " WHERE " + q("run_id") +
                      " = :r AND " + q("entity") + " = :e AND " + q("id") + " > :a ORDER BY " +
                      q("id") + " LIMIT " + std::to_string(kChunk),
           soci::use(run), soci::use(entity_), soci::use(after));
      for (const soci::row& r : rows) {
        last_id_ = std::stoll(CellText(r, 0).value_or("0"));
        StoredPreimage p{CellText(r, 1).value_or(""), CellText(r, 2).value_or(""),
                         CellText(r, 3).value_or(""), CellText(r, 4).value_or(""),
                         CellText(r, 5).value_or("")};
        if (p.action != kActionInsertBatch) {
          out.push_back(std::move(p));
          continue;
        }
        // No keys at all is a damaged pre-image, an error rather than nothing to delete.
        for (std::string& key : UnpackKeys(CellText(r, 6).value_or(""))) {
          out.push_back({p.table, std::move(key), std::string(kActionInsert), "", ""});
        }
        if (out.size() >= kChunk) break;
      }
    });
    return out;
  }

 private:
  db::Database& staging_;
  int64_t cutover_id_;
  std::string entity_;
  int64_t last_id_ = 0;
};

int64_t CountPreimages(db::Database& staging, int64_t cutover_id) {
  long long n = 0, run = cutover_id;
  staging.Guard("counting pre-images", [&] {
    staging.session() << "SELECT COUNT(*) FROM " + staging.Quote("_preimages") + " WHERE " +
                             staging.Quote("run_id") + " = :r",
        soci::use(run), soci::into(n);
  });
  return n;
}

// Updates whose before-values purge erased (NULL before_json): they cannot be written back.
int64_t CountErasedPreimages(db::Database& staging, int64_t cutover_id) {
  long long n = 0, run = cutover_id;
  std::string update(kActionUpdate);
  staging.Guard("counting erased pre-images", [&] {
    staging.session() << "SELECT COUNT(*) FROM " + staging.Quote("_preimages") + " WHERE " +
                             staging.Quote("run_id") + " = :r AND " + staging.Quote("action") +
                             " = :a AND " + staging.Quote("before_json") + " IS NULL",
        soci::use(run), soci::use(update), soci::into(n);
  });
  return n;
}

class Undo {
 public:
  Undo(const spec::Spec& spec, db::Database& staging, Target& target, int64_t cutover_id,
       Progress& progress)
      : spec_(spec), staging_(staging), target_(target), cutover_id_(cutover_id),
        progress_(progress) {}

  RollbackResult Run() {
    std::vector<EntityPlan> plans = PlanEntities(spec_);
    target_.Begin();
    try {
      for (auto plan = plans.rbegin(); plan != plans.rend(); ++plan) UndoLinks(*plan);
      // Value rows once no join row of this cutover points at them, before the records.
      for (auto plan = plans.rbegin(); plan != plans.rend(); ++plan) UndoValues(*plan);
      for (auto plan = plans.rbegin(); plan != plans.rend(); ++plan) UndoRows(*plan);
    } catch (...) {
      target_.Rollback();
      throw;
    }
    if (!result_.mismatches.empty()) {
      target_.Rollback();
      throw Error(ErrorCategory::kInternal,
                  "rollback of cutover run " + std::to_string(cutover_id_) +
                      " did not verify, so nothing was changed:\n" +
                      Join(result_.mismatches, "\n"));
    }
    target_.Commit();
    return result_;
  }

 private:
  void UndoLinks(const EntityPlan& plan) {
    PreimageReader reader(staging_, cutover_id_, plan.entity->name);
    for (auto chunk = reader.Next(); !chunk.empty(); chunk = reader.Next()) {
      for (const LinkPlan& link : plan.links) {
        std::vector<std::vector<std::string>> pairs;
        for (const StoredPreimage& p : chunk) {
          if (p.action != kActionLinkInsert || p.table != link.table) continue;
          const size_t sep = p.key.find('\x1f');
          pairs.push_back({p.key.substr(0, sep), p.key.substr(sep + 1)});
        }
        if (pairs.empty()) continue;
        target_.Delete(link.table, {link.column, link.ref_column}, pairs);
        result_.links_deleted += static_cast<int64_t>(pairs.size());
      }
      for (const ValuePlan& value : plan.values) {
        const spec::ValueJoin& join = value.rows.join;
        std::vector<std::vector<std::string>> pairs;
        for (const StoredPreimage& p : chunk) {
          if (p.action != kActionLinkInsert || p.table != join.table) continue;
          const size_t sep = p.key.find('\x1f');
          pairs.push_back({p.key.substr(0, sep), p.key.substr(sep + 1)});
        }
        if (pairs.empty()) continue;
        target_.Delete(join.table, {join.column, join.value_column}, pairs);
        result_.links_deleted += static_cast<int64_t>(pairs.size());
      }
    }
  }

  void UndoValues(const EntityPlan& plan) {
    if (plan.values.empty()) return;
    PreimageReader reader(staging_, cutover_id_, plan.entity->name);
    for (auto chunk = reader.Next(); !chunk.empty(); chunk = reader.Next()) {
      for (const ValuePlan& value : plan.values) {
        std::vector<std::vector<std::string>> ids;
        for (const StoredPreimage& p : chunk) {
          if (p.action == kActionValueInsert && p.table == value.rows.table) ids.push_back({p.key});
        }
        target_.Delete(value.rows.table, {value.rows.id_column}, ids);
        result_.values_deleted += static_cast<int64_t>(ids.size());
      }
    }
  }

  void UndoRows(const EntityPlan& plan) {
    std::map<std::string, spec::FieldType> types;
    for (const ColumnPlan& c : plan.columns) types[c.column] = c.type;
    PreimageReader reader(staging_, cutover_id_, plan.entity->name);
    progress_.Begin("rollback " + plan.entity->name, -1);
    for (auto chunk = reader.Next(); !chunk.empty(); chunk = reader.Next()) {
      std::vector<std::vector<std::string>> inserted;
      std::vector<std::string> inserted_keys;
      for (const StoredPreimage& p : chunk) {
        if (p.action == kActionInsert && p.table == plan.table) {
          // Pre-images name the entity key; the key column holds the id without store_key.
          const std::string key = RowKey(plan, spec_.cutover.id_namespace, p.key);
          inserted.push_back({key});
          inserted_keys.push_back(key);
        } else if (p.action == kActionUpdate && p.table == plan.table) {
          Restore(plan, types, p);
        }
      }
      target_.Delete(plan.table, {plan.key_column}, inserted);
      result_.deleted += static_cast<int64_t>(inserted.size());
      for (const Row& r : target_.Read(plan.table, plan.key_column, {}, inserted_keys)) {
        result_.mismatches.push_back(plan.table + " " + r[0].value_or("") +
                                     ": inserted by the cutover, still present after the delete");
      }
      progress_.Advance(static_cast<int64_t>(chunk.size()));
    }
    progress_.End();
  }

  void Restore(const EntityPlan& plan, const std::map<std::string, spec::FieldType>& types,
               const StoredPreimage& p) {
    Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
    Poco::JSON::Object::Ptr before;
    try {
      before = parser.parse(p.before_json).extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception& e) {
      throw Error(ErrorCategory::kInternal, "rollback: the pre-image of " + plan.table + " " +
                                                p.key + " is not JSON: " + e.displayText());
    }
    WriteSpec ws{plan.table, {}, {plan.key_column}, {}};
    Row row;
    for (const std::string& name : before->getNames()) {
      ws.columns.push_back(name);
      if (name != plan.key_column) ws.update_columns.push_back(name);
      if (before->isNull(name)) {
        row.push_back(std::nullopt);
      } else {
        row.push_back(before->getValue<std::string>(name));
      }
    }
    try {
      target_.Write(ws, {row});
    } catch (const RowsRefused& e) {
      result_.mismatches.push_back(plan.table + " " + p.key + ": the target refused the " +
                                   "pre-image: " + e.what());
      return;
    }
    ++result_.restored;
    std::vector<Row> back = target_.Read(plan.table, plan.key_column, ws.columns,
                                         {RowKey(plan, spec_.cutover.id_namespace, p.key)});
    if (back.empty()) {
      result_.mismatches.push_back(plan.table + " " + p.key + ": missing after the restore");
      return;
    }
    Row canonical;
    for (size_t i = 0; i < ws.columns.size(); ++i) {
      auto t = types.find(ws.columns[i]);
      canonical.push_back(Canonical(t == types.end() ? spec::FieldType::kString : t->second,
                                    back[0][i + 1]));
    }
    if (Hex64(RowHash(canonical)) != p.checksum) {
      result_.mismatches.push_back(plan.table + " " + p.key +
                                   ": restored row does not match its pre-image checksum");
      return;
    }
    ++result_.verified;
  }

  const spec::Spec& spec_;
  db::Database& staging_;
  Target& target_;
  int64_t cutover_id_;
  Progress& progress_;
  RollbackResult result_;
};

}  // namespace

RollbackResult RunRollback(const spec::Spec& spec, db::Database& staging, db::Journal& journal,
                           const RollbackOptions& options, Progress& progress) {
  std::optional<db::RunRecord> run = journal.GetRun(options.cutover_id);
  if (!run || run->command != "cutover") {
    throw Error(ErrorCategory::kUsage, "rollback --run " + std::to_string(options.cutover_id) +
                                           ": no cutover run has this id (see `crm-migrate "
                                           "status`)");
  }
  CutoverJournal cj(journal, options.run_id);
  std::optional<CutoverRef> ref = cj.CutoverOf(options.cutover_id);
  if (ref && ref->cutover_id != options.cutover_id) {
    throw Error(ErrorCategory::kUsage,
                "rollback --run " + std::to_string(options.cutover_id) + ": that run resumed " +
                    "cutover run " + std::to_string(ref->cutover_id) + ": roll back run " +
                    std::to_string(ref->cutover_id) + ", which undoes both");
  }
  if (!ref || CountPreimages(staging, options.cutover_id) == 0) {
    throw Error(ErrorCategory::kUsage,
                "rollback --run " + std::to_string(options.cutover_id) +
                    ": that cutover changed nothing that can be undone (a dry run, a CSV "
                    "export, or no row loaded)");
  }
  // Pre-images describe the target as this cutover found it. Once undone, or once a later
  // cutover loaded on top, they no longer do: undoing again would delete rows the later cutover
  // inserted under the same keys. Cutovers are undone newest first, each once.
  const std::string which = "rollback --run " + std::to_string(options.cutover_id);
  if (std::optional<int64_t> by = cj.RolledBackBy(options.cutover_id)) {
    throw Error(ErrorCategory::kUsage, which + ": run " + std::to_string(*by) +
                                           " already rolled that cutover back; nothing to undo");
  }
  for (const db::RunRecord& later : journal.ListRuns()) {
    if (later.command != "cutover" || later.id <= options.cutover_id) continue;
    std::optional<CutoverRef> later_ref = cj.CutoverOf(later.id);
    if (!later_ref || later_ref->cutover_id == options.cutover_id) continue;  // a resume of it
    if (CountPreimages(staging, later_ref->cutover_id) == 0) continue;  // changed nothing
    if (cj.RolledBackBy(later_ref->cutover_id)) continue;
    throw Error(ErrorCategory::kUsage,
                which + ": cutover run " + std::to_string(later_ref->cutover_id) +
                    " loaded the target after it; roll that one back first (cutovers are undone "
                    "newest first)");
  }
  if (CountErasedPreimages(staging, options.cutover_id) > 0) {
    throw Error(ErrorCategory::kUsage,
                which + ": the pre-images of the rows that cutover updated were erased by "
                        "`crm-migrate purge`: they can no longer be restored");
  }
  const std::string url = options.target_url.empty() ? spec.target_url : options.target_url;
  std::unique_ptr<Target> target = OpenTarget(url, spec.base_dir, {});
  RollbackResult result = Undo(spec, staging, *target, options.cutover_id, progress).Run();
  cj.MarkRolledBack(options.cutover_id);
  return result;
}

}  // namespace crm::loaders
