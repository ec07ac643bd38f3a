#include "core/db/bulk_exec.h"

#include <soci/sqlite3/soci-sqlite3.h>

#include <memory>
#include <stdexcept>

namespace crm::db {
namespace {

namespace sq = sqlite_api;

void ExecuteSqlite(sq::sqlite3* conn, const std::string& sql, const std::vector<BulkParam>& params,
                   size_t rows) {
  // SQLite numbers `:name` placeholders in the order they first appear, as SOCI binds them
  // (every name here appears once).
  sq::sqlite3_stmt* stmt = nullptr;
  auto fail = [&] { throw std::runtime_error(sq::sqlite3_errmsg(conn)); };
  if (sq::sqlite3_prepare_v2(conn, sql.c_str(), static_cast<int>(sql.size()), &stmt, nullptr) !=
      SQLITE_OK) {
    fail();
  }
  std::unique_ptr<sq::sqlite3_stmt, int (*)(sq::sqlite3_stmt*)> owned(stmt, sq::sqlite3_finalize);
  for (size_t r = 0; r < rows; ++r) {
    for (size_t p = 0; p < params.size(); ++p) {
      const BulkParam& param = params[p];
      const int at = static_cast<int>(p + 1);
      int rc;
      if (param.integers) {
        rc = sq::sqlite3_bind_int64(stmt, at, (*param.integers)[r]);
      } else if (param.indicators && (*param.indicators)[r] == soci::i_null) {
        rc = sq::sqlite3_bind_null(stmt, at);
      } else {
        const std::string& text = (*param.texts)[r];
        rc = sq::sqlite3_bind_text(stmt, at, text.data(), static_cast<int>(text.size()),
                                   SQLITE_STATIC);
      }
      if (rc != SQLITE_OK) fail();
    }
    if (sq::sqlite3_step(stmt) != SQLITE_DONE) fail();
    sq::sqlite3_reset(stmt);
  }
}

void ExecuteSoci(Database& db, const std::string& sql, const std::vector<BulkParam>& params) {
  soci::statement st(db.session());
  for (const BulkParam& param : params) {
    if (param.integers) {
      st.exchange(soci::use(*param.integers));
    } else if (param.indicators) {
      st.exchange(soci::use(*param.texts, *param.indicators));
    } else {
      st.exchange(soci::use(*param.texts));
    }
  }
  st.alloc();
  st.prepare(sql);
  st.define_and_bind();
  st.execute(true);
}

}  // namespace

void ExecuteBulk(Database& db, const std::string& sql, const std::vector<BulkParam>& params,
                 size_t rows, const std::string& doing) {
  if (rows == 0) return;
  db.Guard(doing, [&] {
    // The backend's type information is not exported by libsoci_sqlite3: ask its name instead.
    if (db.session().get_backend_name() == "sqlite3") {
      auto* backend = static_cast<soci::sqlite3_session_backend*>(db.session().get_backend());
      ExecuteSqlite(backend->conn_, sql, params, rows);
    } else {
      ExecuteSoci(db, sql, params);
    }
  });
}

}  // namespace crm::db
