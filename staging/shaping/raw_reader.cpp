#include "staging/shaping/raw_reader.h"

#include <soci/sqlite3/soci-sqlite3.h>

#include "core/db/cells.h"
#include "core/db/staging_schema.h"

namespace crm::staging {
namespace {

namespace sq = sqlite_api;


std::string SelectSql(db::Database& db, const std::string& source,
                      const std::vector<std::string>& raw_columns, const std::string& load_param,
                      const std::string& row_param, const std::string& limit_param,
                      const std::string& load_prefix) {
  std::string sql = "SELECT " + db.Quote(db::kColRow) + ", " + db.Quote(db::kColLine) + ", " +
                    db.Quote(db::kColOffset) + ", " + db.Quote(db::kColHash);
  for (const std::string& c : raw_columns) sql += ", " + db.Quote(c, "raw column");
  sql += " FROM " + db.Quote(db::RawTableName(source)) + " WHERE " + load_prefix +
         db.Quote(db::kColLoad) + " = " + load_param + " AND " + db.Quote(db::kColRow) + " > " + row_param +
         " ORDER BY " + db.Quote(db::kColRow) + " LIMIT " + limit_param;
  return sql;
}

class SqliteRawReader : public RawReader {
 public:
  SqliteRawReader(db::Database& db, sq::sqlite3* conn, std::string sql, int64_t raw_load_id,
                  size_t columns)
      : db_(db), conn_(conn), raw_load_id_(raw_load_id), columns_(columns) {
    if (sq::sqlite3_prepare_v2(conn_, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) {
      throw Error(ErrorCategory::kIo, "reading raw rows on " + db_.masked_url() + ": " +
                                          sq::sqlite3_errmsg(conn_));
    }
  }
  ~SqliteRawReader() override { sq::sqlite3_finalize(stmt_); }

  bool Next(size_t max, std::vector<RawRow>* rows) override {
    rows->resize(max);
    size_t n = 0;
    sq::sqlite3_bind_int64(stmt_, 1, raw_load_id_);
    sq::sqlite3_bind_int64(stmt_, 2, last_row_);
    sq::sqlite3_bind_int64(stmt_, 3, static_cast<sq::sqlite3_int64>(max));
    int rc;
    while ((rc = sq::sqlite3_step(stmt_)) == SQLITE_ROW) {
      RawRow& r = (*rows)[n++];
      r.row_id = sq::sqlite3_column_int64(stmt_, 0);
      r.line = sq::sqlite3_column_type(stmt_, 1) == SQLITE_NULL ? -1
                                                                : sq::sqlite3_column_int64(stmt_, 1);
      r.offset = sq::sqlite3_column_type(stmt_, 2) == SQLITE_NULL
                     ? -1
                     : sq::sqlite3_column_int64(stmt_, 2);
      AssignText(3, &r.hash);
      r.values.resize(columns_);
      for (size_t c = 0; c < columns_; ++c) {
        int col = static_cast<int>(c + 4);
        if (sq::sqlite3_column_type(stmt_, col) == SQLITE_NULL) {
          r.values[c].reset();
        } else {
          // Assigned in place: a recycled row's strings keep their buffers (map_pool.h).
          if (!r.values[c]) r.values[c].emplace();
          AssignText(col, &*r.values[c]);
        }
      }
      last_row_ = r.row_id;
    }
    sq::sqlite3_reset(stmt_);
    if (rc != SQLITE_DONE) {
      throw Error(ErrorCategory::kIo, "reading raw rows on " + db_.masked_url() + ": " +
                                          sq::sqlite3_errmsg(conn_));
    }
    rows->resize(n);
    return n > 0;
  }

 private:
  void AssignText(int col, std::string* out) {
    const unsigned char* p = sq::sqlite3_column_text(stmt_, col);
    int size = sq::sqlite3_column_bytes(stmt_, col);
    if (p == nullptr) {
      out->clear();
    } else {
      out->assign(reinterpret_cast<const char*>(p), static_cast<size_t>(size));
    }
  }

  db::Database& db_;
  sq::sqlite3* conn_;
  sq::sqlite3_stmt* stmt_ = nullptr;
  int64_t raw_load_id_;
  size_t columns_;
  int64_t last_row_ = 0;
};

class SociRawReader : public RawReader {
 public:
  SociRawReader(db::Database& db, std::string sql, int64_t raw_load_id, size_t columns)
      : db_(db), sql_(std::move(sql)), raw_load_id_(raw_load_id), columns_(columns) {}

  bool Next(size_t max, std::vector<RawRow>* rows) override {
    rows->clear();
    db_.Guard("reading raw rows", [&] {
      long long load = raw_load_id_, last = last_row_, limit = static_cast<long long>(max);
      soci::rowset<soci::row> rs =
          (db_.session().prepare << sql_, soci::use(load), soci::use(last), soci::use(limit));
      for (const soci::row& row : rs) {
        RawRow r;
        r.row_id = db::CellInteger(row, 0).value_or(-1);
        r.line = db::CellInteger(row, 1).value_or(-1);
        r.offset = db::CellInteger(row, 2).value_or(-1);
        if (row.get_indicator(3) != soci::i_null) r.hash = row.get<std::string>(3);
        r.values.resize(columns_);
        for (size_t c = 0; c < columns_; ++c) {
          if (row.get_indicator(c + 4) != soci::i_null) r.values[c] = row.get<std::string>(c + 4);
        }
        last_row_ = r.row_id;
        rows->push_back(std::move(r));
      }
    });
    return !rows->empty();
  }

