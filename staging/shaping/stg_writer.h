// Inserting rows into one stg_<entity> table in large prepared batches: the sqlite3 API with one
// prepared statement on SQLite sessions (the fast path), SOCI bulk binds of 5,000 rows elsewhere.
// The caller owns the transaction (Database::session().begin()/commit()); Flush() before commit.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/db/database.h"
#include "core/db/ddl.h"

namespace crm::staging {

class StgWriter {
 public:
  virtual ~StgWriter() = default;
  // One row, a value (nullopt: NULL) per column given to MakeStgWriter, bound as text (on SQLite,
  // the values of integer columns as integers: SQLite would convert the text, at a cost).
  virtual void Add(const std::vector<std::optional<std::string>>& values) = 0;
  // Writes rows buffered so far.
  virtual void Flush() = 0;
};

// `table` says the columns' types.
std::unique_ptr<StgWriter> MakeStgWriter(db::Database& db, const db::TableDef& table,
                                         const std::vector<std::string>& columns);

}  // namespace crm::staging
