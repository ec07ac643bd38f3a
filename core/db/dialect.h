// What differs between the databases we generate SQL for, as data: one DialectTraits per dialect
// (SQLite, PostgreSQL, MySQL/MariaDB). Code that builds SQL reads these fields instead of testing
// which backend it is talking to. Identifiers that come from a spec are validated (rejected, never
// escaped) and quoted here; data values are always bound by the caller.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/db/url.h"

namespace crm::db {

// The storage types a staging or journal column can have; each dialect maps them to SQL types.
enum class LogicalType {
  kText,       // unbounded text (TEXT / TEXT / LONGTEXT)
  kInteger,    // 64-bit integer
  kReal,       // double precision
  kDecimal,    // exact decimal (money, quantities)
  kBoolean,    // true/false
  kDate,       // calendar date
  kTimestamp,  // date and time in UTC
  kJson,       // a JSON document (text on SQLite)
};

// "text", "integer", "real", "decimal", "boolean", "date", "timestamp", "json".
std::string_view LogicalTypeName(LogicalType type);

enum class UpsertStyle {
  kOnConflict,      // INSERT ... ON CONFLICT (key) DO UPDATE SET c = excluded.c
  kOnDuplicateKey,  // INSERT ... ON DUPLICATE KEY UPDATE c = VALUES(c)
};

struct DialectTraits {
  Dialect dialect;
  std::string_view name;
  char quote;  // identifier quote: '"' or '`'

  // SQL types per LogicalType. `key_text` is used for text columns in a key or an index (MySQL
  // cannot index unbounded TEXT; PostgreSQL compares bytes under COLLATE "C", which builds the
  // raw table's hash index a fifth faster than a libc collation, and keys need no linguistic
  // order).
  std::string_view text, key_text, integer, real, decimal, boolean, date, timestamp, json;
  std::string_view auto_id;        // type and constraint of an auto-numbered primary key column
  // The same for a table whose ids may be reused after its last rows are deleted: SQLite's
  // AUTOINCREMENT reads and rewrites sqlite_sequence on every INSERT statement, a scan and a
  // B-tree write per row for tables written row by row (the cutover's pre-images).
  std::string_view auto_id_reusable;
  // After the closing parenthesis of a table stored as its primary key's B-tree (TableDef::
  // clustered): SQLite's WITHOUT ROWID, one B-tree instead of a table and its key's index.
  // InnoDB clusters every table by its key; PostgreSQL has no such tables.
  std::string_view clustered_option;
  std::string_view table_options;  // appended after the closing parenthesis of CREATE TABLE
  bool inline_indexes;             // indexes inside CREATE TABLE (MySQL) or CREATE INDEX after
  UpsertStyle upsert;

  // Getting the id of a row just inserted: a RETURNING suffix, or a query run afterwards.
  std::string_view returning_id;    // " RETURNING id" or empty
  std::string_view last_insert_id;  // e.g. "SELECT LAST_INSERT_ID()" or empty

  std::string_view list_tables;   // one text column: tables of the current schema/database
  std::string_view list_columns;  // one text column; one bound parameter: the table name

  // A lock held by the connection and released by the server when the connection ends (so a
  // crash or kill -9 never leaves it behind). Empty when the dialect has none (SQLite): the
  // writer lock then relies on its lock row and a liveness check of the holder's pid.
  std::string_view try_session_lock;  // returns one integer, 1 when taken
  std::string_view release_session_lock;

  std::vector<std::string_view> session_setup;  // run once after connecting
  // Run on the staging database only, which crm-migrate owns: settings that persist in the file
  // or change how it is written (SQLite's WAL) are never applied to a source or a target.
  std::vector<std::string_view> staging_setup;
};

// The traits of a dialect that has a session (not kCsv). kOdbc has no traits of its own: a
// session over ODBC uses the traits of the product behind the driver (see Database).
const DialectTraits& TraitsFor(Dialect dialect);

std::string_view SqlType(const DialectTraits& traits, LogicalType type);

// Longest identifier every dialect accepts unchanged (PostgreSQL truncates past 63 bytes).
inline constexpr size_t kMaxIdentifierLength = 63;

// True when `name` matches ^[A-Za-z_][A-Za-z0-9_]{0,62}$.
bool IsValidIdentifier(std::string_view name);

// Throws crm::Error(kSpec) when `name` is not a valid identifier; `what` names it in the message
// ("field name", "table name").
void ValidateIdentifier(std::string_view name, std::string_view what);

// Validates, then quotes: "name" or `name`.
std::string QuoteIdentifier(const DialectTraits& traits, std::string_view name,
                            std::string_view what = "identifier");

// INSERT INTO t (c1, ...) VALUES (:p1, ...) with SOCI placeholders, one per column, in order.
std::string InsertSql(const DialectTraits& traits, std::string_view table,
                      const std::vector<std::string>& columns);

// An insert that updates the non-key columns when a row with the same key exists. `keys` must be
// a subset of `columns` backed by a primary key or unique index.
std::string UpsertSql(const DialectTraits& traits, std::string_view table,
                      const std::vector<std::string>& columns,
                      const std::vector<std::string>& keys);

}  // namespace crm::db
