// What the cutover keeps in the staging database so that it can be resumed, retried and undone:
//   _checkpoints  one row per entity and batch (state pending → done, the batch's key range), and
//                 one row per run (entity "*") naming the cutover it belongs to and the load,
//                 and one per rollback (entity "-") naming the cutover it undid;
//   _preimages    per target row the cutover touched: action insert (deleted by a rollback) or
//                 update (restored from before_json, verified by checksum), and link rows; the
//                 inserts of a batch into a table that was empty (a first load) are one row,
//                 insert_batch, with their keys in batch_keys;
//   _crosswalk    the target id of every golden record that was loaded, by load and key.
// A cutover is named by the run that started it (its cutover id); a resume writes under it.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/db/journal.h"
#include "loaders/target.h"

namespace crm::loaders {

inline constexpr std::string_view kActionInsert = "insert";
inline constexpr std::string_view kActionUpdate = "update";
inline constexpr std::string_view kActionLinkInsert = "link_insert";
// A value row (fields.<f>.values) the cutover added; keyed by its id, deleted by a rollback
// after every join row.
inline constexpr std::string_view kActionValueInsert = "value_insert";
// The entity rows one batch inserted into a table that was empty: one pre-image for them all,
// keyed by the batch's first key (a first load writes no row per record).
inline constexpr std::string_view kActionInsertBatch = "insert_batch";

// batch_keys of an insert_batch pre-image: a JSON array of the keys, and back.
std::string PackKeys(const std::vector<std::string>& keys);
std::vector<std::string> UnpackKeys(const std::string& json);

struct Preimage {
  std::string entity;
  std::string table;
  std::string key;          // the key column's value; for link rows "<id>\x1f<ref id>"
  std::string action;       // kAction*
  std::string before_json;  // update: {"column": value, ...} of the columns the cutover writes
  std::string checksum;     // update: Hex64(RowHash) of the canonical before values
};

struct Batch {
  int64_t batch_no = 0;
  std::string first_key, last_key;
  int64_t rows = 0;
};

struct CutoverRef {
  int64_t cutover_id = 0;
  int64_t load_id = 0;
};

class CutoverJournal {
 public:
  CutoverJournal(db::Journal& journal, int64_t run_id) : journal_(journal), run_id_(run_id) {}

  // Records that the run `run_id` works for cutover `ref` (itself, or the one it resumes).
  void Start(const CutoverRef& ref);
  // The cutover run `of_run` belongs to; nullopt when that run never started loading.
  std::optional<CutoverRef> CutoverOf(int64_t of_run);
  // Records that this run undid cutover `cutover_id` (after the target committed the undo).
  void MarkRolledBack(int64_t cutover_id);
  // The run that undid cutover `cutover_id`; nullopt while its rows stand.
  std::optional<int64_t> RolledBackBy(int64_t cutover_id);
  // The newest other run that loaded for a cutover (not a dry run), finished or not.
  std::optional<db::RunRecord> LastLoadingRun();

  std::optional<Batch> LastDoneBatch(int64_t cutover_id, const std::string& entity);
  void MarkBatch(int64_t cutover_id, const std::string& entity, const Batch& batch,
                 std::string_view state);

  // Keys of `entity` among `keys` that already have a pre-image in `cutover_id`.
  std::set<std::string> KeysWithPreimage(int64_t cutover_id, const std::string& entity,
                                         const std::vector<std::string>& keys);
  void WritePreimages(int64_t cutover_id, const std::vector<Preimage>& preimages);
  // The insert_batch pre-image of the batch starting at `first_key`: `keys` replace the ones it
  // had (none: it is removed).
  void WriteInsertBatch(int64_t cutover_id, const std::string& entity, const std::string& table,
                        const std::string& first_key, const std::vector<std::string>& keys);
  // Takes `keys` out of the insert_batch pre-image of the batch starting at `first_key`, if it
  // has one (a resume replays a batch that a first load began).
  void DropFromInsertBatch(int64_t cutover_id, const std::string& entity,
                           const std::string& first_key, const std::vector<std::string>& keys);
  // Removes the pre-images of `keys` (rows the target refused, so nothing to undo for them).
  void DropPreimages(int64_t cutover_id, const std::string& entity,
                     const std::vector<std::string>& keys);

  void SetTargetIds(const std::string& entity, int64_t load_id,
                    const std::vector<std::pair<std::string, std::string>>& gold_key_to_id);

  // Keys of the golden records the runs of cutover `cutover_id` rejected (read from the JSON of
  // the row kept in _rejects.raw_text).
  std::set<std::string> RejectedKeys(int64_t cutover_id, const std::string& entity,
                                     const std::string& key_column);

  db::Journal& journal() { return journal_; }

 private:
  db::Journal& journal_;
  int64_t run_id_;
};

}  // namespace crm::loaders
