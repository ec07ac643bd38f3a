// PostgreSQL target with the COPY fast path: each Write streams its rows with COPY FROM STDIN
// (text format, ~64 KiB PQputCopyData pieces, NOTES.md) into a temporary table of the target's
// column types, then moves them with one set-based INSERT … SELECT … ON CONFLICT. The batch stays
// one transaction of the caller's: the temporary table is emptied inside it, so a rolled-back
// batch leaves nothing behind, and a refused row makes the whole statement fail, which the
// cutover isolates by splitting the batch. A Write whose rows are all new (WriteSpec::all_new:
// the first load into an empty table) skips the temporary table and COPYs straight into the
// target table, as psql \copy does. Rows with no value for a NOT NULL column, the refusal dirty
// data meets most, are found before anything is sent and named in RowsRefused, so the cutover
// sets them aside at once: splitting a batch of 10,000 down to each of them costs about 14 write
// attempts of six round trips per bad row, far more than the batch itself. Reads (the existing
// rows of a batch, the reconciliation) bind their keys as one array through libpq.
#include <soci/postgresql/soci-postgresql.h>

#include <algorithm>
#include <map>
#include <string_view>
#include <unordered_set>

#include "core/common/error.h"
#include "core/db/copy_text.h"
#include "core/db/text_stream.h"
#include "loaders/sql/sql_target.h"

namespace crm::loaders {
namespace {

constexpr size_t kFlushBytes = 64u << 10;
// Keys per Read statement: a cutover batch's worth in one round trip.
constexpr size_t kKeysPerRead = 10000;

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
    // The columns of spec.columns the table declares NOT NULL: a NULL sent for one is refused
    // whether or not the column has a default (a default fills only columns left out).
    std::vector<size_t>& not_null = not_null_[spec.table];
    for (const auto& row : Catalog("SELECT attname FROM pg_attribute WHERE attrelid = "
                                   "$1::regclass AND attnum > 0 AND NOT attisdropped AND "
                                   "attnotnull",
                                   {db().Quote(spec.table, "table name")},
                                   "reading the NOT NULL columns of " + spec.table)) {
      for (size_t i = 0; i < spec.columns.size(); ++i) {
        if (spec.columns[i] == row[0]) not_null.push_back(i);
      }
    }
  }

