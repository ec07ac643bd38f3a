#include "reports/journal/cutover_runs.h"

#include "reports/journal/rows.h"

namespace crm::reports {

std::optional<CutoverOfRun> FindCutoverOf(db::Database& db, int64_t run_id) {
  const auto q = [&](const char* c) { return db.Quote(c); };
  for (const Row& r : QueryRows(db, "the cutover marker",
                                "SELECT " + q("first_key") + ", " + q("last_key") + " FROM " +
                                    q("_checkpoints") + " WHERE " + q("run_id") + " = :run AND " +
                                    q("entity") + " = '*'",
                                {run_id})) {
    if (OptInteger(r, 0) && OptInteger(r, 1)) return CutoverOfRun{Integer(r, 0), Integer(r, 1)};
  }
  return std::nullopt;
}

std::set<int64_t> RunsOfCutover(db::Database& db, int64_t cutover_id) {
  const auto q = [&](const char* c) { return db.Quote(c); };
  std::set<int64_t> runs;
  // The markers are one row per loading run: few, so they are filtered here rather than by
  // comparing the text column with a number in SQL (which PostgreSQL refuses).
  for (const Row& r : QueryRows(db, "the cutover markers",
                                "SELECT " + q("run_id") + ", " + q("first_key") + " FROM " +
                                    q("_checkpoints") + " WHERE " + q("entity") + " = '*'")) {
    if (OptInteger(r, 1) == cutover_id) runs.insert(Integer(r, 0));
  }
  return runs;
}

}  // namespace crm::reports