 private:
  db::Database& db_;
  std::string sql_;
  int64_t raw_load_id_;
  size_t columns_;
  int64_t last_row_ = 0;
};

}  // namespace

LoadSourceRow ReadLoadSource(db::Database& db, int64_t load_id, const std::string& source) {
  LoadSourceRow out;
  bool found = db.Guard("reading _load_sources", [&] {
    long long raw = 0, extracted = 0, suppressed = 0, rejected = 0, landed = 0;
    soci::indicator i1, i2, i3, i4;
    long long load = load_id;
    std::string src = source;
    db.session() << "SELECT " + db.Quote("raw_load_id") + ", " + db.Quote("extracted") + ", " +
                        db.Quote("suppressed") + ", " + db.Quote("rejected") + ", " +
                        db.Quote("landed") + " FROM " + db.Quote("_load_sources") + " WHERE " +
                        db.Quote("load_id") + " = :l AND " + db.Quote("source") + " = :s",
        soci::into(raw), soci::into(extracted, i1), soci::into(suppressed, i2),
        soci::into(rejected, i3), soci::into(landed, i4), soci::use(load), soci::use(src);
    if (!db.session().got_data()) return false;
    out.raw_load_id = raw;
    out.extracted = i1 == soci::i_ok ? extracted : 0;
    out.suppressed = i2 == soci::i_ok ? suppressed : 0;
    out.rejected = i3 == soci::i_ok ? rejected : 0;
    out.landed = i4 == soci::i_ok ? landed : 0;
    return true;
  });
  if (!found) {
    throw Error(ErrorCategory::kInternal, "load " + std::to_string(load_id) +
                                              " has no _load_sources row for source '" + source +
                                              "': land it before shaping");
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> ReadSourceColumns(db::Database& db,
                                                                   int64_t raw_load_id,
                                                                   const std::string& source) {
  std::vector<std::pair<std::string, std::string>> out;
  db.Guard("reading _source_columns", [&] {
    long long raw = raw_load_id;
    std::string src = source;
    soci::rowset<soci::row> rs =
        (db.session().prepare << "SELECT " + db.Quote("source_name") + ", " +
                                     db.Quote("raw_column") + " FROM " +
                                     db.Quote("_source_columns") + " WHERE " +
                                     db.Quote("raw_load_id") + " = :r AND " + db.Quote("source") +
                                     " = :s ORDER BY " + db.Quote("position"),
         soci::use(raw), soci::use(src));
    for (const soci::row& row : rs) {
      out.emplace_back(row.get<std::string>(0), row.get<std::string>(1));
    }
  });
  return out;
}

std::vector<std::string> SampleRawColumn(db::Database& db, const std::string& source,
                                         int64_t raw_load_id, const std::string& raw_column,
                                         size_t limit) {
  std::vector<std::string> out;
  // Unary plus on SQLite: see MakeRawReader.
  std::string prefix = db.session().get_backend_name() == "sqlite3" ? "+" : "";
  std::string column = db.Quote(raw_column, "raw column");
  db.Guard("sampling raw rows", [&] {
    long long raw = raw_load_id, n = static_cast<long long>(limit);
    soci::rowset<soci::row> rs =
        (db.session().prepare << "SELECT " + column + " FROM " +
                                     db.Quote(db::RawTableName(source)) + " WHERE " + prefix +
                                     db.Quote(db::kColLoad) + " = :l AND " + column +
                                     " IS NOT NULL ORDER BY " + db.Quote(db::kColRow) +
                                     " LIMIT :n",
         soci::use(raw), soci::use(n));
    for (const soci::row& row : rs) out.push_back(row.get<std::string>(0));
  });
  return out;
}

std::unique_ptr<RawReader> MakeRawReader(db::Database& db, const std::string& source,
                                         int64_t raw_load_id,
                                         const std::vector<std::string>& raw_columns) {
  // The backend's type information is not exported by libsoci_sqlite3: ask its name instead.
  if (db.session().get_backend_name() == "sqlite3") {
    // Unary plus keeps SQLite off the (_crm_load, _crm_hash) index: walking the rowid range is
    // linear, while that index made every page scan and sort the whole load.
    auto* backend = static_cast<soci::sqlite3_session_backend*>(db.session().get_backend());
    return std::make_unique<SqliteRawReader>(db, backend->conn_,
                                             SelectSql(db, source, raw_columns, "?1", "?2", "?3", "+"),
                                             raw_load_id, raw_columns.size());
  }
  return std::make_unique<SociRawReader>(
      db, SelectSql(db, source, raw_columns, ":l", ":r", ":n", ""), raw_load_id, raw_columns.size());
}

}  // namespace crm::staging
