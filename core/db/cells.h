// One cell of a soci::row as text or as an integer, whatever type the backend reports for it:
// SQLite hands small integers out as int and larger ones as long long, PostgreSQL's COUNT is a
// long long, MySQL's DECIMAL a double, and a driver may report a number as a string.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <soci/soci.h>

namespace crm::db {

// Text of a non-NULL cell: strings as they are, numbers as the shortest text that reads back the
// same, dates as "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS". Throws std::runtime_error (naming the
// column) for types with no text form (blobs); Database::Guard translates it.
std::string CellText(const soci::row& row, std::size_t i);

// The cell as an integer; nullopt when it is NULL.
std::optional<int64_t> CellInteger(const soci::row& row, std::size_t i);

}  // namespace crm::db
