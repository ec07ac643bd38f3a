// Values as the cutover compares, writes and checksums them. Databases hand the same value back
// in different spellings (PostgreSQL `true` and `12.50`, MySQL `2024-01-02 10:00:00`, SQLite
// `1` and `12.5`); Canonical() makes them one spelling, so "unchanged", the reconciliation hash
// and the rollback checksum mean the same on every target.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/db/dialect.h"
#include "core/spec/spec.h"
#include "loaders/target.h"

namespace crm::loaders {

// Booleans 1/0; integers and decimals without trailing fractional zeros; timestamps
// `YYYY-MM-DD HH:MM:SS[.fff]` without a UTC marker; dates `YYYY-MM-DD`; anything else as is.
std::string CanonicalText(spec::FieldType type, std::string_view text);
Value Canonical(spec::FieldType type, const Value& value);
// True when CanonicalText of `type` is the text itself (strings, emails, phones, ...).
bool CanonicalIsText(spec::FieldType type);

// A staged value in the form the target takes: booleans 1/0, and timestamps with a space instead
// of `T` and no `Z` when `timestamp_with_space` (MySQL/MariaDB DATETIME).
Value FormatForTarget(spec::FieldType type, Value value, bool timestamp_with_space);

// Order-independent checksum of a set of rows: the row count and the sum of 64-bit FNV-1a hashes
// of each row's canonical values (NULL distinct from every string). Adding rows in any order
// gives the same text, "<count>:<16 hex digits>".
class Checksum {
 public:
  void Add(const Row& canonical_row);
  void AddHash(uint64_t row_hash);  // RowHash of a canonical row
  int64_t count() const { return count_; }
  std::string Text() const;

 private:
  int64_t count_ = 0;
  uint64_t sum_ = 0;
};

// The 64-bit FNV-1a hash of one row's canonical values (Hex64 writes it as 16 hex digits).
uint64_t RowHash(const Row& canonical_row);

// RowHash value by value, for a row that is never built as a Row.
class RowHasher {
 public:
  void Add(const Value& value);
  void AddText(std::string_view text);  // a value that is not NULL
  uint64_t value() const { return h_; }

 private:
  void Mix(unsigned char c) {
    h_ ^= c;
    h_ *= 1099511628211ull;
  }
  uint64_t h_ = 1469598103934665603ull;
};
std::string Hex64(uint64_t value);

// UUIDv5 (RFC 4122, SHA-1) of `name` in `namespace_uuid`, lower case with dashes. Throws
// crm::Error(kSpec) when the namespace is not a UUID.
std::string Uuid5(std::string_view namespace_uuid, std::string_view name);

}  // namespace crm::loaders
