// Reading what the landing left for one source: its _load_sources row, its column map
// (_source_columns) and its raw rows, streamed in batches.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/db/database.h"
#include "staging/shaping/row_mapper.h"

namespace crm::staging {

// The landing's counts for one source of one load.
struct LoadSourceRow {
  int64_t raw_load_id = 0;
  int64_t extracted = 0, suppressed = 0, rejected = 0, landed = 0;
};

// Throws crm::Error(kInternal) when the load has no row for the source (the orchestrator writes
// it before shaping), kIo on a database error.
LoadSourceRow ReadLoadSource(db::Database& db, int64_t load_id, const std::string& source);

// (source_name, raw_column) pairs in source order.
std::vector<std::pair<std::string, std::string>> ReadSourceColumns(db::Database& db,
                                                                   int64_t raw_load_id,
                                                                   const std::string& source);

// The first `limit` non-null values of `raw_column` of raw_<source> for one raw load, in
// _crm_row order. Throws crm::Error(kIo) on a database error.
std::vector<std::string> SampleRawColumn(db::Database& db, const std::string& source,
                                         int64_t raw_load_id, const std::string& raw_column,
                                         size_t limit);

// Streams the rows of raw_<source> for one raw load, in _crm_row order — the order the landing
// wrote them, which is _crm_line order — by keyset pages (`_crm_row > last ... LIMIT n`), so
// memory stays bounded and no statement stays open while the caller writes on the same
// connection. Uses the sqlite3 API directly on SQLite sessions and SOCI elsewhere.
class RawReader {
 public:
  virtual ~RawReader() = default;
  // Replaces `rows` with up to `max` next rows; false when there are none left.
  virtual bool Next(size_t max, std::vector<RawRow>* rows) = 0;
};

// `raw_columns` are read into RawRow::values in this order.
std::unique_ptr<RawReader> MakeRawReader(db::Database& db, const std::string& source,
                                         int64_t raw_load_id,
                                         const std::vector<std::string>& raw_columns);

}  // namespace crm::staging
