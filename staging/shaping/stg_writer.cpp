#include "staging/shaping/stg_writer.h"

#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <charconv>

#include "core/db/dialect.h"

namespace crm::staging {
namespace {

namespace sq = sqlite_api;

class SqliteStgWriter : public StgWriter {
 public:
  SqliteStgWriter(db::Database& db, sq::sqlite3* conn, const std::string& sql,
                  std::vector<bool> integer)
      : db_(db), conn_(conn), integer_(std::move(integer)) {
    // As while landing (raw_writer_sqlite.cpp): no fsync for rows of a load that is promoted
    // only when the whole stage succeeds; an OS crash before then means running the stage again.
    sq::sqlite3_exec(conn_, "PRAGMA synchronous=OFF", nullptr, nullptr, nullptr);
    if (sq::sqlite3_prepare_v2(conn_, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) Fail();
  }
  ~SqliteStgWriter() override {
    sq::sqlite3_finalize(stmt_);
    // The session's own setting (dialect.cpp); a failure here cannot be reported and is harmless.
    sq::sqlite3_exec(conn_, "PRAGMA synchronous=NORMAL", nullptr, nullptr, nullptr);
  }

  void Add(const std::vector<std::optional<std::string>>& values) override {
    for (size_t i = 0; i < values.size(); ++i) {
      int p = static_cast<int>(i + 1);
      int64_t number = 0;
      if (values[i] && integer_[i] && ToInt(*values[i], &number)) {
        sq::sqlite3_bind_int64(stmt_, p, number);
      } else if (values[i]) {
        // SQLITE_STATIC: the values outlive the step below.
        sq::sqlite3_bind_text(stmt_, p, values[i]->data(), static_cast<int>(values[i]->size()),
                              SQLITE_STATIC);
      } else {
        sq::sqlite3_bind_null(stmt_, p);
      }
    }
    int rc = sq::sqlite3_step(stmt_);
    sq::sqlite3_reset(stmt_);
    if (rc != SQLITE_DONE) Fail();
  }
  void Flush() override {}

 private:
  [[noreturn]] void Fail() {
    throw Error(ErrorCategory::kIo,
                "writing staged rows on " + db_.masked_url() + ": " + sq::sqlite3_errmsg(conn_));
  }

  static bool ToInt(const std::string& text, int64_t* out) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
    return ec == std::errc() && end == text.data() + text.size();
  }

  db::Database& db_;
  sq::sqlite3* conn_;
  sq::sqlite3_stmt* stmt_ = nullptr;
  std::vector<bool> integer_;  // per column: INTEGER affinity
};

class SociStgWriter : public StgWriter {
 public:
  static constexpr size_t kBatch = 5000;

  // `mysql_timestamps`: per column, whether it is a timestamp that MariaDB's DATETIME must get
  // as "2016-11-27 23:00:00": it refuses the canonical "2016-11-27T23:00:00Z".
  SociStgWriter(db::Database& db, std::string sql, size_t columns,
                std::vector<bool> mysql_timestamps)
      : db_(db),
        sql_(std::move(sql)),
        values_(columns),
        indicators_(columns),
        mysql_timestamps_(std::move(mysql_timestamps)) {}

  void Add(const std::vector<std::optional<std::string>>& values) override {
    for (size_t i = 0; i < values.size(); ++i) {
      values_[i].push_back(values[i].value_or(std::string()));
      indicators_[i].push_back(values[i] ? soci::i_ok : soci::i_null);
      if (values[i] && mysql_timestamps_[i]) ToMysqlDateTime(&values_[i].back());
    }
    if (values_[0].size() >= kBatch) Flush();
  }

  void Flush() override {
    if (values_.empty() || values_[0].empty()) return;
    db_.Guard("writing staged rows", [&] {
      soci::statement st(db_.session());
      for (size_t i = 0; i < values_.size(); ++i) st.exchange(soci::use(values_[i], indicators_[i]));
      st.alloc();
      st.prepare(sql_);
      st.define_and_bind();
      st.execute(true);
    });
    for (auto& v : values_) v.clear();
    for (auto& v : indicators_) v.clear();
  }

 private:
  static void ToMysqlDateTime(std::string* value) {
    if (value->size() > 10 && (*value)[10] == 'T') (*value)[10] = ' ';
    if (!value->empty() && value->back() == 'Z') value->pop_back();
  }

  db::Database& db_;
  std::string sql_;
  std::vector<std::vector<std::string>> values_;
  std::vector<std::vector<soci::indicator>> indicators_;
  std::vector<bool> mysql_timestamps_;
};

}  // namespace

std::unique_ptr<StgWriter> MakeStgWriter(db::Database& db, const db::TableDef& table,
                                         const std::vector<std::string>& columns) {
  std::string sql = db::InsertSql(db.traits(), table.name, columns);
  // The backend's type information is not exported by libsoci_sqlite3: ask its name instead.
  if (db.session().get_backend_name() == "sqlite3") {
    auto* backend = static_cast<soci::sqlite3_session_backend*>(db.session().get_backend());
    std::vector<bool> integer;
    for (const std::string& c : columns) {
      auto it = std::find_if(table.columns.begin(), table.columns.end(),
                             [&](const db::ColumnDef& d) { return d.name == c; });
      integer.push_back(it != table.columns.end() && (it->type == db::LogicalType::kInteger ||
                                                      it->type == db::LogicalType::kBoolean));
    }
    return std::make_unique<SqliteStgWriter>(db, backend->conn_, sql, std::move(integer));
  }
  std::vector<bool> mysql_timestamps;
  for (const std::string& c : columns) {
    auto it = std::find_if(table.columns.begin(), table.columns.end(),
                           [&](const db::ColumnDef& d) { return d.name == c; });
    mysql_timestamps.push_back(db.traits().dialect == db::Dialect::kMysql &&
                               it != table.columns.end() &&
                               it->type == db::LogicalType::kTimestamp);
  }
  return std::make_unique<SociStgWriter>(db, sql, columns.size(), std::move(mysql_timestamps));
}

}  // namespace crm::staging
