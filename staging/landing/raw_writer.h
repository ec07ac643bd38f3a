// Writers of raw_<source> rows, one per kind of staging database, behind one lifecycle:
// Begin() opens a unit of work (a transaction, a COPY), WriteBatch() adds rows, Commit() makes
// them durable. Between Commit() and the next Begin() the connection is free for other
// statements (the landing writes its rejects there). Every row gets the lineage columns
// _crm_load, _crm_run, _crm_line, _crm_offset (NULL when < 0), _crm_hash (16 hex digits), then
// the batch's cells in the order of `value_columns`; _crm_row numbers itself, _crm_bucket stays
// NULL for the shaping step.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/db/database.h"
#include "staging/landing/row_batch.h"

namespace crm::staging {

struct RawTarget {
  std::string table;                       // raw_<source>, already created
  std::vector<std::string> value_columns;  // after the lineage columns
  int64_t load_id = 0;
  int64_t run_id = 0;
};

class RawWriter {
 public:
  virtual ~RawWriter() = default;
  virtual void Begin() = 0;
  virtual void WriteBatch(const RowBatch& batch) = 0;
  virtual void Commit() = 0;
  // Abandons the open unit of work, if any; never throws (called while unwinding).
  virtual void Abort() noexcept = 0;
};

// Lineage column names in the order every writer writes them.
std::vector<std::string> WrittenColumns(const RawTarget& target);

// The native sqlite3 API for sqlite:, libpq COPY for postgresql:, SOCI bulk binding otherwise
// (MySQL/MariaDB, ODBC). Errors are crm::Error(kIo) naming the table and the masked URL.
std::unique_ptr<RawWriter> MakeRawWriter(db::Database& db, const RawTarget& target);

// Per dialect; MakeRawWriter picks one.
std::unique_ptr<RawWriter> MakeSqliteRawWriter(db::Database& db, const RawTarget& target);
std::unique_ptr<RawWriter> MakePostgresRawWriter(db::Database& db, const RawTarget& target);
std::unique_ptr<RawWriter> MakeSociRawWriter(db::Database& db, const RawTarget& target);

}  // namespace crm::staging
