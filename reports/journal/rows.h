// Reading the journal's tables for the pages: one generic query (every cell as text or NULL) and
// the few conversions the pages need. Reports only read: nothing here writes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/db/database.h"

namespace crm::reports {

using Row = std::vector<std::optional<std::string>>;
using Param = std::variant<long long, std::string>;

// Runs `sql` with its parameters bound in order (placeholders `:name`, any names) and returns
// every row; `what` names the read in an error. Throws crm::Error(kIo).
std::vector<Row> QueryRows(db::Database& db, const std::string& what, const std::string& sql,
                           const std::vector<Param>& params = {});

// A cell as text ("" for NULL) or as an integer (0 for NULL or text that is not one).
std::string Text(const Row& row, size_t i);
int64_t Integer(const Row& row, size_t i);
std::optional<int64_t> OptInteger(const Row& row, size_t i);

// Seconds since the epoch of an ISO-8601 UTC time as the journal writes it
// ("2026-11-26T17:31:54.646Z"); nullopt when it is empty or not one.
std::optional<double> EpochSeconds(const std::string& iso);

// Seconds rounded to milliseconds, the journal's resolution.
double RoundMillis(double seconds);

// A run's duration in seconds; nullopt while it runs.
std::optional<double> DurationSeconds(const std::string& started_at,
                                      const std::string& finished_at);

}  // namespace crm::reports
