// What differs between SQL targets when the cutover introspects, reads and writes them, as data.
// The SQL of the staging side (DDL types, quoting, upsert style) comes from core/db's
// DialectTraits; these are the target-only parts: how to ask a table's shape, how to read any
// column back as text, how a timestamp is written, how many rows one statement may carry.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "core/db/url.h"

namespace crm::loaders {

struct TargetTraits {
  std::string_view name;
  // One row per column, in order, five values as text: name, declared type, not null (1/0),
  // has a default or is auto-numbered (1/0), declared character length or NULL. Bound: :t.
  std::string_view describe_columns;
  // Declared length parsed from the type ("varchar(40)") when the row's length is NULL.
  bool length_in_type = false;
  // Unique keys: rows (key name, column name) in key order. Bound: :t.
  std::string_view unique_columns;
  // Primary key columns when unique_columns does not list it (SQLite's INTEGER PRIMARY KEY has
  // no index); empty otherwise. Bound: :t.
  std::string_view primary_key_columns;
  // The function counting the characters of a text value (SQL length() counts bytes on MySQL).
  std::string_view char_length = "length";
  // Wraps a column to read it back as text.
  std::string_view text_cast_open, text_cast_close;
  // Timestamps as 'YYYY-MM-DD HH:MM:SS' (MySQL DATETIME refuses 'T' and 'Z'); false keeps the
  // staged ISO-8601 form.
  bool timestamp_with_space = false;
  // SOCI's SQLite backend gives every error the category "unknown" (and does not export its
  // error type): a driver message containing one of these fragments is a refused row, any other
  // "unknown" error a failing target. Empty: the SOCI category decides alone.
  std::vector<std::string_view> refusal_messages;
  // Run once after connecting, after the dialect's own session setup.
  std::vector<std::string_view> session_setup;
  // Rows per multi-row statement (MySQL/MariaDB) and keys per IN list.
  size_t rows_per_statement = 500;
  size_t keys_per_read = 500;
};

// Throws crm::Error(kInternal) for kCsv, which has no SQL.
const TargetTraits& TargetTraitsFor(db::Dialect dialect);

}  // namespace crm::loaders
