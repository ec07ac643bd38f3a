// Tables as data, and their DDL per dialect. Every table the phases share is described once as a
// TableDef (see staging_schema.h) and rendered here for SQLite, PostgreSQL or MySQL/MariaDB, so
// no phase writes CREATE TABLE by hand.
#pragma once

#include <string>
#include <vector>

#include "core/db/dialect.h"

namespace crm::db {

struct ColumnDef {
  std::string name;
  LogicalType type = LogicalType::kText;
  bool not_null = false;
};

struct IndexDef {
  std::vector<std::string> columns;
  bool unique = false;
};

struct TableDef {
  std::string name;
  // When set, the first column: an auto-numbered integer primary key with this name.
  std::string auto_id;
  std::vector<ColumnDef> columns;        // after auto_id, in order
  std::vector<std::string> primary_key;  // only when auto_id is empty; may be empty
  std::vector<IndexDef> indexes;
  bool ids_reusable = false;  // auto_id values of deleted last rows may be given again
  bool clustered = false;     // stored in primary key order (DialectTraits::clustered_option)
};

// CREATE TABLE IF NOT EXISTS ..., then one CREATE INDEX IF NOT EXISTS per index unless the
// dialect declares indexes inline. Every identifier is validated and quoted; text columns that
// are part of a key or an index get the dialect's indexable text type. Statements are multi-line
// for readability and carry no trailing semicolon.
std::vector<std::string> RenderCreateTable(const DialectTraits& traits, const TableDef& table);

// DROP INDEX IF EXISTS for each index of `table`; none where the dialect declares indexes inline
// (MySQL). A bulk load drops them first and CreateTable builds them again at the end: one sort
// instead of a random B-tree insert per row.
std::vector<std::string> RenderDropIndexes(const DialectTraits& traits, const TableDef& table);

// ALTER TABLE t ADD COLUMN c TYPE. Always nullable: rows that exist have no value for it.
std::string RenderAddColumn(const DialectTraits& traits, const std::string& table,
                            const ColumnDef& column);

// "<table>_ix<n>" (1-based), shortened with a hash when it would exceed the identifier limit;
// index names are per schema on PostgreSQL, so they carry the table name.
std::string IndexName(const std::string& table, size_t n);

}  // namespace crm::db
