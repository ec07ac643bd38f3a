// PostgreSQL target with the COPY fast path: each Write streams its rows with COPY FROM STDIN
// (text format, ~64 KiB PQputCopyData pieces, NOTES.md) into a temporary table of the target's
// column types, then moves them with one set-based INSERT … SELECT … ON CONFLICT. The batch stays
// one transaction of the caller's: the temporary table is emptied inside it, so a rolled-back
// batch leaves nothing behind, and a refused row makes the whole statement fail, which the
// cutover isolates by splitting the batch.
#include <soci/postgresql/soci-postgresql.h>


#include "core/common/error.h"
#include "core/db/copy_text.h"
#include "loaders/sql/sql_target.h"

namespace crm::loaders {
namespace {

constexpr size_t kFlushBytes = 64u << 10;

class PostgresTarget : public SqlTarget {
 public:
  explicit PostgresTarget(std::unique_ptr<db::Database> db)
      : SqlTarget(std::move(db), TargetTraitsFor(db::Dialect::kPostgresql)) {
    conn_ = static_cast<soci::postgresql_session_backend*>(this->db().session().get_backend())
                ->conn_;
  }

  void Prepare(const WriteSpec& spec) override {
    if (temp_.count(spec.table)) return;
    const std::string temp = "crm_in_" + std::to_string(temp_.size() + 1);
    std::string columns;
    for (size_t i = 0; i < spec.columns.size(); ++i) {
      columns += (i ? ", " : "") + db().Quote(spec.columns[i], "column name");
    }
    // The target's own column types, without its constraints: COPY parses every value as the
    // target would, and the constraints are checked once, by the INSERT into the real table.
    Exec("DROP TABLE IF EXISTS pg_temp." + db().Quote(temp), "preparing " + spec.table);
    Exec("CREATE TEMPORARY TABLE " + db().Quote(temp) + " AS SELECT " + columns + " FROM " +
             db().Quote(spec.table, "table name") + " WITH NO DATA",
         "preparing " + spec.table);
    temp_[spec.table] = temp;
  }

  void Write(const WriteSpec& spec, const std::vector<Row>& rows) override {
    if (rows.empty()) return;
    Prepare(spec);
    const std::string temp = db().Quote(temp_.at(spec.table));
    std::string columns;
    for (size_t i = 0; i < spec.columns.size(); ++i) {
      columns += (i ? ", " : "") + db().Quote(spec.columns[i], "column name");
    }
    Exec("TRUNCATE " + temp, "writing " + spec.table);
    Copy("COPY " + temp + " (" + columns + ") FROM STDIN", rows, spec.table);
    std::string insert = InsertSql(spec);
    // InsertSql's VALUES (...) becomes the SELECT from the temporary table.
    const size_t values = insert.find(" VALUES ");
    const size_t conflict = insert.find(" ON CONFLICT");
    insert = insert.substr(0, values) + " SELECT " + columns + " FROM " + temp +
             insert.substr(conflict);
    Exec(insert, "writing " + spec.table);
  }

 private:
  void Copy(const std::string& sql, const std::vector<Row>& rows, const std::string& table) {
    PGresult* started = PQexec(conn_, sql.c_str());
    const bool ok = PQresultStatus(started) == PGRES_COPY_IN;
    Check(started, ok, "starting COPY for " + table);
    std::string buffer;
    buffer.reserve(kFlushBytes * 2);
    bool sent = true;
    for (const Row& row : rows) {
      for (size_t i = 0; i < row.size(); ++i) {
        if (i) buffer += '\t';
        if (row[i]) {
          db::AppendCopyText(*row[i], &buffer);
        } else {
          buffer += "\\N";
        }
      }
      buffer += '\n';
      if (buffer.size() >= kFlushBytes) {
        sent = sent && PQputCopyData(conn_, buffer.data(), static_cast<int>(buffer.size())) == 1;
        buffer.clear();
      }
    }
    if (!buffer.empty()) {
      sent = sent && PQputCopyData(conn_, buffer.data(), static_cast<int>(buffer.size())) == 1;
    }
    sent = PQputCopyEnd(conn_, sent ? nullptr : "send failed") == 1 && sent;
    std::string error;
    std::string state;
    while (PGresult* result = PQgetResult(conn_)) {
      if (PQresultStatus(result) != PGRES_COMMAND_OK && error.empty()) {
        error = PQresultErrorMessage(result);
        const char* s = PQresultErrorField(result, PG_DIAG_SQLSTATE);
        state = s ? s : "";
      }
      PQclear(result);
    }
    if (!sent && error.empty()) error = PQerrorMessage(conn_);
    if (!error.empty()) Raise(error, state, "COPY into " + table);
  }

  void Exec(const std::string& sql, const std::string& doing) {
    PGresult* result = PQexec(conn_, sql.c_str());
    const ExecStatusType status = PQresultStatus(result);
    Check(result, status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK, doing);
  }

  // Clears `result`; when not `ok`, throws what its error means.
  void Check(PGresult* result, bool ok, const std::string& doing) {
    if (ok) {
      PQclear(result);
      return;
    }
    std::string message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn_);
    const char* s = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    std::string state = s ? s : "";
    PQclear(result);
    Raise(message, state, doing);
  }

  // SQLSTATE class 08 or a broken connection: the target failed (exit 3); anything else is the
  // data being refused.
  [[noreturn]] void Raise(std::string message, const std::string& state,
                          const std::string& doing) {
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
      message.pop_back();
    }
    for (char& c : message) {
      if (c == '\n') c = ' ';
    }
    message = db::MaskSecrets(message, db().url());
    if (PQstatus(conn_) != CONNECTION_OK || state.rfind("08", 0) == 0 || state.empty()) {
      throw Error(ErrorCategory::kIo, doing + " on " + masked_url() + ": " + message);
    }
    throw RowsRefused(message);
  }

  PGconn* conn_ = nullptr;
  std::map<std::string, std::string> temp_;  // target table → its temporary table
};

}  // namespace

std::unique_ptr<Target> MakePostgresTarget(std::unique_ptr<db::Database> db) {
  return std::make_unique<PostgresTarget>(std::move(db));
}

}  // namespace crm::loaders
