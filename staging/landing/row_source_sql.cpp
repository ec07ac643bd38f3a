// SQL sources through SOCI: one rowset streamed row by row (the driver fetches in its own
// batches), every value turned into text here so raw_<source> is text on every staging dialect.

#include "core/common/error.h"
#include "core/db/cells.h"
#include "core/db/database.h"
#include "staging/landing/row_source.h"

namespace crm::staging {
namespace {

// After this many rows in a row that the driver cannot convert, the statement is taken to be
// broken rather than the data bad.
constexpr int kMaxConsecutiveFailures = 100;

void AppendEscaped(std::string_view value, std::string* out) {
  for (char c : value) {
    switch (c) {
      case '\\':
        *out += "\\\\";
        break;
      case '\t':
        *out += "\\t";
        break;
      case '\n':
        *out += "\\n";
        break;
      case '\r':
        *out += "\\r";
        break;
      default:
        *out += c;
    }
  }
}

class SqlSource : public RowSource {
 public:
  SqlSource(std::unique_ptr<db::Database> db, const std::string& sql) : db_(std::move(db)) {
    db_->Guard("running the source query", [&] {
      rowset_ = std::make_unique<soci::rowset<soci::row>>(db_->session().prepare << sql);
      it_ = rowset_->begin();
      if (it_ != rowset_->end()) {
        for (size_t i = 0; i < it_->size(); ++i) {
          columns_.push_back(it_->get_properties(i).get_name());
        }
      }
    });
  }

  const std::vector<std::string>& columns() const override { return columns_; }
  bool has_offsets() const override { return false; }

  bool Next(readers::Record* record) override {
    if (started_) {
      try {
        ++it_;
        failures_ = 0;
      } catch (const std::exception& e) {
        ++row_number_;
        raw_.clear();
        if (++failures_ > kMaxConsecutiveFailures) {
          db_->ThrowTranslated(e, "reading the source query", ErrorCategory::kIo);
        }
        MakeReject(record, std::string("the driver could not read the row: ") + e.what());
        return true;
      }
    }
    started_ = true;
    if (it_ == rowset_->end()) return false;
    ++row_number_;
    const soci::row& row = *it_;
    values_.assign(row.size(), std::string());
    record->is_reject = false;
    record->line = row_number_;
    record->offset = 0;
    record->fields.resize(row.size());
    raw_.clear();
    for (size_t i = 0; i < row.size(); ++i) {
      if (i > 0) raw_ += '\t';
      if (row.get_indicator(i) == soci::i_null) {
        record->fields[i] = {std::string_view(), true};
        raw_ += "\\N";
        continue;
      }
      try {
        values_[i] = db::CellText(row, i);
      } catch (const std::exception& e) {
        MakeReject(record, e.what());
        record->column = i + 1;
        return true;
      }
      AppendEscaped(values_[i], &raw_);
      record->fields[i] = {values_[i], false};
    }
    record->raw = raw_;
    return true;
  }

 private:
  void MakeReject(readers::Record* record, std::string message) {
    record->is_reject = true;
    record->line = row_number_;
    record->offset = 0;
    record->error_offset = 0;
    record->kind = RejectKind::kSourceError;
    record->column = 0;
    record->fields.clear();
    record->raw = raw_;
    record->message = db::MaskSecrets(message, db_->url());
  }

  std::unique_ptr<db::Database> db_;
  std::unique_ptr<soci::rowset<soci::row>> rowset_;
  soci::rowset<soci::row>::const_iterator it_;
  std::vector<std::string> columns_;
  std::vector<std::string> values_;
  std::string raw_;
  uint64_t row_number_ = 0;
  bool started_ = false;
  int failures_ = 0;
};

}  // namespace

OpenedSource OpenSqlSource(const spec::Spec& spec, const spec::Source& source) {
  std::unique_ptr<db::Database> db =
      db::Database::Connect(source.connect, spec.base_dir, {.create = false, .read_only = true});
  const std::string sql = source.query.empty()
                              ? "SELECT * FROM " + db->Quote(source.table, "table name")
                              : source.query;
  OpenedSource opened;
  opened.settings = "sql " + db->masked_url() + " " + sql;
  opened.decisions.push_back("query: " + sql);
  opened.rows = std::make_unique<SqlSource>(std::move(db), sql);
  return opened;
}

}  // namespace crm::staging
