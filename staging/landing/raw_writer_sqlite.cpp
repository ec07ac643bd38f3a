// raw_<source> on SQLite through the native API: one prepared INSERT, text bound without copying
// (SQLITE_STATIC: the batch outlives the step), one transaction per unit of work.
//
// While the writer lives, `PRAGMA synchronous=OFF` (restored afterwards): SQLite then does not
// fsync at commit. An application crash still leaves a consistent database (WAL stays on, so a
// torn transaction is rolled back); only an OS crash or power loss can lose the last commits or
// damage pages, and what is being written is the raw rows of a load that is not promoted until the
// stage succeeds, so such a stage is simply run again.
#include <soci/sqlite3/soci-sqlite3.h>

#include "core/common/error.h"
#include "staging/landing/hash.h"
#include "staging/landing/raw_writer.h"

namespace crm::staging {
namespace {

using namespace sqlite_api;

class SqliteRawWriter : public RawWriter {
 public:
  SqliteRawWriter(db::Database& db, const RawTarget& target) : db_(db), target_(target) {
    conn_ = static_cast<soci::sqlite3_session_backend*>(db.session().get_backend())->conn_;
    Exec("PRAGMA synchronous=OFF");
    const std::vector<std::string> columns = WrittenColumns(target);
    std::string sql = "INSERT INTO " + db.Quote(target.table) + " (";
    std::string params;
    for (size_t i = 0; i < columns.size(); ++i) {
      sql += (i ? ", " : "") + db.Quote(columns[i]);
      params += i ? ", ?" : "?";
    }
    sql += ") VALUES (" + params + ")";
    if (sqlite3_prepare_v2(conn_, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) Fail("preparing");
  }

  ~SqliteRawWriter() override {
    Abort();
    sqlite3_finalize(stmt_);
    // The session's own setting (dialect.cpp); a failure here cannot be reported and is harmless.
    sqlite3_exec(conn_, "PRAGMA synchronous=NORMAL", nullptr, nullptr, nullptr);
  }

  void Begin() override {
    Exec("BEGIN");
    open_ = true;
  }

  void WriteBatch(const RowBatch& batch) override {
    char hash[16];
    for (size_t row = 0; row < batch.rows.size(); ++row) {
      const RowLineage& lineage = batch.rows[row];
      sqlite3_bind_int64(stmt_, 1, target_.load_id);
      sqlite3_bind_int64(stmt_, 2, target_.run_id);
      sqlite3_bind_int64(stmt_, 3, lineage.line);
      if (lineage.offset < 0) {
        sqlite3_bind_null(stmt_, 4);
      } else {
        sqlite3_bind_int64(stmt_, 4, lineage.offset);
      }
      Hex64To(lineage.hash, hash);
      sqlite3_bind_text(stmt_, 5, hash, 16, SQLITE_STATIC);
      for (size_t column = 0; column < batch.width; ++column) {
        const int param = static_cast<int>(column) + 6;
        if (batch.IsNull(row, column)) {
          sqlite3_bind_null(stmt_, param);
        } else {
          std::string_view cell = batch.Cell(row, column);
          sqlite3_bind_text(stmt_, param, cell.data(), static_cast<int>(cell.size()),
                            SQLITE_STATIC);
        }
      }
      if (sqlite3_step(stmt_) != SQLITE_DONE) Fail("inserting into");
      sqlite3_reset(stmt_);
    }
  }

  void Commit() override {
    Exec("COMMIT");
    open_ = false;
  }

  void Abort() noexcept override {
    if (!open_) return;
    open_ = false;
    sqlite3_exec(conn_, "ROLLBACK", nullptr, nullptr, nullptr);
  }

 private:
  void Exec(const char* sql) {
    if (sqlite3_exec(conn_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) Fail(sql);
  }
  [[noreturn]] void Fail(const std::string& doing) {
    std::string message = sqlite3_errmsg(conn_);
    sqlite3_reset(stmt_);
    throw Error(ErrorCategory::kIo,
                doing + " " + target_.table + " on " + db_.masked_url() + ": " + message);
  }

  db::Database& db_;
  RawTarget target_;
  sqlite3* conn_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  bool open_ = false;
};

}  // namespace

std::unique_ptr<RawWriter> MakeSqliteRawWriter(db::Database& db, const RawTarget& target) {
  return std::make_unique<SqliteRawWriter>(db, target);
}

}  // namespace crm::staging
