// raw_<source> through SOCI's bulk binding (MySQL/MariaDB, ODBC): one prepared INSERT executed
// once per batch with a vector per column. Slower than the native paths (NOTES.md: ~1.5x on
// SQLite) but portable to any database with dialect traits.
#include "core/db/dialect.h"
#include "core/db/staging_schema.h"
#include "staging/landing/hash.h"
#include "staging/landing/raw_writer.h"

namespace crm::staging {
namespace {

class SociRawWriter : public RawWriter {
 public:
  SociRawWriter(db::Database& db, const RawTarget& target)
      : db_(db),
        target_(target),
        values_(target.value_columns.size()),
        indicators_(target.value_columns.size()) {
    sql_ = db::InsertSql(db.traits(), target.table, WrittenColumns(target));
  }

  ~SociRawWriter() override { Abort(); }

  void Begin() override {
    db_.Guard("starting a transaction on " + target_.table, [&] { db_.session().begin(); });
    open_ = true;
  }

  void WriteBatch(const RowBatch& batch) override {
    if (batch.rows.empty()) return;
    const size_t n = batch.rows.size();
    loads_.assign(n, target_.load_id);
    runs_.assign(n, target_.run_id);
    lines_.resize(n);
    offsets_.resize(n);
    offset_indicators_.resize(n);
    hashes_.resize(n);
    for (size_t row = 0; row < n; ++row) {
      lines_[row] = batch.rows[row].line;
      offsets_[row] = batch.rows[row].offset < 0 ? 0 : batch.rows[row].offset;
      offset_indicators_[row] = batch.rows[row].offset < 0 ? soci::i_null : soci::i_ok;
      hashes_[row] = Hex64(batch.rows[row].hash);
    }
    for (size_t column = 0; column < batch.width; ++column) {
      values_[column].resize(n);
      indicators_[column].resize(n);
      for (size_t row = 0; row < n; ++row) {
        const bool is_null = batch.IsNull(row, column);
        values_[column][row].assign(is_null ? std::string_view() : batch.Cell(row, column));
        indicators_[column][row] = is_null ? soci::i_null : soci::i_ok;
      }
    }
    db_.Guard("inserting into " + target_.table, [&] {
      soci::statement st(db_.session());
      st.exchange(soci::use(loads_));
      st.exchange(soci::use(runs_));
      st.exchange(soci::use(lines_));
      st.exchange(soci::use(offsets_, offset_indicators_));
      st.exchange(soci::use(hashes_));
      for (size_t column = 0; column < batch.width; ++column) {
        st.exchange(soci::use(values_[column], indicators_[column]));
      }
      st.alloc();
      st.prepare(sql_);
      st.define_and_bind();
      st.execute(true);
    });
  }

  void Commit() override {
    db_.Guard("committing " + target_.table, [&] { db_.session().commit(); });
    open_ = false;
  }

  void Abort() noexcept override {
    if (!open_) return;
    open_ = false;
    try {
      db_.session().rollback();
    } catch (const std::exception&) {
      // The connection is already broken; the caller is reporting the first error.
    }
  }

 private:
  db::Database& db_;
  RawTarget target_;
  std::string sql_;
  std::vector<long long> loads_, runs_, lines_, offsets_;
  std::vector<soci::indicator> offset_indicators_;
  std::vector<std::string> hashes_;
  std::vector<std::vector<std::string>> values_;
  std::vector<std::vector<soci::indicator>> indicators_;
  bool open_ = false;
};

}  // namespace

std::unique_ptr<RawWriter> MakeSociRawWriter(db::Database& db, const RawTarget& target) {
  return std::make_unique<SociRawWriter>(db, target);
}

std::vector<std::string> WrittenColumns(const RawTarget& target) {
  std::vector<std::string> columns{std::string(db::kColLoad), std::string(db::kColRun),
                                   std::string(db::kColLine), std::string(db::kColOffset),
                                   std::string(db::kColHash)};
  columns.insert(columns.end(), target.value_columns.begin(), target.value_columns.end());
  return columns;
}

std::unique_ptr<RawWriter> MakeRawWriter(db::Database& db, const RawTarget& target) {
  switch (db.url().dialect) {
    case db::Dialect::kSqlite:
      return MakeSqliteRawWriter(db, target);
    case db::Dialect::kPostgresql:
      return MakePostgresRawWriter(db, target);
    default:
      return MakeSociRawWriter(db, target);
  }
}

}  // namespace crm::staging
