#include "core/db/text_stream.h"

#include <soci/sqlite3/soci-sqlite3.h>

#include <memory>
#include <stdexcept>

namespace crm::db {
namespace {

constexpr size_t kBatchRows = 1000;

namespace sq = sqlite_api;

// SQLite, through its own API: SOCI's bulk fetch spent about 11k instructions a row moving each
// cell through its vectors and indicators; reading the cells in place is a fraction of that,
// and every rule's pass over a million staged rows is such a stream.
void StreamSqlite(sq::sqlite3* conn, const std::string& sql, size_t columns,
                  const std::vector<std::string>& params,
                  const std::function<void(const TextRow&)>& row,
                  const std::function<void(size_t)>& batch) {
  sq::sqlite3_stmt* stmt = nullptr;
  auto fail = [&] { throw std::runtime_error(sq::sqlite3_errmsg(conn)); };
  if (sq::sqlite3_prepare_v2(conn, sql.c_str(), static_cast<int>(sql.size()), &stmt, nullptr) !=
      SQLITE_OK) {
    fail();
  }
  // Finalized on every way out, the exceptions of `row` included.
  std::unique_ptr<sq::sqlite3_stmt, int (*)(sq::sqlite3_stmt*)> owned(stmt, sq::sqlite3_finalize);
  for (size_t p = 0; p < params.size(); ++p) {
    if (sq::sqlite3_bind_text(stmt, static_cast<int>(p + 1), params[p].data(),
                              static_cast<int>(params[p].size()), SQLITE_STATIC) != SQLITE_OK) {
      fail();
    }
  }
  if (static_cast<size_t>(sq::sqlite3_column_count(stmt)) != columns) {
    throw std::logic_error("the statement has " + std::to_string(sq::sqlite3_column_count(stmt)) +
                           " columns, not " + std::to_string(columns) + ": " + sql);
  }
  TextRow current(columns);
  size_t in_batch = 0;
  int rc;
  while ((rc = sq::sqlite3_step(stmt)) == SQLITE_ROW) {
    for (size_t c = 0; c < columns; ++c) {
      const int i = static_cast<int>(c);
      if (sq::sqlite3_column_type(stmt, i) == SQLITE_NULL) {
        current[c].reset();
        continue;
      }
      const auto* text = reinterpret_cast<const char*>(sq::sqlite3_column_text(stmt, i));
      const size_t size = static_cast<size_t>(sq::sqlite3_column_bytes(stmt, i));
      if (current[c]) {
        current[c]->assign(text, size);  // keeps the buffer from the previous row
      } else {
        current[c].emplace(text, size);
      }
    }
    row(current);
    if (++in_batch == kBatchRows) {
      if (batch) batch(in_batch);
      in_batch = 0;
    }
  }
  if (rc != SQLITE_DONE) fail();
  if (batch && in_batch > 0) batch(in_batch);
}

void StreamSoci(Database& db, const std::string& sql, size_t columns,
                const std::vector<std::string>& params,
                const std::function<void(const TextRow&)>& row,
                const std::function<void(size_t)>& batch) {
  std::vector<std::vector<std::string>> values(columns, std::vector<std::string>(kBatchRows));
  std::vector<std::vector<soci::indicator>> inds(columns, std::vector<soci::indicator>(kBatchRows));
  soci::statement st(db.session());
  for (size_t c = 0; c < columns; ++c) st.exchange(soci::into(values[c], inds[c]));
  for (const std::string& p : params) st.exchange(soci::use(p));
  st.alloc();
  st.prepare(sql);
  st.define_and_bind();
  st.execute();
  TextRow current(columns);
  while (st.fetch()) {
    const size_t n = values.empty() ? 0 : values[0].size();
    for (size_t r = 0; r < n; ++r) {
      for (size_t c = 0; c < columns; ++c) {
        if (inds[c][r] == soci::i_ok) {
          // A copy, not a move: both strings keep their buffers for the next row and batch.
          current[c] = values[c][r];
        } else {
          current[c].reset();
        }
      }
      row(current);
    }
    if (batch) batch(n);
    // SOCI shrinks the vectors to the rows a fetch returned: grow them back for the next one.
    for (size_t c = 0; c < columns; ++c) {
      values[c].resize(kBatchRows);
      inds[c].resize(kBatchRows);
    }
  }
}

}  // namespace

std::string AsText(const Database& db, const std::string& expr) {
  const bool mysql = db.traits().dialect == Dialect::kMysql;
  return "CAST(" + expr + (mysql ? " AS CHAR)" : " AS TEXT)");
}

void StreamText(Database& db, const std::string& sql, size_t columns,
                const std::vector<std::string>& params, const std::string& doing,
                const std::function<void(const TextRow&)>& row,
                const std::function<void(size_t)>& batch) {
  db.Guard(doing, [&] {
    // The backend's type information is not exported by libsoci_sqlite3: ask its name instead.
    if (db.session().get_backend_name() == "sqlite3") {
      auto* backend = static_cast<soci::sqlite3_session_backend*>(db.session().get_backend());
      StreamSqlite(backend->conn_, sql, columns, params, row, batch);
    } else {
      StreamSoci(db, sql, columns, params, row, batch);
    }
  });
}

}  // namespace crm::db
