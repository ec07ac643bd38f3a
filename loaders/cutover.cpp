#include "loaders/cutover.h"

#include <Poco/JSON/Object.h>

#include <filesystem>
#include <future>
#include <set>
#include <sstream>

#include "core/common/error.h"
#include "core/common/text.h"
#include "core/db/staging_schema.h"
#include "identity/identity.h"
#include "loaders/crosswalk.h"
#include "loaders/cutover_journal.h"
#include "loaders/gold_reader.h"
#include "loaders/plan.h"
#include "loaders/row_builder.h"
#include "loaders/schema_check.h"
#include "loaders/sql/target_traits.h"
#include "loaders/values.h"

namespace crm::loaders {

namespace {

constexpr size_t kMaxListed = 20;

std::string RowJson(const std::vector<std::string>& columns, const Row& row) {
  Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
  for (size_t i = 0; i < columns.size() && i < row.size(); ++i) {
    if (row[i]) {
      object.set(columns[i], *row[i]);
    } else {
      object.set(columns[i], Poco::Dynamic::Var());
    }
  }
  std::ostringstream out;
  object.stringify(out);
  return out.str();
}

void AddListed(std::vector<std::string>* list, std::string text) {
  if (list->size() < kMaxListed) list->push_back(std::move(text));
}

// A join row as its pre-image names it: "<record id>\x1f<value id>" (as link rows are named).
std::string JoinKey(const ValuePlan& value, const Row& join) {
  const size_t at = value.rows.join.id_column.empty() ? 0 : 1;
  return join[at].value_or("") + "\x1f" + join[at + 1].value_or("");
}

// The two sides of an entity's reconciliation: what the load meant to write, what the target
// holds of it.
struct Reconciliation {
  Checksum loaded, in_target;
};

// What the load does with one golden record of a batch.
enum class Action { kInsert, kUpdate, kUnchanged, kRefused };

struct Unit {
  BuiltRecord record;
  Action action = Action::kInsert;
  bool write_row = true;                    // the entity row is sent (insert or update)
  std::vector<std::vector<Row>> new_links;  // per link spec: rows not yet in the target
  std::vector<std::vector<Row>> new_values;  // per plan value: value rows not yet in the target
  std::vector<std::vector<Row>> new_joins;   // per plan value: join rows not yet in the target
  bool written = false;
  std::string refusal;
};

// One batch on its way through the load (LoadEntity).
struct BatchWork {
  Batch batch;
  std::vector<Unit> units;
  std::vector<Unit*> to_write;          // the units with a row or link rows to send
  std::vector<BuiltRecord*> written;    // the records not refused, in order
  std::vector<Row> read_back;           // their rows in the target (Cutover::checks_in_load)
  std::vector<Row> unchanged_rows;      // the target's rows of the records left unchanged
  // A batch into a table that was empty: how many keys its insert_batch pre-image holds.
  std::optional<size_t> packed_inserts;
  bool aborted = false;                 // on_error: abort met a refused row: rolled back
  std::string abort_message;
};

// The state of one entity's load across its batches.
struct EntityLoad {
  EntityLoad(const EntityPlan& p, EntityOutcome& o, db::Database& staging, int64_t load_id)
      : plan(p), outcome(o), reader(staging, p, load_id) {}

  const EntityPlan& plan;
  EntityOutcome& outcome;
  GoldReader reader;
  std::optional<std::string> after;  // the last key read
  std::optional<std::string> crosswalk_after;  // the last key of the crosswalk written so far
  int64_t batch_no = 0;
  bool replaying = false;            // a resume, until the first batch it had not begun
  bool table_was_empty = false;
  std::vector<bool> link_table_was_empty;
  Reconciliation sums;
};

class Cutover {
 public:
  Cutover(const spec::Spec& spec, db::Database& staging, db::Journal& journal,
          const CutoverOptions& options, Progress& progress)
      : spec_(spec),
        staging_(staging),
        journal_(journal),
        options_(options),
        progress_(progress),
        cj_(journal, options.run_id) {}

  CutoverResult Run();

 private:
  void Resolve();
  void OpenAndCheckTarget();
  void Truncate();
  bool LoadEntity(EntityPlan& plan, EntityOutcome& outcome);
  std::unique_ptr<BatchWork> PrepareBatch(EntityLoad& load);  // nullptr after the last batch
  void DecideBatch(EntityLoad& load, BatchWork& work);
  void WriteBatch(EntityLoad& load, BatchWork& work);
  void FinishBatch(EntityLoad& load, BatchWork& work);
  void WriteIsolated(std::vector<Unit*> units, const std::string& entity, int depth);
  bool AttemptWrite(const std::vector<Unit*>& units, const std::string& entity, int depth,
                    std::string* refusal);
  void FindNewValueRows(const EntityPlan& plan, std::vector<Unit>* units);
  std::vector<Row> ReadByKeys(const EntityPlan& plan, const std::vector<std::string>& columns,
                              const std::vector<std::string>& keys);
  // Rows as ReadByKeys returns them, by entity key.
  static std::map<std::string, Row> ByKey(std::vector<Row> rows);
  // max_batches >= 0: only the golden records of the first max_batches batches (a stopped load).
  void Reconcile(const EntityPlan& plan, EntityOutcome& outcome, int64_t max_batches = -1);
  std::map<std::string, Row> ReadExisting(const EntityPlan& plan,
                                          const std::vector<std::string>& keys);
  void ApplyTargetIds(const EntityPlan& plan, const std::vector<BuiltRecord*>& records,
                      const std::map<std::string, Row>& existing);
  void ApplyOwnIds(const EntityPlan& plan, const std::vector<BuiltRecord*>& records,
                   const std::map<std::string, Row>& existing);
  // Compares `records` (ids and references resolved) with `found`, the target's rows of their
  // keys as ReadExisting returns them: adds to the checksums, counts target rows, lists
  // differences, and records the target ids in the crosswalk.
  void CheckBatch(const EntityPlan& plan, const std::vector<BuiltRecord*>& records,
                  const std::map<std::string, Row>& found, EntityOutcome& outcome,
                  Reconciliation& sums);
  // Whether DecideBatch reads the target for `load`'s batches (else it may run while a batch
  // before is being written).
  bool DecideReadsTarget(const EntityLoad& load) const;
  db::RejectRecord RejectFor(const EntityPlan& plan, const Unit& unit, RejectKind kind,
                             const std::string& column, const std::string& message);

  bool dry_run() const { return options_.dry_run; }
  // A fresh load into a database reads every batch back as soon as it is committed and checks
  // it there (CheckBatch); a resume or a retry of rejects loads only part of the records, so the
  // whole entity is read and checked again after it (Reconcile).
  bool checks_in_load() const {
    return target_->is_database() && !options_.resume && !options_.retry_rejects;
  }

