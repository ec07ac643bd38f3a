// Duplicate keys within one source load, found by the staging database rather than in memory:
// after the rows are in and the (load, key) index is built, the rows whose key an earlier row of
// the same source already has (earlier = smaller _crm_row, i.e. source order) are deleted and
// journaled as duplicate_key rejects naming the first one's line. Memory does not grow with the
// number of rows: the database sorts, and the duplicates are handled in chunks.
#pragma once

#include <cstdint>
#include <string>

#include "core/db/database.h"
#include "core/db/journal.h"

namespace crm::staging {

struct DuplicateKeyScope {
  std::string table;       // stg_<entity>
  std::string key_column;  // the key field's column
  std::string entity;      // for the rejects
  std::string key_field;   // the spec's key field, named in messages
  std::string source;
  int64_t load_id = 0;
  int64_t run_id = 0;
};

// Returns the number of rows rejected.
int64_t RejectDuplicateKeys(db::Database& db, db::Journal& journal, const DuplicateKeyScope& scope);

}  // namespace crm::staging
