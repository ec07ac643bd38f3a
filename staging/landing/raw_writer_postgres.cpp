// raw_<source> on PostgreSQL through libpq's COPY FROM STDIN in text format: the fastest way into
// PostgreSQL, faster than psql \copy because the rows are already parsed. Data is flushed with
// PQputCopyData in ~64 KiB pieces; far larger pieces were slower (NOTES.md: client and server take
// turns instead of overlapping). Each unit of work is one COPY, i.e. one transaction.
//
// While the writer lives, `synchronous_commit = off` (reset afterwards), for the reason the SQLite
// writer turns `synchronous` off: a crash of the server can lose the last commits of a load that
// is not promoted until the stage succeeds (never corrupt anything), so the stage is run again;
// meanwhile no COPY waits for its WAL flush.
#include <soci/postgresql/soci-postgresql.h>

#include <cstdio>

#include "core/common/error.h"
#include "core/db/copy_text.h"
#include "staging/landing/hash.h"
#include "staging/landing/raw_writer.h"

namespace crm::staging {
namespace {

constexpr size_t kFlushBytes = 64u << 10;

void AppendInt(int64_t value, std::string* out) {
  char buffer[24];
  int n = std::snprintf(buffer, sizeof buffer, "%lld", static_cast<long long>(value));
  out->append(buffer, static_cast<size_t>(n));
}

class PostgresRawWriter : public RawWriter {
 public:
  PostgresRawWriter(db::Database& db, const RawTarget& target) : db_(db), target_(target) {
    conn_ = static_cast<soci::postgresql_session_backend*>(db.session().get_backend())->conn_;
    copy_sql_ = "COPY " + db.Quote(target.table) + " (";
    const std::vector<std::string> columns = WrittenColumns(target);
    for (size_t i = 0; i < columns.size(); ++i) copy_sql_ += (i ? ", " : "") + db.Quote(columns[i]);
    copy_sql_ += ") FROM STDIN";
    prefix_.clear();
    AppendInt(target.load_id, &prefix_);
    prefix_ += '\t';
    AppendInt(target.run_id, &prefix_);
    prefix_ += '\t';
    buffer_.reserve(kFlushBytes * 2);
    Exec("SET synchronous_commit = off");
  }

  ~PostgresRawWriter() override {
    Abort();
    // Back to the session's own setting; a failure here cannot be reported and is harmless.
    PQclear(PQexec(conn_, "RESET synchronous_commit"));
  }

  void Begin() override {
    PGresult* result = PQexec(conn_, copy_sql_.c_str());
    const bool ok = PQresultStatus(result) == PGRES_COPY_IN;
    PQclear(result);
    if (!ok) Fail("starting COPY into");
    open_ = true;
  }

  void WriteBatch(const RowBatch& batch) override {
    char hash[16];
    for (size_t row = 0; row < batch.rows.size(); ++row) {
      const RowLineage& lineage = batch.rows[row];
      buffer_ += prefix_;
      AppendInt(lineage.line, &buffer_);
      buffer_ += '\t';
      if (lineage.offset < 0) {
        buffer_ += "\\N";
      } else {
        AppendInt(lineage.offset, &buffer_);
      }
      buffer_ += '\t';
      Hex64To(lineage.hash, hash);
      buffer_.append(hash, 16);
      for (size_t column = 0; column < batch.width; ++column) {
        buffer_ += '\t';
        if (batch.IsNull(row, column)) {
          buffer_ += "\\N";
        } else {
          db::AppendCopyText(batch.Cell(row, column), &buffer_);
        }
      }
      buffer_ += '\n';
      if (buffer_.size() >= kFlushBytes) Flush();
    }
  }

  void Commit() override {
    Flush();
    open_ = false;
    if (PQputCopyEnd(conn_, nullptr) != 1) Fail("ending COPY into");
    DrainResults("COPY into");
  }

  void Abort() noexcept override {
    if (!open_) return;
    open_ = false;
    buffer_.clear();
    PQputCopyEnd(conn_, "landing aborted");
    while (PGresult* result = PQgetResult(conn_)) PQclear(result);
  }

 private:
  void Flush() {
    if (buffer_.empty()) return;
    if (PQputCopyData(conn_, buffer_.data(), static_cast<int>(buffer_.size())) != 1) {
      Fail("sending rows to");
    }
    buffer_.clear();
  }

  void Exec(const char* sql) {
    PGresult* result = PQexec(conn_, sql);
    const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
    PQclear(result);
    if (!ok) Fail(sql);
  }

  void DrainResults(const std::string& doing) {
    std::string error;
    while (PGresult* result = PQgetResult(conn_)) {
      if (PQresultStatus(result) != PGRES_COMMAND_OK && error.empty()) {
        error = PQresultErrorMessage(result);
      }
      PQclear(result);
    }
    if (!error.empty()) Throw(doing, error);
  }

  [[noreturn]] void Fail(const std::string& doing) {
    std::string message = PQerrorMessage(conn_);
    Abort();
    Throw(doing, message);
  }

  [[noreturn]] void Throw(const std::string& doing, std::string message) {
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
      message.pop_back();
    }
    throw Error(ErrorCategory::kIo, doing + " " + target_.table + " on " + db_.masked_url() + ": " +
                                        db::MaskSecrets(message, db_.url()));
  }

  db::Database& db_;
  RawTarget target_;
  PGconn* conn_ = nullptr;
  std::string copy_sql_;
  std::string prefix_;  // "<load>\t<run>\t", the same on every row
  std::string buffer_;
  bool open_ = false;
};

}  // namespace

std::unique_ptr<RawWriter> MakePostgresRawWriter(db::Database& db, const RawTarget& target) {
  return std::make_unique<PostgresRawWriter>(db, target);
}

}  // namespace crm::staging
