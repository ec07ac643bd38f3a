// Which cutover a run belongs to. A cutover is named by the run that started it; a resume writes
// its batches under that id, and each run leaves a marker row (entity "*") in _checkpoints whose
// first_key is the cutover id and last_key the load (loaders/cutover_journal.h).
#pragma once

#include <cstdint>
#include <optional>
#include <set>

#include "core/db/database.h"

namespace crm::reports {

struct CutoverOfRun {
  int64_t cutover_id = 0;
  int64_t load_id = 0;
};

// nullopt for a dry run or a run that ended before loading.
std::optional<CutoverOfRun> FindCutoverOf(db::Database& db, int64_t run_id);

// The runs that loaded for `cutover_id`: the first and its resumes.
std::set<int64_t> RunsOfCutover(db::Database& db, int64_t cutover_id);

}  // namespace crm::reports
