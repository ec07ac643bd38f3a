#include "loaders/cutover_journal.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "core/common/error.h"
#include "core/common/text.h"
#include "core/db/bulk_exec.h"
#include "core/db/dialect.h"
#include "core/db/process_info.h"
#include "core/db/staging_schema.h"
#include "identity/golden/json_text.h"

namespace crm::loaders {
namespace {

constexpr std::string_view kRunMarker = "*";
constexpr std::string_view kRollbackMarker = "-";

}  // namespace

// Written directly (Poco's Array of Vars cost 5,000 instructions a key, a first load's most
// expensive step); read back by Poco's parser, which rollback and resume alone need.
std::string PackKeys(const std::vector<std::string>& keys) {
  std::string json = "[";
  for (const std::string& k : keys) {
    if (json.size() > 1) json += ',';
    identity::AppendJsonString(&json, k);
  }
  return json + "]";
}

std::vector<std::string> UnpackKeys(const std::string& json) {
  std::vector<std::string> keys;
  try {
    Poco::JSON::Parser parser;
    Poco::JSON::Array::Ptr array = parser.parse(json).extract<Poco::JSON::Array::Ptr>();
    keys.reserve(array->size());
    for (size_t i = 0; i < array->size(); ++i) keys.push_back(array->getElement<std::string>(i));
  } catch (const Poco::Exception& e) {
    throw Error(ErrorCategory::kInternal,
                "the keys of an insert_batch pre-image are not a JSON array: " + e.displayText());
  }
  return keys;
}

void CutoverJournal::Start(const CutoverRef& ref) {
  MarkBatch(run_id_, std::string(kRunMarker),
            Batch{0, std::to_string(ref.cutover_id), std::to_string(ref.load_id), 0}, "cutover");
}

std::optional<CutoverRef> CutoverJournal::CutoverOf(int64_t of_run) {
  db::Database& db = journal_.db();
  std::string cutover, load;
  soci::indicator ind = soci::i_null, ind2 = soci::i_null;
  long long run = of_run;
  std::string marker(kRunMarker);
  db.Guard("reading the cutover of run " + std::to_string(of_run), [&] {
    db.session() << "SELECT " + db.Quote("first_key") + ", " + db.Quote("last_key") + " FROM " +
                        db.Quote("_checkpoints") + " WHERE " + db.Quote("run_id") +
                        " = :r AND " + db.Quote("entity") + " = :e",
        soci::use(run), soci::use(marker), soci::into(cutover, ind), soci::into(load, ind2);
  });
  if (ind != soci::i_ok || ind2 != soci::i_ok) return std::nullopt;
  return CutoverRef{std::stoll(cutover), std::stoll(load)};
}

void CutoverJournal::MarkRolledBack(int64_t cutover_id) {
  MarkBatch(run_id_, std::string(kRollbackMarker), Batch{0, std::to_string(cutover_id), "", 0},
            "rolled_back");
}

std::optional<int64_t> CutoverJournal::RolledBackBy(int64_t cutover_id) {
  db::Database& db = journal_.db();
  long long by = 0;
  soci::indicator ind = soci::i_null;
  std::string marker(kRollbackMarker), cid = std::to_string(cutover_id);
  db.Guard("reading the rollbacks of cutover run " + cid, [&] {
    db.session() << "SELECT MIN(" + db.Quote("run_id") + ") FROM " + db.Quote("_checkpoints") +
                        " WHERE " + db.Quote("entity") + " = :e AND " + db.Quote("first_key") +
                        " = :c",
        soci::use(marker), soci::use(cid), soci::into(by, ind);
  });
  if (ind != soci::i_ok) return std::nullopt;
  return by;
}

std::optional<db::RunRecord> CutoverJournal::LastLoadingRun() {
  db::Database& db = journal_.db();
  long long id = 0, me = run_id_;
  soci::indicator ind = soci::i_null;
  std::string marker(kRunMarker);
  db.Guard("finding the last cutover", [&] {
    db.session() << "SELECT MAX(" + db.Quote("run_id") + ") FROM " + db.Quote("_checkpoints") +
                        " WHERE " + db.Quote("entity") + " = :e AND " + db.Quote("run_id") +
                        " <> :me",
        soci::use(marker), soci::use(me), soci::into(id, ind);
  });
  if (ind != soci::i_ok) return std::nullopt;
  return journal_.GetRun(id);
}

std::optional<Batch> CutoverJournal::LastDoneBatch(int64_t cutover_id, const std::string& entity) {
  db::Database& db = journal_.db();
  Batch batch;
  long long no = 0, rows = 0, cid = cutover_id;
  soci::indicator ind = soci::i_null;
  std::string e = entity;
  db.Guard("reading the checkpoints of " + entity, [&] {
    db.session() << "SELECT " + db.Quote("batch_no") + ", " + db.Quote("first_key") + ", " +
                        db.Quote("last_key") + ", " + db.Quote("rows_done") + " FROM " +
                        db.Quote("_checkpoints") + " WHERE " + db.Quote("run_id") +
                        " = :c AND " + db.Quote("entity") + " = :e AND " + db.Quote("state") +
                        " = 'done' ORDER BY " + db.Quote("batch_no") + " DESC LIMIT 1",
        soci::use(cid), soci::use(e), soci::into(no, ind), soci::into(batch.first_key),
        soci::into(batch.last_key), soci::into(rows);
  });
  if (ind != soci::i_ok) return std::nullopt;
  batch.batch_no = no;
  batch.rows = rows;
  return batch;
}

void CutoverJournal::MarkBatch(int64_t cutover_id, const std::string& entity, const Batch& batch,
                               std::string_view state) {
  db::Database& db = journal_.db();
  const std::string sql = db::UpsertSql(
      db.traits(), "_checkpoints",
      {"run_id", "entity", "batch_no", "first_key", "last_key", "rows_done", "state",
       "updated_at"},
      {"run_id", "entity", "batch_no"});
  long long cid = cutover_id, no = batch.batch_no, rows = batch.rows;
  std::string e = entity, s(state), now = db::NowUtcIso();
  db.Guard("writing a checkpoint of " + entity, [&] {
    db.session() << sql, soci::use(cid), soci::use(e), soci::use(no), soci::use(batch.first_key),
        soci::use(batch.last_key), soci::use(rows), soci::use(s), soci::use(now);
  });
}

std::set<std::string> CutoverJournal::KeysWithPreimage(int64_t cutover_id,
                                                       const std::string& entity,
                                                       const std::vector<std::string>& keys) {
  std::set<std::string> found;
  if (keys.empty()) return found;
  db::Database& db = journal_.db();
  // The keys of one batch are a contiguous key range: ask for the range, filter here. An
  // insert_batch pre-image is named by its batch's first key: the one that starts last before
  // the range may reach into it when the batches were cut differently (the batch size changed
  // before the resume); those before it end before it starts, and are not read.
  std::string low = keys.front(), high = keys.front();
  for (const std::string& k : keys) {
    low = std::min(low, k);
    high = std::max(high, k);
  }
  std::set<std::string> wanted(keys.begin(), keys.end());
  long long cid = cutover_id;
  std::string e = entity, batch(kActionInsertBatch);
  auto q = [&](std::string_view n) { return db.Quote(n); };
  const std::string sql =
      "SELECT " + q("target_key") + ", " + q("batch_keys") + " FROM " + q("_preimages") +
      " WHERE " + q("run_id") + " = :c AND " + q("entity") + " = :e AND (" + q("target_key") +
      " BETWEEN :lo AND :hi OR " + q("action") + " = :b AND " + q("target_key") +
      " = (SELECT MAX(" + q("target_key") + ") FROM " + q("_preimages") + " WHERE " +
      q("run_id") + " = :c2 AND " + q("entity") + " = :e2 AND " + q("action") + " = :b2 AND " +
      q("target_key") + " < :lo2))";
  db.Guard("reading the pre-images of " + entity, [&] {
    soci::rowset<soci::row> rows =
        (db.session().prepare << sql, soci::use(cid), soci::use(e), soci::use(low),
         soci::use(high), soci::use(batch),
         soci::use(cid), soci::use(e), soci::use(batch), soci::use(low));
    for (const soci::row& r : rows) {
      if (r.get_indicator(1) == soci::i_ok) {
        for (std::string& k : UnpackKeys(r.get<std::string>(1))) {
          if (wanted.count(k)) found.insert(std::move(k));
        }
        continue;
      }
      std::string k = r.get<std::string>(0);
      if (wanted.count(k)) found.insert(std::move(k));
    }
  });
  return found;
}

void CutoverJournal::WritePreimages(int64_t cutover_id, const std::vector<Preimage>& preimages) {
  if (preimages.empty()) return;
  db::Database& db = journal_.db();
  std::vector<long long> runs(preimages.size(), cutover_id);
  std::vector<std::string> entity, table, key, action, before, checksum, at;
  std::vector<soci::indicator> before_ind, checksum_ind;
  const std::string now = db::NowUtcIso();
  for (const Preimage& p : preimages) {
    entity.push_back(p.entity);
    table.push_back(p.table);
    key.push_back(p.key);
    action.push_back(p.action);
    before.push_back(p.before_json);
    before_ind.push_back(p.before_json.empty() ? soci::i_null : soci::i_ok);
    checksum.push_back(p.checksum);
    checksum_ind.push_back(p.checksum.empty() ? soci::i_null : soci::i_ok);
    at.push_back(now);
  }
  const std::string sql = db::InsertSql(db.traits(), "_preimages",
                                        {"run_id", "entity", "target_table", "target_key",
                                         "action", "before_json", "checksum", "created_at"});
  db::ExecuteBulk(db, sql,
                  {{.integers = &runs}, {.texts = &entity}, {.texts = &table}, {.texts = &key},
                   {.texts = &action}, {.texts = &before, .indicators = &before_ind},
                   {.texts = &checksum, .indicators = &checksum_ind}, {.texts = &at}},
                  preimages.size(), "writing pre-images");
}

void CutoverJournal::WriteInsertBatch(int64_t cutover_id, const std::string& entity,
                                      const std::string& table, const std::string& first_key,
                                      const std::vector<std::string>& keys) {
  db::Database& db = journal_.db();
  long long cid = cutover_id, n = static_cast<long long>(keys.size());
  std::string e = entity, t = table, k = first_key, action(kActionInsertBatch);
  auto q = [&](std::string_view name) { return db.Quote(name); };
  db.Guard("writing the pre-images of " + entity, [&] {
    db.session() << "DELETE FROM " + q("_preimages") + " WHERE " + q("run_id") + " = :c AND " +
                        q("entity") + " = :e AND " + q("target_key") + " = :k AND " +
                        q("action") + " = :a",
        soci::use(cid), soci::use(e), soci::use(k), soci::use(action);
    if (keys.empty()) return;
    std::string packed = PackKeys(keys), now = db::NowUtcIso();
    db.session() << db::InsertSql(db.traits(), "_preimages",
                                  {"run_id", "entity", "target_table", "target_key", "action",
                                   "batch_keys", "batch_rows", "created_at"}),
        soci::use(cid), soci::use(e), soci::use(t), soci::use(k), soci::use(action),
        soci::use(packed), soci::use(n), soci::use(now);
  });
}

void CutoverJournal::DropFromInsertBatch(int64_t cutover_id, const std::string& entity,
                                         const std::string& first_key,
                                         const std::vector<std::string>& keys) {
  if (keys.empty()) return;
  db::Database& db = journal_.db();
  long long cid = cutover_id;
  std::string e = entity, k = first_key, action(kActionInsertBatch);
  std::optional<std::pair<std::string, std::string>> found;  // table, keys
  auto q = [&](std::string_view name) { return db.Quote(name); };
  db.Guard("reading the pre-images of " + entity, [&] {
    soci::rowset<soci::row> rows =
        (db.session().prepare << "SELECT " + q("target_table") + ", " + q("batch_keys") +
                                     " FROM " + q("_preimages") + " WHERE " + q("run_id") +
                                     " = :c AND " + q("entity") + " = :e AND " +
                                     q("target_key") + " = :k AND " + q("action") + " = :a",
         soci::use(cid), soci::use(e), soci::use(k), soci::use(action));
    for (const soci::row& r : rows) {
      if (r.get_indicator(1) == soci::i_ok) found = {r.get<std::string>(0), r.get<std::string>(1)};
    }
  });
  if (!found) return;
  const std::set<std::string> drop(keys.begin(), keys.end());
  const std::vector<std::string> had = UnpackKeys(found->second);
  std::vector<std::string> kept;
  for (const std::string& key : had) {
    if (!drop.count(key)) kept.push_back(key);
  }
  if (kept.size() != had.size()) WriteInsertBatch(cutover_id, entity, found->first, k, kept);
}

void CutoverJournal::DropPreimages(int64_t cutover_id, const std::string& entity,
                                   const std::vector<std::string>& keys) {
  if (keys.empty()) return;
  db::Database& db = journal_.db();
  std::vector<long long> runs(keys.size(), cutover_id);
  std::vector<std::string> entities(keys.size(), entity);
  std::vector<std::string> k = keys;
  db::ExecuteBulk(db,
                  "DELETE FROM " + db.Quote("_preimages") + " WHERE " + db.Quote("run_id") +
                      " = :r AND " + db.Quote("entity") + " = :e AND " +
                      db.Quote("target_key") + " = :k",
                  {{.integers = &runs}, {.texts = &entities}, {.texts = &k}}, keys.size(),
                  "dropping pre-images of " + entity);
}

void CutoverJournal::SetTargetIds(
    const std::string& entity, int64_t load_id,
    const std::vector<std::pair<std::string, std::string>>& gold_key_to_id) {
  if (gold_key_to_id.empty()) return;
  db::Database& db = journal_.db();
  std::vector<long long> loads(gold_key_to_id.size(), load_id);
  std::vector<std::string> entities(gold_key_to_id.size(), entity), keys, ids;
  for (const auto& [key, id] : gold_key_to_id) {
    keys.push_back(key);
    ids.push_back(id);
  }
  // A retry of rejects sets the ids of a few records again.
  db::ExecuteBulk(db,
                  db::UpsertSql(db.traits(), "_crosswalk",
                                {"load_id", "entity", "gold_key", "target_id"},
                                {"load_id", "entity", "gold_key"}),
                  {{.integers = &loads}, {.texts = &entities}, {.texts = &keys}, {.texts = &ids}},
                  gold_key_to_id.size(), "writing the crosswalk of " + entity);
}

std::set<std::string> CutoverJournal::RejectedKeys(int64_t cutover_id, const std::string& entity,
                                                   const std::string& key_column) {
  std::set<std::string> keys;
  db::Database& db = journal_.db();
  std::string e = entity, marker(kRunMarker), cid = std::to_string(cutover_id);
  db.Guard("reading the rejects of " + entity, [&] {
    soci::rowset<soci::row> rows =
        (db.session().prepare << "SELECT " + db.Quote("raw_text") + " FROM " +
                                     db.Quote("_rejects") + " WHERE " + db.Quote("phase") +
                                     " = 'cutover' AND " + db.Quote("entity") + " = :e AND " +
                                     db.Quote("run_id") + " IN (SELECT " + db.Quote("run_id") +
                                     " FROM " + db.Quote("_checkpoints") + " WHERE " +
                                     db.Quote("entity") + " = :m AND " + db.Quote("first_key") +
                                     " = :c)",
         soci::use(e), soci::use(marker), soci::use(cid));
    for (const soci::row& r : rows) {
      if (r.get_indicator(0) == soci::i_null) continue;
      try {
        Poco::JSON::Parser parser;
        auto object = parser.parse(r.get<std::string>(0)).extract<Poco::JSON::Object::Ptr>();
        if (object && object->has(key_column)) keys.insert(object->getValue<std::string>(key_column));
      } catch (const Poco::Exception&) {
        // A reject written by hand or by another version: not a row this cutover can retry.
      }
    }
  });
  return keys;
}

}  // namespace crm::loaders