  const spec::Spec& spec_;
  db::Database& staging_;
  db::Journal& journal_;
  const CutoverOptions& options_;
  Progress& progress_;
  CutoverJournal cj_;
  CutoverResult result_;
  int64_t load_id_ = 0;
  std::vector<EntityPlan> plans_;
  std::unique_ptr<Target> target_;
  bool timestamp_with_space_ = false;
  std::map<std::string, std::set<std::string>> retry_keys_;   // --retry-rejects
  std::map<std::string, std::set<std::string>> refused_keys_;  // rejected in this cutover
  std::map<std::string, WriteSpec> entity_ws_;
  int64_t stopped_batches_ = -1;  // a stopped load: the batches it committed of its last entity
  std::map<std::string, std::vector<WriteSpec>> link_ws_;
  std::map<std::string, std::vector<WriteSpec>> value_ws_;  // per plan value: the value table
  std::map<std::string, std::vector<WriteSpec>> join_ws_;   // per plan value: the join table
  // Columns read back per entity: the written ones, then an autoincrement id the target made.
  std::map<std::string, std::vector<std::string>> read_columns_;
  std::map<std::string, std::set<std::string>> exported_values_;  // CSV: value ids per table
  std::map<std::string, std::unique_ptr<RowBuilder>> builders_;
  // A fresh load writes the crosswalk batch by batch, while the server writes the next batch;
  // other runs write it after the load.
  std::unique_ptr<CrosswalkWriter> crosswalk_;
};

void Cutover::Resolve() {
  if (spec_.cutover.mode == spec::CutoverMode::kTruncateInsert && !options_.confirm_truncate) {
    throw Error(ErrorCategory::kUsage,
                spec_.path + ": cutover.mode: truncate-insert empties every target table of the "
                             "spec before loading: run with --confirm-truncate to allow it");
  }
  if (options_.resume && options_.retry_rejects) {
    throw Error(ErrorCategory::kUsage, "--resume and --retry-rejects cannot be combined: resume "
                                       "first, then retry the rejects");
  }
  std::optional<db::LoadRecord> load = journal_.CurrentLoad();
  if (!load) {
    throw Error(ErrorCategory::kUsage,
                "cutover: nothing has been staged in full yet: run `crm-migrate stage` first");
  }
  load_id_ = load->id;
  journal_.SetRunLoad(options_.run_id, load_id_);
  result_.cutover_id = options_.run_id;
  result_.dry_run = options_.dry_run;
  if (!options_.resume && !options_.retry_rejects) return;

  std::optional<db::RunRecord> last = cj_.LastLoadingRun();
  std::optional<CutoverRef> ref;
  if (last) ref = cj_.CutoverOf(last->id);
  const std::string flag = options_.resume ? "--resume" : "--retry-rejects";
  if (!last || !ref) {
    throw Error(ErrorCategory::kUsage, "cutover " + flag + ": no earlier cutover has loaded "
                                       "anything: run `crm-migrate cutover`");
  }
  // Rejected rows are retried by key from whatever load is current (the data was fixed and
  // staged again); a resume must continue the very load it started.
  if (options_.resume && ref->load_id != load_id_) {
    throw Error(ErrorCategory::kUsage,
                "cutover " + flag + ": the last cutover (run " + std::to_string(ref->cutover_id) +
                    ") loaded staged load " + std::to_string(ref->load_id) +
                    ", but the current staged load is " + std::to_string(load_id_) +
                    ": run a new `crm-migrate cutover`");
  }
  if (options_.resume) {
    if (last->outcome == db::kOutcomeOk) {
      throw Error(ErrorCategory::kUsage, "cutover --resume: the last cutover (run " +
                                             std::to_string(ref->cutover_id) +
                                             ") finished: there is nothing to resume");
    }
    result_.cutover_id = ref->cutover_id;
    result_.notes.push_back("resuming cutover run " + std::to_string(ref->cutover_id) +
                            " from its checkpoints");
    return;
  }
  int64_t total = 0;
  for (const EntityPlan& plan : plans_) {
    retry_keys_[plan.entity->name] =
        cj_.RejectedKeys(ref->cutover_id, plan.entity->name, plan.key_column);
    total += static_cast<int64_t>(retry_keys_[plan.entity->name].size());
  }
  if (total == 0) {
    throw Error(ErrorCategory::kUsage, "cutover --retry-rejects: the last cutover (run " +
                                           std::to_string(ref->cutover_id) +
                                           ") rejected no rows: there is nothing to retry");
  }
  result_.notes.push_back("retrying the " + std::to_string(total) + " row(s) cutover run " +
                          std::to_string(ref->cutover_id) + " rejected");
}

void Cutover::OpenAndCheckTarget() {
  const std::string url = options_.target_url.empty() ? spec_.target_url : options_.target_url;
  const bool create = options_.create_target || spec_.cutover.create_target;
  target_ = OpenTarget(url, spec_.base_dir, {.dry_run = dry_run(), .create = create});
  if (options_.wrap_target) target_ = options_.wrap_target(std::move(target_));
  result_.target = target_->masked_url();
  if (target_->dialect()) {
    timestamp_with_space_ = TargetTraitsFor(target_->dialect()->dialect).timestamp_with_space;
  }
  // The dry run is one transaction, rolled back at the end; a real run checks (and creates
  // tables) in a transaction of its own, so a failing check leaves no table behind where DDL is
  // transactional (SQLite, PostgreSQL).
  if (target_->is_database()) target_->Begin();
  SchemaCheckResult check;
  try {
    check = CheckTargetSchema(spec_, &plans_, *target_, staging_,
                              {.create = create, .load_id = load_id_});
  } catch (...) {
    target_->Rollback();
    throw;
  }
  for (std::string& note : check.notes) result_.notes.push_back(std::move(note));
  for (std::string& warning : check.warnings) result_.warnings.push_back(std::move(warning));
  if (!check.problems.empty()) {
    target_->Rollback();
    throw Error(ErrorCategory::kSpec, "the target " + target_->masked_url() +
                                          " does not fit the spec (nothing was written):\n" +
                                          Join(check.problems, "\n"));
  }
  if (target_->is_database() && !dry_run()) target_->Commit();

  for (const EntityPlan& plan : plans_) {
    const std::string& name = plan.entity->name;
    builders_[name] = std::make_unique<RowBuilder>(plan, plans_, spec_.cutover.id_namespace,
                                                   timestamp_with_space_,
                                                   !target_->is_database());
    WriteSpec ws{plan.table, builders_[name]->columns(), {plan.key_column}, {}};
    if (spec_.cutover.mode != spec::CutoverMode::kInsert) {
      // The id of a row the target already has never changes: other tables point at it.
      for (const std::string& c : ws.columns) {
        if (c != plan.key_column && c != plan.id_column) ws.update_columns.push_back(c);
      }
    }
    target_->Prepare(ws);
    entity_ws_[name] = ws;
    read_columns_[name] = ws.columns;
    if (plan.id_strategy == spec::IdStrategy::kAutoincrement) {
      read_columns_[name].push_back(plan.id_column);
    }
    for (const LinkPlan& link : plan.links) {
      // A link row with an id of its own is identified by it (SuiteCRM's link tables have no
      // unique index on the pair); the id is a UUIDv5 of the pair, so the pair still decides.
      WriteSpec lws{link.table, LinkRowColumns(link),
                    link.id_column.empty()
                        ? std::vector<std::string>{link.column, link.ref_column}
                        : std::vector<std::string>{link.id_column},
                    {}};
      if (!target_->is_database()) {
        lws.columns.push_back(link.column + "_external_id");
        lws.columns.push_back(link.ref_column + "_external_id");
      }
      target_->Prepare(lws);
      link_ws_[name].push_back(lws);
    }
    // Value and join rows are only ever added: a value row may be shared by several records,
    // and the join row of a (record, value) pair says all there is to say about it.
    for (const ValuePlan& value : plan.values) {
      const spec::ValueJoin& join = value.rows.join;
      WriteSpec vws{value.rows.table, ValueRowColumns(value), {value.rows.id_column}, {}};
      WriteSpec jws{join.table, JoinRowColumns(value),
                    join.id_column.empty()
                        ? std::vector<std::string>{join.column, join.value_column}
                        : std::vector<std::string>{join.id_column},
                    {}};
      target_->Prepare(vws);
      target_->Prepare(jws);
      value_ws_[name].push_back(vws);
      join_ws_[name].push_back(jws);
    }
  }
}

void Cutover::Truncate() {
  if (spec_.cutover.mode != spec::CutoverMode::kTruncateInsert || options_.resume ||
      options_.retry_rejects || !target_->is_database()) {
    return;
  }
  if (!dry_run()) target_->Begin();
  try {
    for (auto plan = plans_.rbegin(); plan != plans_.rend(); ++plan) {
      for (const LinkPlan& link : plan->links) target_->DeleteAll(link.table);
      for (const ValuePlan& value : plan->values) target_->DeleteAll(value.rows.join.table);
    }
    for (auto plan = plans_.rbegin(); plan != plans_.rend(); ++plan) {
      for (const ValuePlan& value : plan->values) target_->DeleteAll(value.rows.table);
    }
    for (auto plan = plans_.rbegin(); plan != plans_.rend(); ++plan) {
      target_->DeleteAll(plan->table);
    }
    if (!dry_run()) target_->Commit();
  } catch (const RowsRefused& e) {
    if (!dry_run()) target_->Rollback();
    throw Error(ErrorCategory::kIo, "truncate-insert could not empty the target tables of " +
                                        target_->masked_url() + ": " + e.what());
  }
  result_.notes.push_back("truncate-insert: emptied the target tables (a rollback cannot "
                          "bring their earlier rows back)");
}

db::RejectRecord Cutover::RejectFor(const EntityPlan& plan, const Unit& unit, RejectKind kind,
                                    const std::string& column, const std::string& message) {
  db::RejectRecord reject;
  reject.phase = "cutover";
  reject.entity = plan.entity->name;
  reject.kind = kind;
  reject.column = column;
  reject.raw = RowJson(builders_.at(plan.entity->name)->columns(), unit.record.row);
  reject.message = message;
  reject.load_id = load_id_;
  // The lineage back to the source line: the first staged member of the golden record.
  std::string source;
  long long line = -1;
  soci::indicator source_ind = soci::i_null, line_ind = soci::i_null;
  long long load = load_id_;
  const std::string key = unit.record.key;
  // The members are few: the first is picked here. An ORDER BY in the query made SQLite walk
  // the whole load in its primary key's order instead of using the gold key's index (a scan of
  // every staged record per reject).
  staging_.Guard("reading the lineage of " + key, [&] {
    std::string s;
    long long l = -1;
    soci::indicator s_ind = soci::i_null, l_ind = soci::i_null;
    soci::statement st =
        (staging_.session().prepare << "SELECT " + staging_.Quote(db::kColSource) + ", " +
                                           staging_.Quote(db::kColLine) + " FROM " +
                                           staging_.Quote(db::XrefTableName(plan.entity->name)) +
                                           " WHERE " + staging_.Quote(db::kColLoad) +
                                           " = :l AND " + staging_.Quote("_crm_gold_key") +
                                           " = :k",
         soci::use(load), soci::use(key), soci::into(s, s_ind), soci::into(l, l_ind));
    st.execute();
    while (st.fetch()) {
      // (source, line) order, a missing line first, as SQLite's ORDER BY put it.
      const long long this_line = l_ind == soci::i_ok ? l : -1;
      const long long best_line = line_ind == soci::i_ok ? line : -1;
      if (source_ind == soci::i_ok && (s > source || (s == source && this_line >= best_line))) {
        continue;
      }
      source = s;
      source_ind = s_ind == soci::i_ok ? soci::i_ok : soci::i_null;
      line = l;
      line_ind = l_ind == soci::i_ok ? soci::i_ok : soci::i_null;
    }
  });
  if (source_ind == soci::i_ok) reject.source = source;
  if (line_ind == soci::i_ok) reject.line = line;
  return reject;
}

bool Cutover::AttemptWrite(const std::vector<Unit*>& units, const std::string& entity,
                           int depth, std::string* refusal) {
  const WriteSpec& ws = entity_ws_.at(entity);
  const std::vector<WriteSpec>& link_ws = link_ws_[entity];
  const std::vector<WriteSpec>& value_ws = value_ws_[entity];
  const std::vector<WriteSpec>& join_ws = join_ws_[entity];
  const std::string savepoint = "crm_batch_" + std::to_string(depth);
  if (dry_run()) {
    target_->Savepoint(savepoint);
  } else {
    target_->Begin();
  }
  try {
    // The rows are lent to Write (which only reads them) and given back, even when it throws:
    // a batch that is split is written again.
    std::vector<Row> rows;
    for (Unit* u : units) {
      if (u->write_row) rows.push_back(std::move(u->record.row));
    }
    auto give_back = [&] {
      size_t i = 0;
      for (Unit* u : units) {
        if (u->write_row) u->record.row = std::move(rows[i++]);
      }
    };
    try {
      target_->Write(ws, rows);
      give_back();
    } catch (const RowsRefused& e) {
      give_back();
      // The target named the rows it refuses before writing any: they are refused here and
      // WriteIsolated writes the others again, instead of splitting the batch down to them.
      size_t i = 0;
      for (Unit* u : units) {
        if (!u->write_row) continue;
        if (auto it = e.rows().find(i++); it != e.rows().end()) {
          u->action = Action::kRefused;
          u->refusal = it->second;
        }
      }
      throw;
    } catch (...) {
      give_back();
      throw;
    }
    // Value rows before the join rows that point at them (a target may enforce that).
    for (size_t v = 0; v < value_ws.size(); ++v) {
      std::vector<Row> values, joins;
      for (Unit* u : units) {
        values.insert(values.end(), u->new_values[v].begin(), u->new_values[v].end());
        joins.insert(joins.end(), u->new_joins[v].begin(), u->new_joins[v].end());
      }
      target_->Write(value_ws[v], values);
      target_->Write(join_ws[v], joins);
    }
    for (size_t l = 0; l < link_ws.size(); ++l) {
      std::vector<Row> links;
      for (Unit* u : units) {
        for (const Row& r : u->new_links[l]) links.push_back(r);
      }
      target_->Write(link_ws[l], links);
    }
    if (dry_run()) {
      target_->ReleaseSavepoint(savepoint);
    } else {
      target_->Commit();
    }
    for (Unit* u : units) u->written = true;
    return true;
  } catch (const RowsRefused& e) {
    if (dry_run()) {
      target_->RollbackToSavepoint(savepoint);
      target_->ReleaseSavepoint(savepoint);
    } else {
      target_->Rollback();
    }
    *refusal = e.what();
    return false;
  } catch (...) {
    if (!dry_run()) target_->Rollback();
    throw;
  }
}

// Writes `units`; when the target refuses, splits them in halves until each refused row stands
// alone (log2(batch) extra statements per bad row), so the rest of the batch still loads. Rows
// the target names as refused (RowsRefused::rows) are set aside without splitting.
void Cutover::WriteIsolated(std::vector<Unit*> units, const std::string& entity, int depth) {
  if (units.empty()) return;
  std::string refusal;
  if (AttemptWrite(units, entity, depth, &refusal)) return;
  if (spec_.cutover.on_error == spec::CutoverOnError::kAbort) {
    for (Unit* u : units) u->refusal = refusal;
    throw RowsRefused(refusal);
  }
  std::vector<Unit*> rest;
  for (Unit* u : units) {
    if (u->action != Action::kRefused) rest.push_back(u);
  }
  if (rest.size() < units.size()) {
    WriteIsolated(std::move(rest), entity, depth);
    return;
  }
  if (units.size() == 1) {
    units[0]->refusal = refusal;
    units[0]->action = Action::kRefused;
    return;
  }
  const size_t half = units.size() / 2;
  WriteIsolated({units.begin(), units.begin() + static_cast<std::ptrdiff_t>(half)}, entity,
                depth + 1);
  WriteIsolated({units.begin() + static_cast<std::ptrdiff_t>(half), units.end()}, entity,
                depth + 1);
}

// Rows of `plan`'s table by entity key, each as Read returns it but with the entity key first.
// Without a key column (store_key: false) the rows are looked up by the ids made from the keys.
std::vector<Row> Cutover::ReadByKeys(const EntityPlan& plan,
                                     const std::vector<std::string>& columns,
                                     const std::vector<std::string>& keys) {
  if (plan.store_key) return target_->Read(plan.table, plan.key_column, columns, keys);
  std::map<std::string, std::string> key_of;
  std::vector<std::string> ids;
  for (const std::string& key : keys) {
    std::string id = RowKey(plan, spec_.cutover.id_namespace, key);
    key_of[id] = key;
    ids.push_back(std::move(id));
  }
  std::vector<Row> rows = target_->Read(plan.table, plan.key_column, columns, ids);
  for (Row& r : rows) r[0] = key_of[r[0].value_or("")];
  return rows;
}

std::map<std::string, Row> Cutover::ByKey(std::vector<Row> rows) {
  std::map<std::string, Row> by_key;
  for (Row& r : rows) {
    std::string key = r[0].value_or("");
    by_key[key] = std::move(r);
  }
  return by_key;
}

std::map<std::string, Row> Cutover::ReadExisting(const EntityPlan& plan,
                                                 const std::vector<std::string>& keys) {
  return ByKey(ReadByKeys(plan, read_columns_.at(plan.entity->name), keys));
}

// A record the target holds already keeps the id it has there (and its link rows follow).
void Cutover::ApplyOwnIds(const EntityPlan& plan, const std::vector<BuiltRecord*>& records,
                          const std::map<std::string, Row>& existing) {
  const RowBuilder& builder = *builders_.at(plan.entity->name);
  // Where a read row holds the record's id: its planned id column, or the autoincrement id
  // read after the written columns.
  int id_at = plan.IndexOf(plan.id_column);
  id_at = id_at >= 0 && plan.columns[static_cast<size_t>(id_at)].role == ColumnRole::kId
              ? id_at + 1
              : -1;
  if (plan.id_strategy == spec::IdStrategy::kAutoincrement) {
    id_at = static_cast<int>(read_columns_.at(plan.entity->name).size());
  }
  if (id_at < 0) return;
  for (BuiltRecord* record : records) {
    auto it = existing.find(record->key);
    if (it == existing.end() || !it->second[static_cast<size_t>(id_at)]) continue;
    builder.Retarget(record, *it->second[static_cast<size_t>(id_at)]);
  }
}

// References are resolved from external id to the key the target really holds: a record the
// target had before the cutover keeps its own id (insert mode, or ids made otherwise), and a
// reference to a record that is not in the target (refused, or never loaded) is unresolved.
// Computed ids stand only where nothing can be read back (CSV export).
void Cutover::ApplyTargetIds(const EntityPlan& plan, const std::vector<BuiltRecord*>& records,
                             const std::map<std::string, Row>& existing) {
  if (!target_->is_database()) return;
  const RowBuilder& builder = *builders_.at(plan.entity->name);
  ApplyOwnIds(plan, records, existing);
  auto ids_of = [&](const std::string& entity, const std::set<std::string>& keys) {
    std::map<std::string, std::string> ids;
    const EntityPlan* ref = nullptr;
    for (const EntityPlan& p : plans_) {
      if (p.entity->name == entity) ref = &p;
    }
    if (ref == nullptr || keys.empty()) return ids;
    for (const Row& r :
         ReadByKeys(*ref, {ref->id_column}, std::vector<std::string>(keys.begin(), keys.end()))) {
      if (r[0] && r[1]) ids[*r[0]] = *r[1];
    }
    return ids;
  };
  for (size_t i = 0; i < plan.columns.size(); ++i) {
    const ColumnPlan& c = plan.columns[i];
    if (c.role != ColumnRole::kRef) continue;
    std::set<std::string> keys;
    for (BuiltRecord* record : records) {
      if (record->ref_keys[i]) keys.insert(*record->ref_keys[i]);
    }
    const std::map<std::string, std::string> ids = ids_of(c.ref, keys);
    for (BuiltRecord* record : records) {
      if (!record->ref_keys[i]) continue;
      auto found = ids.find(*record->ref_keys[i]);
      if (found != ids.end()) {
        record->row[i] = found->second;
      } else if (record->unresolved_column.empty()) {
        record->unresolved_column = c.column;
        record->unresolved_message = c.column + ": the " + c.ref + " '" +
                                     *record->ref_keys[i] +
                                     "' is not in the target (refused or not loaded)";
      }
    }
  }
  for (size_t l = 0; l < plan.links.size(); ++l) {
    std::set<std::string> keys;
    for (BuiltRecord* record : records) {
      keys.insert(record->link_keys[l].begin(), record->link_keys[l].end());
    }
    const std::map<std::string, std::string> ids = ids_of(plan.links[l].ref, keys);
    for (BuiltRecord* record : records) {
      std::vector<Row> kept;
      std::vector<std::string> kept_keys;
      for (size_t r = 0; r < record->links[l].size(); ++r) {
        auto found = ids.find(record->link_keys[l][r]);
        if (found == ids.end()) {
          record->unresolved_links.push_back(plan.links[l].field + " '" +
                                             record->link_keys[l][r] + "' (not in the target)");
          continue;
        }
        Row link = record->links[l][r];
        link[1] = found->second;
        builder.FinishLink(l, &link);
        kept.push_back(std::move(link));
        kept_keys.push_back(record->link_keys[l][r]);
      }
      record->links[l] = std::move(kept);
      record->link_keys[l] = std::move(kept_keys);
    }
  }
}

// Value and join rows the target does not hold yet, per unit (their tables are read every
// batch: other entities' records, and the CRM itself, may share the value rows).
void Cutover::FindNewValueRows(const EntityPlan& plan, std::vector<Unit>* units) {
  for (Unit& u : *units) {
    u.new_values = u.record.value_rows;
    u.new_joins = u.record.join_rows;
  }
  if (!target_->is_database()) {
    // A CSV export has no conflict clause: each value row goes out once, with its first record.
    for (size_t v = 0; v < plan.values.size(); ++v) {
      std::set<std::string>& written = exported_values_[plan.values[v].rows.table];
      for (Unit& u : *units) {
        std::vector<Row> fresh;
        for (Row& r : u.new_values[v]) {
          if (written.insert(r[0].value_or("")).second) fresh.push_back(std::move(r));
        }
        u.new_values[v] = std::move(fresh);
      }
    }
    return;
  }
  for (size_t v = 0; v < plan.values.size(); ++v) {
    const spec::ValueRows& rows = plan.values[v].rows;
    std::set<std::string> ids;
    std::vector<std::string> record_ids;
    for (const Unit& u : *units) {
      for (const Row& r : u.new_values[v]) ids.insert(r[0].value_or(""));
      if (!u.new_joins[v].empty()) record_ids.push_back(u.record.target_id);
    }
    std::set<std::string> have_values;
    if (!ids.empty()) {
      for (const Row& r : target_->Read(rows.table, rows.id_column, {},
                                        std::vector<std::string>(ids.begin(), ids.end()))) {
        have_values.insert(r[0].value_or(""));
      }
    }
    std::set<std::string> have_joins;
    if (!record_ids.empty()) {
      for (const Row& r : target_->Read(rows.join.table, rows.join.column,
                                        {rows.join.value_column}, record_ids)) {
        have_joins.insert(r[0].value_or("") + "\x1f" + (r.size() > 1 ? r[1].value_or("") : ""));
      }
    }
    for (Unit& u : *units) {
      std::vector<Row> fresh_values, fresh_joins;
      for (Row& r : u.new_values[v]) {
        if (!have_values.count(r[0].value_or(""))) fresh_values.push_back(std::move(r));
      }
      for (Row& r : u.new_joins[v]) {
        if (!have_joins.count(JoinKey(plan.values[v], r))) fresh_joins.push_back(std::move(r));
      }
      u.new_values[v] = std::move(fresh_values);
      u.new_joins[v] = std::move(fresh_joins);
    }
  }
}

// An entity's load, batch by batch: Prepare reads and builds a batch (staging only), Decide
// reads what the target holds of it and writes its pre-images (staging and target), Write sends
// it and reads it back (target only), Finish checks it and marks it done (staging only).
bool Cutover::LoadEntity(EntityPlan& plan, EntityOutcome& outcome) {
  const std::string& name = plan.entity->name;
  EntityLoad load(plan, outcome, staging_, load_id_);
  if (options_.resume) {
    if (std::optional<Batch> done = cj_.LastDoneBatch(result_.cutover_id, name)) {
      load.after = done->last_key;
      load.batch_no = done->batch_no;
      outcome.skipped = load.reader.CountUpTo(done->last_key);
    }
  }
  load.replaying = options_.resume;
  // A table that is empty when a fresh (not resumed) load of it starts can only hold rows this
  // run writes, each key in one batch: the first load of a migration skips reading back what the
  // target has before every batch.
  const bool first_load = !options_.resume && target_->is_database();
  load.table_was_empty = first_load && target_->Count(plan.table) == 0;
  entity_ws_.at(name).all_new = load.table_was_empty;
  for (const LinkPlan& link : plan.links) {
    load.link_table_was_empty.push_back(first_load && target_->Count(link.table) == 0);
  }
  if (checks_in_load()) outcome.checksum_loaded = outcome.checksum_target = Checksum().Text();
  progress_.Begin((dry_run() ? "cutover (dry run) " : "cutover ") + name, outcome.golden);

  // A database server works on one batch while this process finishes the one before and builds
  // the next (two cores: the server's and ours). Nothing of a batch goes to the target before
  // the batch before it succeeded, so a stop (on_error: abort, max_errors) leaves the target as
  // it always did; the next batch may stand pending in _checkpoints, as after a crash.
  // A SQLite target (through ODBC too) is written in this thread: it may share its file with the
  // staging database, which this thread writes meanwhile.
  const db::DialectTraits* dialect = target_->dialect();
  const bool overlap = target_->is_database() && dialect != nullptr &&
                       (dialect->dialect == db::Dialect::kPostgresql ||
                        dialect->dialect == db::Dialect::kMysql);
  // Where deciding needs nothing of the target (the first load of a table without references),
  // the next batch is decided, and its pre-images written, while this one is being written.
  const bool decide_early = overlap && !DecideReadsTarget(load);
  std::unique_ptr<BatchWork> current = PrepareBatch(load);
  std::unique_ptr<BatchWork> next;
  std::future<void> writing;  // declared after the batches it works on: waited for first
  auto start = [&](BatchWork* work) {
    writing = std::async(overlap ? std::launch::async : std::launch::deferred,
                         [this, &load, work] { WriteBatch(load, *work); });
  };
  try {
    if (current) {
      DecideBatch(load, *current);
      start(current.get());
    }
    while (current) {
      next = PrepareBatch(load);
      if (next && decide_early) DecideBatch(load, *next);
      writing.get();
      if (current->aborted) {
        result_.gate_failures.push_back(
            name + ": the target refused a row of batch " +
            std::to_string(current->batch.batch_no) + " (keys " + current->batch.first_key +
            " to " + current->batch.last_key +
            ") and on_error is abort: the batch was rolled back and the cutover stopped: " +
            current->abort_message);
        stopped_batches_ = current->batch.batch_no - 1;
        progress_.End();
        return false;
      }
      int64_t refused = 0;
      for (const Unit& u : current->units) refused += u.action == Action::kRefused ? 1 : 0;
      const bool stops =
          spec_.cutover.max_errors.Exceeded(outcome.rejected + refused, outcome.golden);
      if (next && !stops) {
        if (!decide_early) DecideBatch(load, *next);
        start(next.get());
      }
      FinishBatch(load, *current);
      if (stops) {
        result_.gate_failures.push_back(
            name + ": " + std::to_string(outcome.rejected) + " of " +
            std::to_string(outcome.golden) +
            " golden records rejected, over cutover.max_errors " + spec_.cutover.max_errors.text +
            ": the cutover stopped after batch " + std::to_string(current->batch.batch_no) +
            " (fix the data or mapping, then `cutover --resume` or `--retry-rejects`)");
        stopped_batches_ = current->batch.batch_no;
        progress_.End();
        return false;
      }
      current = std::move(next);
    }
  } catch (...) {
    if (writing.valid()) writing.wait();  // the batch it writes must outlive the write
    throw;
  }
  if (crosswalk_) crosswalk_->Write(plan, load.crosswalk_after, std::nullopt);
  progress_.End();
  return true;
}

std::unique_ptr<BatchWork> Cutover::PrepareBatch(EntityLoad& load) {
  const EntityPlan& plan = load.plan;
  const RowBuilder& builder = *builders_.at(plan.entity->name);
  const std::set<std::string>& retry_keys = retry_keys_[plan.entity->name];
  std::vector<GoldRow> gold =
      load.reader.Next(load.after, static_cast<size_t>(spec_.cutover.batch));
  if (gold.empty()) return nullptr;
  load.after = gold.back().key;
  auto work = std::make_unique<BatchWork>();
  work->batch = Batch{++load.batch_no, gold.front().key, gold.back().key,
                      static_cast<int64_t>(gold.size())};
  work->units.reserve(gold.size());
  for (GoldRow& g : gold) {
    // A rejected row names its key column's value, which is the id without a key column.
    if (options_.retry_rejects &&
        !retry_keys.count(RowKey(plan, spec_.cutover.id_namespace, g.key))) {
      ++load.outcome.skipped;
      continue;
    }
    Unit unit;
    unit.record = builder.Build(std::move(g));
    work->units.push_back(std::move(unit));
  }
  return work;
}

void Cutover::DecideBatch(EntityLoad& load, BatchWork& work) {
  const EntityPlan& plan = load.plan;
  EntityOutcome& outcome = load.outcome;
  const std::string& name = plan.entity->name;
  const RowBuilder& builder = *builders_.at(name);
  const std::vector<std::string>& compare_columns = entity_ws_.at(name).columns;
  std::vector<Unit>& units = work.units;
  // What the target holds already decides insert, update or unchanged (and the pre-images).
  std::vector<std::string> keys;
  std::vector<BuiltRecord*> records;
  for (Unit& u : units) {
    keys.push_back(u.record.key);
    records.push_back(&u.record);
  }
  std::map<std::string, Row> existing =
      load.table_was_empty ? std::map<std::string, Row>() : ReadExisting(plan, keys);
  ApplyTargetIds(plan, records, existing);
  for (Unit& unit : units) {
    unit.new_links = unit.record.links;
    for (const std::string& u : unit.record.unresolved_links) {
      ++outcome.unresolved;
      AddListed(&result_.warnings, name + " " + unit.record.key + ": link " + u +
                                       " names no record: the link is not made");
    }
    if (!unit.record.unresolved_column.empty()) {
      ++outcome.unresolved;
      unit.action = Action::kRefused;
      unit.write_row = false;
      unit.refusal = unit.record.unresolved_message;
    }
  }
  for (size_t l = 0; l < plan.links.size(); ++l) {
    if (load.link_table_was_empty[l]) continue;
    std::vector<std::string> ids;
    for (const Unit& u : units) ids.push_back(u.record.target_id);
    std::set<std::pair<std::string, std::string>> have;
    for (const Row& r : target_->Read(plan.links[l].table, plan.links[l].column,
                                      {plan.links[l].ref_column}, ids)) {
      have.insert({r[0].value_or(""), r.size() > 1 ? r[1].value_or("") : ""});
    }
    for (Unit& u : units) {
      std::vector<Row> fresh;
      for (const Row& link : u.new_links[l]) {
        auto pair = std::make_pair(link[0].value_or(""), link[1].value_or(""));
        if (have.insert(pair).second) fresh.push_back(link);
      }
      u.new_links[l] = std::move(fresh);
    }
  }
  FindNewValueRows(plan, &units);
  std::vector<Preimage> preimages;
  // A replayed batch (resume) keeps the pre-images its first attempt wrote: they hold the rows
  // as they were before this cutover, which the target no longer shows.
  const bool journaled = !dry_run() && target_->is_database();
  std::vector<std::string> link_keys;
  for (const Unit& u : units) {
    for (const auto& links : u.new_links) {
      for (const Row& link : links) {
        link_keys.push_back(link[0].value_or("") + "\x1f" + link[1].value_or(""));
      }
    }
  }
  // Only a resume replays batches, and only those its interrupted run had begun: checking
  // stops at the first batch without a pre-image (a fresh run never pays for the lookup).
  const bool check = journaled && load.replaying;
  const std::set<std::string> kept =
      check ? cj_.KeysWithPreimage(result_.cutover_id, name, keys) : std::set<std::string>();
  for (const Unit& u : units) {
    for (size_t v = 0; v < plan.values.size(); ++v) {
      for (const Row& r : u.new_values[v]) link_keys.push_back(r[0].value_or(""));
      for (const Row& r : u.new_joins[v]) link_keys.push_back(JoinKey(plan.values[v], r));
    }
  }
  const std::set<std::string> kept_links =
      check && !link_keys.empty() ? cj_.KeysWithPreimage(result_.cutover_id, name, link_keys)
                                  : std::set<std::string>();
  std::set<std::string> value_preimages;  // value ids: one row may be new for several records
  // A table that was empty has nothing to restore: the batch's inserts are one pre-image.
  std::vector<std::string> inserted_keys;
  if (check && kept.empty() && kept_links.empty()) load.replaying = false;
  for (Unit& u : units) {
    if (u.action == Action::kRefused) continue;
    auto it = existing.find(u.record.key);
    if (it == existing.end()) {
      u.action = Action::kInsert;
    } else if (builder.CanonicalRow(it->second, 1) == builder.CanonicalRow(u.record.row)) {
      u.action = Action::kUnchanged;
      u.write_row = false;
    } else if (spec_.cutover.mode == spec::CutoverMode::kInsert) {
      // insert mode never changes a row the target already has.
      u.action = Action::kUnchanged;
      u.write_row = false;
    } else {
      u.action = Action::kUpdate;
    }
    if (load.table_was_empty && u.action == Action::kInsert) {
      inserted_keys.push_back(u.record.key);
    } else if (!kept.count(u.record.key) &&
               (u.action == Action::kInsert || u.action == Action::kUpdate)) {
      Preimage p{name, plan.table, u.record.key, std::string(kActionInsert), "", ""};
      if (u.action == Action::kUpdate) {
        Row before(it->second.begin() + 1, it->second.end());
        p.action = std::string(kActionUpdate);
        p.before_json = RowJson(compare_columns, before);
        p.checksum = Hex64(RowHash(builder.CanonicalRow(before)));
      }
      preimages.push_back(std::move(p));
    }
    // Not written, so the row just read is what the target holds for the reconciliation.
    if (u.action == Action::kUnchanged) work.unchanged_rows.push_back(std::move(it->second));
    for (size_t l = 0; l < plan.links.size(); ++l) {
      for (const Row& link : u.new_links[l]) {
        std::string key = link[0].value_or("") + "\x1f" + link[1].value_or("");
        if (kept_links.count(key)) continue;
        preimages.push_back({name, plan.links[l].table, std::move(key),
                             std::string(kActionLinkInsert), "", ""});
      }
    }
    for (size_t v = 0; v < plan.values.size(); ++v) {
      for (const Row& r : u.new_values[v]) {
        std::string id = r[0].value_or("");
        if (kept_links.count(id) || !value_preimages.insert(id).second) continue;
        preimages.push_back({name, plan.values[v].rows.table, std::move(id),
                             std::string(kActionValueInsert), "", ""});
      }
      for (const Row& r : u.new_joins[v]) {
        std::string key = JoinKey(plan.values[v], r);
        if (kept_links.count(key)) continue;
        preimages.push_back({name, plan.values[v].rows.join.table, std::move(key),
                             std::string(kActionLinkInsert), "", ""});
      }
    }
  }
  if (!dry_run()) {
    staging_.Guard("writing the checkpoint of " + name, [&] {
      soci::transaction tx(staging_.session());
      if (target_->is_database()) {
        cj_.WritePreimages(result_.cutover_id, preimages);
        if (load.table_was_empty) {
          cj_.WriteInsertBatch(result_.cutover_id, name, plan.table, work.batch.first_key,
                               inserted_keys);
          work.packed_inserts = inserted_keys.size();
        }
      }
      cj_.MarkBatch(result_.cutover_id, name, work.batch, "pending");
      tx.commit();
    });
  }

    for (Unit& u : units) {
    bool links = false;
    for (const auto& l : u.new_links) links = links || !l.empty();
    for (const auto& v : u.new_values) links = links || !v.empty();
    for (const auto& j : u.new_joins) links = links || !j.empty();
    if (u.action != Action::kRefused && (u.write_row || links)) work.to_write.push_back(&u);
  }
}

void Cutover::WriteBatch(EntityLoad& load, BatchWork& work) {
  const EntityPlan& plan = load.plan;
  try {
    WriteIsolated(work.to_write, plan.entity->name, 0);
  } catch (const RowsRefused& e) {
    work.aborted = true;
    work.abort_message = e.what();
    return;
  }
  if (!checks_in_load()) return;
  std::vector<std::string> written_keys;
  for (Unit& u : work.units) {
    if (u.action == Action::kRefused) continue;
    work.written.push_back(&u.record);
    if (u.action != Action::kUnchanged) written_keys.push_back(u.record.key);
  }
  // Only the read is done here: the server waits for this thread, not for the main one. The
  // rows left unchanged were read by DecideBatch.
  work.read_back = ReadByKeys(plan, read_columns_.at(plan.entity->name), written_keys);
  for (Row& r : work.unchanged_rows) work.read_back.push_back(std::move(r));
}

void Cutover::FinishBatch(EntityLoad& load, BatchWork& work) {
  const EntityPlan& plan = load.plan;
  EntityOutcome& outcome = load.outcome;
  const std::string& name = plan.entity->name;
  std::vector<Unit>& units = work.units;
  if (checks_in_load()) {
    const std::map<std::string, Row> found = ByKey(std::move(work.read_back));
    ApplyOwnIds(plan, work.written, found);  // an autoincrement id the target just made
    CheckBatch(plan, work.written, found, outcome, load.sums);
    outcome.checksum_loaded = load.sums.loaded.Text();
    outcome.checksum_target = load.sums.in_target.Text();
  }

  std::vector<db::RejectRecord> rejects;
  std::vector<std::pair<std::string, std::string>> loaded;
  std::vector<std::string> dropped;  // pre-images of refused rows: nothing of theirs was written
  std::set<std::string> counted_values;  // a value row new for several records counts once
  std::vector<std::string> inserted_keys;  // for the insert_batch pre-image, when it has one
  std::vector<std::string> refused;        // the keys of the refused records
  for (Unit& u : units) {
    if (u.action == Action::kRefused) {
      refused.push_back(u.record.key);
      if (!work.packed_inserts) dropped.push_back(u.record.key);
      for (const auto& links : u.record.links) {
        for (const Row& link : links) {
          dropped.push_back(link[0].value_or("") + "\x1f" + link[1].value_or(""));
        }
      }
      for (size_t v = 0; v < plan.values.size(); ++v) {
        for (const Row& r : u.new_joins[v]) dropped.push_back(JoinKey(plan.values[v], r));
        // A value row another record of the batch wrote stays, with its pre-image.
        for (const Row& r : u.new_values[v]) {
          const std::string id = r[0].value_or("");
          bool written = false;
          for (const Unit& other : units) {
            if (other.action == Action::kRefused) continue;
            for (const Row& o : other.new_values[v]) written = written || o[0] == r[0];
          }
          if (!written) dropped.push_back(id);
        }
      }
      ++outcome.rejected;
      refused_keys_[name].insert(u.record.key);
      const bool unresolved = !u.record.unresolved_column.empty();
      AddListed(&outcome.failures, u.record.key + ": " + u.refusal);
      if (!dry_run()) {
        rejects.push_back(RejectFor(plan, u,
                                    unresolved ? RejectKind::kUnresolvedReference
                                               : RejectKind::kTargetRefused,
                                    unresolved ? u.record.unresolved_column : "", u.refusal));
      }
      continue;
    }
    if (u.action == Action::kInsert) {
      ++outcome.inserted;
      if (work.packed_inserts) inserted_keys.push_back(u.record.key);
    }
    if (u.action == Action::kUpdate) ++outcome.updated;
    if (u.action == Action::kUnchanged) ++outcome.unchanged;
    for (const auto& l : u.new_links) outcome.links_inserted += static_cast<int64_t>(l.size());
    for (const auto& j : u.new_joins) outcome.links_inserted += static_cast<int64_t>(j.size());
    for (const auto& values : u.new_values) {
      for (const Row& r : values) {
        if (counted_values.insert(r[0].value_or("")).second) ++outcome.values_inserted;
      }
    }
    loaded.push_back({u.record.key, u.record.target_id});
  }
  if (!dry_run()) {
    journal_.WriteRejects(options_.run_id, rejects);
    staging_.Guard("writing the checkpoint of " + name, [&] {
      soci::transaction tx(staging_.session());
      // A database target's ids are read back and recorded by CheckBatch; a CSV export's are
      // the ids it wrote.
      if (!target_->is_database()) cj_.SetTargetIds(name, load_id_, loaded);
      if (target_->is_database()) cj_.DropPreimages(result_.cutover_id, name, dropped);
      // The batch's own insert_batch pre-image is written again from the keys in hand (reading
      // and parsing it back, as a resume must, would cost more than the write).
      if (work.packed_inserts && inserted_keys.size() != *work.packed_inserts) {
        cj_.WriteInsertBatch(result_.cutover_id, name, plan.table, work.batch.first_key,
                             inserted_keys);
      } else if (options_.resume && target_->is_database()) {
        // The batch's first attempt may have been a first load's, with its inserts in one
        // pre-image.
        cj_.DropFromInsertBatch(result_.cutover_id, name, work.batch.first_key, refused);
      }
      cj_.MarkBatch(result_.cutover_id, name, work.batch, "done");
      tx.commit();
    });
  }
  if (crosswalk_) {
    crosswalk_->Write(plan, load.crosswalk_after, work.batch.last_key);
    load.crosswalk_after = work.batch.last_key;
  }
  progress_.Advance(work.batch.rows);
}

void Cutover::CheckBatch(const EntityPlan& plan, const std::vector<BuiltRecord*>& records,
                         const std::map<std::string, Row>& found, EntityOutcome& outcome,
                         Reconciliation& sums) {
  const std::string& name = plan.entity->name;
  const RowBuilder& builder = *builders_.at(name);
  const std::vector<std::string>& columns = entity_ws_.at(name).columns;
  const bool insert_mode = spec_.cutover.mode == spec::CutoverMode::kInsert;
  auto listed = [&] {
    return outcome.differences.size() < static_cast<size_t>(options_.max_differences);
  };
  std::vector<std::pair<std::string, std::string>> ids;
  for (size_t r = 0; r < records.size(); ++r) {
    const BuiltRecord* record = records[r];
    const std::string& key = record->key;
    auto it = found.find(key);
    if (it != found.end()) ids.push_back({key, record->target_id});
    if (!record->unresolved_column.empty()) continue;
    // Rows are compared by the hashes the checksums add; only a row whose hashes differ is made
    // canonical to name the column.
    const uint64_t want = builder.CanonicalHash(record->row);
    sums.loaded.AddHash(want);
    if (it == found.end()) {
      if (listed()) outcome.differences.push_back(key + ": missing in the target");
      continue;
    }
    const uint64_t have = builder.CanonicalHash(it->second, 1);
    sums.in_target.AddHash(have);
    ++outcome.target_rows;
    if (have == want || !listed()) continue;
    const Row wanted = builder.CanonicalRow(record->row);
    const Row canonical = builder.CanonicalRow(it->second, 1);
    for (size_t i = 0; i < wanted.size() && i < canonical.size(); ++i) {
      if (wanted[i] == canonical[i]) continue;
      outcome.differences.push_back(
          key + ": " + columns[i] + " is " +
          (canonical[i] ? "'" + *canonical[i] + "'" : "NULL") + " in the target, " +
          (wanted[i] ? "'" + *wanted[i] + "'" : "NULL") + " in the golden record" +
          (insert_mode ? " (insert mode keeps existing rows)" : ""));
      break;
    }
  }
  // The crosswalk names the id every record has in the target now, whichever run loaded it
  // (a retry of rejects loads a few rows of a newer staged load; the others were loaded before).
  if (!dry_run()) {
    staging_.Guard("writing the crosswalk of " + name, [&] {
      soci::transaction tx(staging_.session());
      cj_.SetTargetIds(name, load_id_, ids);
      tx.commit();
    });
  }
}

bool Cutover::DecideReadsTarget(const EntityLoad& load) const {
  bool refs = false;
  for (const ColumnPlan& c : load.plan.columns) refs = refs || c.role == ColumnRole::kRef;
  return !load.table_was_empty || refs || !load.plan.links.empty() ||
         !load.plan.values.empty();
}

// Reads every golden record again, builds it, and checks it against the target (CheckBatch):
// for the runs whose load did not check every batch itself (a resume, a retry of rejects).
void Cutover::Reconcile(const EntityPlan& plan, EntityOutcome& outcome, int64_t max_batches) {
  const std::string& name = plan.entity->name;
  if (!target_->is_database()) {
    outcome.target_rows = target_->Count(plan.table);
    return;
  }
  const RowBuilder& builder = *builders_.at(name);
  std::set<std::string> refused = refused_keys_[name];
  for (const std::string& k : cj_.RejectedKeys(result_.cutover_id, name, plan.key_column)) {
    refused.insert(k);
  }
  // Rejected rows name their key column's value: the id when no column holds the key.
  auto was_refused = [&](const std::string& key) {
    return refused.count(key) > 0 ||
           (!plan.store_key && refused.count(RowKey(plan, spec_.cutover.id_namespace, key)) > 0);
  };
  Reconciliation sums;
  GoldReader reader(staging_, plan, load_id_);
  std::optional<std::string> after;
  // The same batches as the load, so a stopped load's are known by number (a key bound would
  // need the staging database's collation).
  for (int64_t batches = 0; max_batches < 0 || batches < max_batches; ++batches) {
    std::vector<GoldRow> gold = reader.Next(after, static_cast<size_t>(spec_.cutover.batch));
    if (gold.empty()) break;
    after = gold.back().key;
    std::vector<BuiltRecord> built;
    for (GoldRow& g : gold) {
      if (!was_refused(g.key)) built.push_back(builder.Build(std::move(g)));
    }
    std::vector<std::string> keys;
    std::vector<BuiltRecord*> records;
    for (BuiltRecord& record : built) {
      keys.push_back(record.key);
      records.push_back(&record);
    }
    const std::map<std::string, Row> found = ReadExisting(plan, keys);
    ApplyTargetIds(plan, records, found);
    CheckBatch(plan, records, found, outcome, sums);
  }
  outcome.checksum_loaded = sums.loaded.Text();
  outcome.checksum_target = sums.in_target.Text();
}

CutoverResult Cutover::Run() {
  plans_ = PlanEntities(spec_);
  Resolve();
  for (const EntityPlan& plan : plans_) {
    identity::GoldenCounts counts =
        identity::PrepareGoldenRecords(staging_, *plan.entity, load_id_, options_.run_id);
    EntityOutcome outcome;
    outcome.entity = plan.entity->name;
    outcome.table = plan.table;
    outcome.staged = counts.staged;
    outcome.golden = counts.golden;
    outcome.merged = counts.merged;
    if (counts.built) {
      result_.notes.push_back(plan.entity->name + ": " + std::to_string(counts.golden) +
                              " golden record(s) made 1:1 from " + std::to_string(counts.staged) +
                              " staged (identity resolution has not run)");
    }
    result_.entities.push_back(std::move(outcome));
  }
  OpenAndCheckTarget();
  if (!dry_run() && checks_in_load()) {
    crosswalk_ = std::make_unique<CrosswalkWriter>(spec_, staging_, load_id_);
  }
  try {
    if (!dry_run()) cj_.Start({result_.cutover_id, load_id_});
    Truncate();
    bool go_on = true;
    size_t reached = 0;
    for (; reached < plans_.size() && go_on; ++reached) {
      go_on = LoadEntity(plans_[reached], result_.entities[reached]);
    }
    // A stopped cutover (max_errors, on_error: abort) reconciles what it reached too: the
    // entities it finished, and the one it stopped in up to its last committed batch (a fresh
    // load has checked those batch by batch already).
    for (size_t i = 0; i < reached && !checks_in_load(); ++i) {
      Reconcile(plans_[i], result_.entities[i], go_on || i + 1 < reached ? -1 : stopped_batches_);
    }
    // A real load committed batch by batch; the dry run's one transaction is undone here.
    if (dry_run()) target_->Rollback();
    target_->Finish(!dry_run() && result_.gate_failures.empty());
  } catch (...) {
    if (dry_run()) target_->Rollback();
    target_->Finish(false);
    throw;
  }
  if (!dry_run() && result_.gate_failures.empty()) {
    if (!crosswalk_) {
      crosswalk_ = std::make_unique<CrosswalkWriter>(spec_, staging_, load_id_);
      for (const EntityPlan& plan : plans_) crosswalk_->WriteAll(plan);
    }
    result_.crosswalk = crosswalk_->Commit();
  }
  if (result_.gate_failures.empty()) {
    for (const EntityOutcome& e : result_.entities) {
      const int64_t accounted =
          e.inserted + e.updated + e.unchanged + e.rejected + e.skipped;
      if (accounted != e.golden) {
        throw Error(ErrorCategory::kInternal,
                    "cutover: the funnel of '" + e.entity + "' does not balance: golden " +
                        std::to_string(e.golden) + " != inserted " + std::to_string(e.inserted) +
                        " + updated " + std::to_string(e.updated) + " + unchanged " +
                        std::to_string(e.unchanged) + " + rejected " +
                        std::to_string(e.rejected) + " + skipped " + std::to_string(e.skipped));
      }
    }
  }
  return std::move(result_);
}

}  // namespace

CutoverResult RunCutover(const spec::Spec& spec, db::Database& staging, db::Journal& journal,
                         const CutoverOptions& options, Progress& progress) {
  return Cutover(spec, staging, journal, options, progress).Run();
}

}  // namespace crm::loaders
