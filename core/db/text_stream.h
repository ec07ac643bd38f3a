// Streams the rows of a SELECT whose columns are all text (AsText), which is what makes a
// million-row pass cheap: on SQLite through its own API, reading each cell in place; elsewhere in
// batches of bulk-fetched vectors, one round trip and one SOCI exchange per batch instead of per
// row. Memory holds one batch.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/db/database.h"

namespace crm::db {

// `expr` as text in SQL (CAST(expr AS TEXT), CHAR on MySQL), so every value streams as a string.
std::string AsText(const Database& db, const std::string& expr);

// One row: a value per column, nullopt for NULL. Valid during the callback only.
using TextRow = std::vector<std::optional<std::string>>;

// Runs `sql` with `params` bound in order and calls `row` for every row; `batch` is called after
// each batch with the number of rows it held (for progress). Errors become crm::Error through
// Database::Guard with `doing`.
void StreamText(Database& db, const std::string& sql, size_t columns,
                const std::vector<std::string>& params, const std::string& doing,
                const std::function<void(const TextRow&)>& row,
                const std::function<void(size_t)>& batch = {});

}  // namespace crm::db
