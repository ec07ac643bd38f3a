// CSV export: one file per target table (entities and link tables) in the folder of a `csv:`
// URL, in the shape SaaS CRM import tools take: a header row, the record's id and external id,
// and for every reference the parent's target id and external id. Values follow the empty-field
// rule of every reader and target here: NULL is an empty unquoted field, an empty string is "".
//
// Transactions are buffers: a batch is appended to `<table>.csv.part` at Commit and dropped at
// Rollback; Finish(keep) moves the .part files into place only when the whole export succeeded,
// so an interrupted export never leaves a half file where an import tool would pick it up. An
// export always writes every file from the start (a resume exports again), which is what makes
// it idempotent: no file ever holds a row twice.
#include <filesystem>
#include <fstream>
#include <map>

#include "core/common/error.h"
#include "loaders/sql/sql_target.h"

namespace crm::loaders {
namespace {

namespace fs = std::filesystem;

void AppendCsvField(const Value& value, std::string* out) {
  if (!value) return;
  const std::string& s = *value;
  if (!s.empty() && s.find_first_of(",\"\r\n") == std::string::npos) {
    out->append(s);
    return;
  }
  out->push_back('"');
  for (char c : s) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

class CsvTarget : public Target {
 public:
  CsvTarget(const db::DatabaseUrl& url, const TargetOptions& options)
      : masked_(url.masked), folder_(url.path), dry_run_(options.dry_run) {
    if (dry_run_) return;
    std::error_code ec;
    fs::create_directories(folder_, ec);
    if (ec || !fs::is_directory(folder_)) {
      throw Error(ErrorCategory::kIo, "cannot create the export folder " + masked_ + ": " +
                                          (ec ? ec.message() : "not a folder"));
    }
  }

  ~CsvTarget() override { Finish(false); }

  const std::string& masked_url() const override { return masked_; }
  const db::DialectTraits* dialect() const override { return nullptr; }
  bool is_database() const override { return false; }

  // Every table "exists" with the columns it is given: the export defines its own shape.
  TargetTable Describe(const std::string& table) override {
    (void)table;
    return TargetTable{};
  }
  void Create(const CreateSpec& table) override { (void)table; }

  void Prepare(const WriteSpec& spec) override {
    if (files_.count(spec.table)) return;
    File& file = files_[spec.table];
    file.path = fs::path(folder_) / (spec.table + ".csv");
    std::string header;
    for (size_t i = 0; i < spec.columns.size(); ++i) {
      if (i) header += ',';
      AppendCsvField(spec.columns[i], &header);
    }
    header += "\r\n";
    if (dry_run_) return;
    std::ofstream out(Part(file), std::ios::binary | std::ios::trunc);
    out << header;
    if (!out) Fail("writing " + Part(file).string());
  }

  void Begin() override { Clear(); }
  void Commit() override {
    for (auto& [table, file] : files_) {
      if (file.buffer.empty()) continue;
      if (!dry_run_) {
        std::ofstream out(Part(file), std::ios::binary | std::ios::app);
        out << file.buffer;
        out.flush();
        if (!out) Fail("writing " + Part(file).string());
      }
      file.rows += file.pending;
      file.buffer.clear();
      file.pending = 0;
    }
    marks_.clear();
  }
  void Rollback() override {
    Clear();
    marks_.clear();
  }
  void Savepoint(const std::string& name) override {
    auto& mark = marks_[name];
    mark.clear();
    for (auto& [table, file] : files_) mark[table] = {file.buffer.size(), file.pending};
  }
  void ReleaseSavepoint(const std::string& name) override { marks_.erase(name); }
  void RollbackToSavepoint(const std::string& name) override {
    for (auto& [table, file] : files_) {
      auto it = marks_[name].find(table);
      file.buffer.resize(it == marks_[name].end() ? 0 : it->second.first);
      file.pending = it == marks_[name].end() ? 0 : it->second.second;
    }
  }

  void Write(const WriteSpec& spec, const std::vector<Row>& rows) override {
    Prepare(spec);
    File& file = files_.at(spec.table);
    for (const Row& row : rows) {
      for (size_t i = 0; i < row.size(); ++i) {
        if (i) file.buffer += ',';
        AppendCsvField(row[i], &file.buffer);
      }
      file.buffer += "\r\n";
      ++file.pending;
    }
  }

  std::vector<Row> Read(const std::string&, const std::string&, const std::vector<std::string>&,
                        const std::vector<std::string>&) override {
    return {};
  }
  void Delete(const std::string& table, const std::vector<std::string>&,
              const std::vector<std::vector<std::string>>&) override {
    throw Error(ErrorCategory::kUsage, "cannot delete rows from the CSV export " + masked_ + "/" +
                                           table + ".csv: remove the files instead");
  }
  void DeleteAll(const std::string& table) override { (void)table; }
  int64_t Count(const std::string& table) override {
    auto it = files_.find(table);
    return it == files_.end() ? 0 : it->second.rows;
  }

  void Finish(bool keep) override {
    for (auto& [table, file] : files_) {
      if (dry_run_ || !fs::exists(Part(file))) continue;
      std::error_code ec;
      if (keep) {
        fs::rename(Part(file), file.path, ec);
        if (ec) Fail("moving " + Part(file).string() + " into place: " + ec.message());
      } else {
        fs::remove(Part(file), ec);
      }
    }
    if (keep) files_.clear();
  }

 private:
  struct File {
    fs::path path;
    std::string buffer;    // rows of the open transaction
    int64_t pending = 0;   // rows in buffer
    int64_t rows = 0;      // rows committed
  };

  static fs::path Part(const File& file) { return fs::path(file.path.string() + ".part"); }

  void Clear() {
    for (auto& [table, file] : files_) {
      file.buffer.clear();
      file.pending = 0;
    }
  }

  [[noreturn]] void Fail(const std::string& what) {
    throw Error(ErrorCategory::kIo, "CSV export " + masked_ + ": " + what);
  }

  std::string masked_;
  std::string folder_;
  bool dry_run_;
  std::map<std::string, File> files_;
  std::map<std::string, std::map<std::string, std::pair<size_t, int64_t>>> marks_;
};

}  // namespace

std::unique_ptr<Target> MakeCsvTarget(const db::DatabaseUrl& url, const TargetOptions& options) {
  return std::make_unique<CsvTarget>(url, options);
}

}  // namespace crm::loaders