  void Write(const WriteSpec& spec, const std::vector<Row>& rows) override {
    if (rows.empty()) return;
    Prepare(spec);
    RefuseMissingValues(spec, rows);
    const std::string temp = db().Quote(temp_.at(spec.table));
    std::string columns;
    for (size_t i = 0; i < spec.columns.size(); ++i) {
      columns += (i ? ", " : "") + db().Quote(spec.columns[i], "column name");
    }
    if (spec.all_new) {
      NoteWrittenPages(spec.table);
      // Nothing to resolve on conflict: the rows go straight into the table, as psql \copy
      // would send them, which halves the server's work (no temporary table to fill and read).
      Copy("COPY " + db().Quote(spec.table, "table name") + " (" + columns + ") FROM STDIN", rows,
           spec.table);
      return;
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

  // A table's rows just COPYed into it (all_new) are read back from the pages they went to,
  // with a TID range scan (PostgreSQL 14 and later), instead of one index lookup per key: for
  // a first load that read is most of what the server does besides the COPY. Any key not
  // found there (a row another session put elsewhere) is looked up by key after.
  std::vector<Row> Read(const std::string& table, const std::string& key_column,
                        const std::vector<std::string>& columns,
                        const std::vector<std::string>& keys) override {
    std::vector<Row> found;
    if (keys.empty()) return found;
    // Qualified: a column may be named as the key list's own column (k.v).
    auto text = [&](const std::string& c) {
      return db::AsText(db(), "t." + db().Quote(c, "column name"));
    };
    std::string select = "SELECT " + text(key_column);
    for (const std::string& c : columns) select += ", " + text(c);
    auto written = written_from_.find(table);
    if (written == written_from_.end()) {
      ReadByKeys(select, table, key_column, keys, &found);
      return found;
    }
    const std::string sql = select + " FROM " + db().Quote(table, "table name") +
                            " AS t WHERE ctid >= '(" + std::to_string(written->second) +
                            ",0)'::tid";
    written_from_.erase(written);
    std::unordered_set<std::string_view> wanted(keys.begin(), keys.end());
    PGresult* result = PQexecParams(conn_, sql.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0);
    const bool ok = PQresultStatus(result) == PGRES_TUPLES_OK;
    if (ok) {
      AppendRows(result, &found, [&](int r) {
        const std::string_view key(PQgetvalue(result, r, 0),
                                   static_cast<size_t>(PQgetlength(result, r, 0)));
        return !PQgetisnull(result, r, 0) && wanted.erase(key) > 0;
      });
    }
    Check(result, ok, "reading " + table);
    if (!wanted.empty()) {
      std::vector<std::string> missing;
      for (const std::string& k : keys) {
        if (wanted.count(k)) missing.push_back(k);
      }
      ReadByKeys(select, table, key_column, missing, &found);
    }
    return found;
  }

 private:
  // The rows of `keys`, by key: one statement per kKeysPerRead keys, the keys sent as one array
  // parameter (SqlTarget's IN (:k1, …) binds thousands of parameters through SOCI, whose
  // parsing and row conversion cost more than the query). Each key is looked up on its own
  // (LATERAL, and OFFSET 0 keeps the planner from turning that into a join), which can only be
  // done through the key's index: `key = ANY($1)` on a table filled since its last ANALYZE
  // (every first load) is estimated to match every row and read with a sequential scan.
  void ReadByKeys(const std::string& select, const std::string& table,
                  const std::string& key_column, const std::vector<std::string>& keys,
                  std::vector<Row>* found) {
    const std::string sql = select + " FROM unnest($1::" + ColumnType(table, key_column) +
                            "[]) AS k(v) CROSS JOIN LATERAL (SELECT * FROM " +
                            db().Quote(table, "table name") + " WHERE " +
                            db().Quote(key_column, "column name") + " = k.v OFFSET 0) AS t";
    std::string array;
    for (size_t start = 0; start < keys.size(); start += kKeysPerRead) {
      const size_t end = std::min(keys.size(), start + kKeysPerRead);
      array = "{";
      for (size_t k = start; k < end; ++k) {
        if (k > start) array += ',';
        array += '"';
        for (char c : keys[k]) {
          if (c == '"' || c == '\\') array += '\\';
          array += c;
        }
        array += '"';
      }
      array += '}';
      const char* params[] = {array.c_str()};
      PGresult* result = PQexecParams(conn_, sql.c_str(), 1, nullptr, params, nullptr, nullptr, 0);
      const bool ok = PQresultStatus(result) == PGRES_TUPLES_OK;
      if (ok) AppendRows(result, found, [](int) { return true; });
      Check(result, ok, "reading " + table);
    }
  }

  // Appends the rows of `result` that `keep` (called with the row's number) keeps, as text.
  template <typename Keep>
  static void AppendRows(PGresult* result, std::vector<Row>* rows, Keep keep) {
    const int n = PQntuples(result);
    const int width = PQnfields(result);
    for (int r = 0; r < n; ++r) {
      if (!keep(r)) continue;
      Row row;
      row.reserve(static_cast<size_t>(width));
      for (int c = 0; c < width; ++c) {
        if (PQgetisnull(result, r, c)) {
          row.emplace_back();
        } else {
          row.emplace_back(std::in_place, PQgetvalue(result, r, c),
                           static_cast<size_t>(PQgetlength(result, r, c)));
        }
      }
      rows->push_back(std::move(row));
    }
  }

  // Before the first COPY of new rows into `table` since it was last read: the page they start
  // on (the last page, which may have room left, or the first one added), for Read. Only for a
  // plain table: a partitioned one has pages in each partition.
  void NoteWrittenPages(const std::string& table) {
    if (PQserverVersion(conn_) < 140000 || written_from_.count(table)) return;
    const auto rows = Catalog(
        "SELECT greatest(pg_relation_size(oid) / current_setting('block_size')::bigint - 1, 0) "
        "FROM pg_class WHERE oid = $1::regclass AND relkind = 'r'",
        {db().Quote(table, "table name")}, "reading the size of " + table);
    if (rows.size() == 1) written_from_[table] = std::stoll(rows[0][0]);
  }

  // The declared type of `table`.`column` ("uuid", "character varying(36)"), for casts.
  const std::string& ColumnType(const std::string& table, const std::string& column) {
    const std::string name = table + '.' + column;
    if (auto it = column_types_.find(name); it != column_types_.end()) return it->second;
    const auto rows = Catalog("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE "
                              "attrelid = $1::regclass AND attname = $2 AND NOT attisdropped",
                              {db().Quote(table, "table name"), column},
                              "reading the type of " + name);
    if (rows.size() != 1) {
      throw Error(ErrorCategory::kIo, "the target " + masked_url() + " has no column " + name);
    }
    return column_types_[name] = rows[0][0];
  }

  // The rows of a catalog query with text parameters, each value as text.
  std::vector<std::vector<std::string>> Catalog(const char* sql,
                                                const std::vector<std::string>& params,
                                                const std::string& doing) {
    std::vector<const char*> values;
    for (const std::string& p : params) values.push_back(p.c_str());
    PGresult* result = PQexecParams(conn_, sql, static_cast<int>(values.size()), nullptr,
                                    values.data(), nullptr, nullptr, 0);
    const bool ok = PQresultStatus(result) == PGRES_TUPLES_OK;
    std::vector<std::vector<std::string>> rows;
    for (int r = 0; ok && r < PQntuples(result); ++r) {
      rows.emplace_back();
      for (int c = 0; c < PQnfields(result); ++c) rows.back().push_back(PQgetvalue(result, r, c));
    }
    Check(result, ok, doing);
    return rows;
  }

  // Throws RowsRefused naming every row with a NULL in a NOT NULL column, in the words
  // PostgreSQL would use, before anything of the batch is sent.
  void RefuseMissingValues(const WriteSpec& spec, const std::vector<Row>& rows) {
    const std::vector<size_t>& not_null = not_null_.at(spec.table);
    if (not_null.empty()) return;
    std::map<size_t, std::string> refused;
    for (size_t r = 0; r < rows.size(); ++r) {
      for (size_t i : not_null) {
        if (rows[r][i]) continue;
        refused[r] = "ERROR:  null value in column \"" + spec.columns[i] + "\" of relation \"" +
                     spec.table + "\" violates not-null constraint";
        break;
      }
    }
    if (!refused.empty()) {
      const std::string first = refused.begin()->second;
      throw RowsRefused(first, std::move(refused));
    }
  }

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
  std::map<std::string, std::vector<size_t>> not_null_;  // target table → NOT NULL columns
  std::map<std::string, std::string> column_types_;       // "table.column" → its type
  std::map<std::string, int64_t> written_from_;  // table → the first page of its new rows
};

}  // namespace

std::unique_ptr<Target> MakePostgresTarget(std::unique_ptr<db::Database> db) {
  return std::make_unique<PostgresTarget>(std::move(db));
}

}  // namespace crm::loaders
