// One statement executed once per row of parameter vectors (INSERT, UPDATE, DELETE by key), in
// the caller's transaction. On SQLite through its own API: one prepared statement bound and
// stepped per row. SOCI's bulk binding of the same rows cost about twice SQLite's own work (the
// cutover's pre-images and crosswalk ids, a row each per record); other databases go through
// SOCI's bulk use, one round trip for all rows.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/db/database.h"

namespace crm::db {

// The values of one placeholder, a value per row: text (an indicator per row, i_null for NULL)
// or integers. Exactly one of `texts` and `integers` is set, and has a value for every row.
struct BulkParam {
  std::vector<std::string>* texts = nullptr;
  std::vector<soci::indicator>* indicators = nullptr;  // optional with texts: none NULL
  std::vector<long long>* integers = nullptr;
};

// Runs `sql` (placeholders `:name` in the order of `params`) for `rows` rows. Errors become
// crm::Error through Database::Guard with `doing`.
void ExecuteBulk(Database& db, const std::string& sql, const std::vector<BulkParam>& params,
                 size_t rows, const std::string& doing);

}  // namespace crm::db
