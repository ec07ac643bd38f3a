#include "tests/loaders/cutover_harness.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/common/error.h"
#include "core/common/progress.h"
#include "core/common/text.h"
#include "core/db/staging_schema.h"
#include "loaders/sql/sql_target.h"
#include "staging/stage.h"
#include "tests/support/cell_text.h"

namespace fs = std::filesystem;

namespace crm::loaders::testing {
namespace {

Progress& Silent() {
  static std::unique_ptr<Progress> progress = [] {
    ProgressOptions options;
    options.style = ProgressStyle::kQuiet;
    return MakeProgress(options);
  }();
  return *progress;
}

class FailingTarget : public Target {
 public:
  FailingTarget(std::unique_ptr<Target> inner, int fail_at)
      : inner_(std::move(inner)), fail_at_(fail_at) {}
  const std::string& masked_url() const override { return inner_->masked_url(); }
  const db::DialectTraits* dialect() const override { return inner_->dialect(); }
  bool is_database() const override { return inner_->is_database(); }
  TargetTable Describe(const std::string& t) override { return inner_->Describe(t); }
  void Create(const CreateSpec& t) override { inner_->Create(t); }
  void Prepare(const WriteSpec& s) override { inner_->Prepare(s); }
  void Begin() override { inner_->Begin(); }
  void Commit() override { inner_->Commit(); }
  void Rollback() override { inner_->Rollback(); }
  void Savepoint(const std::string& n) override { inner_->Savepoint(n); }
  void ReleaseSavepoint(const std::string& n) override { inner_->ReleaseSavepoint(n); }
  void RollbackToSavepoint(const std::string& n) override { inner_->RollbackToSavepoint(n); }
  void Write(const WriteSpec& s, const std::vector<Row>& rows) override {
    if (++writes_ == fail_at_) {
      // Half of the rows reach the target before the connection drops: the transaction that is
      // rolled back here must leave nothing of them.
      std::vector<Row> half(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(rows.size() / 2));
      try {
        inner_->Write(s, half);
      } catch (const RowsRefused&) {
        // The connection drops whatever the server thought of the rows.
      }
      throw Error(ErrorCategory::kIo, "simulated crash at write " + std::to_string(writes_));
    }
    inner_->Write(s, rows);
  }
  std::vector<Row> Read(const std::string& t, const std::string& k,
                        const std::vector<std::string>& c,
                        const std::vector<std::string>& keys) override {
    return inner_->Read(t, k, c, keys);
  }
  void Delete(const std::string& t, const std::vector<std::string>& k,
              const std::vector<std::vector<std::string>>& keys) override {
    inner_->Delete(t, k, keys);
  }
  void DeleteAll(const std::string& t) override { inner_->DeleteAll(t); }
  int64_t Count(const std::string& t) override { return inner_->Count(t); }
  void Finish(bool keep) override { inner_->Finish(keep); }

 private:
  std::unique_ptr<Target> inner_;
  int fail_at_;
  int writes_ = 0;
};

}  // namespace

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string StageStep(const spec::Spec& spec, db::Database& staging, db::Journal& journal) {
  staging::StageOptions options;
  options.run_id = journal.BeginRun({.command = "stage"});
  try {
    staging::StageResult result = staging::RunStage(spec, staging, journal, options, Silent());
    journal.FinishRun(options.run_id, db::kOutcomeOk, 0, {});
    return "  stage ok load=" + std::to_string(result.load_id) + "\n";
  } catch (const Error& e) {
    journal.FinishRun(options.run_id, db::kOutcomeFailed, e.exit_code(), {});
    return std::string("  error ") + CategoryName(e.category()) + ": " + e.what() + "\n";
  }
}

std::string CutoverStep(const spec::Spec& spec, db::Database& staging, db::Journal& journal,
                        CutoverOptions options, int64_t* run_id) {
  options.run_id = journal.BeginRun({.command = "cutover",
                                     .spec_path = spec.path,
                                     .spec_sha256 = spec.sha256,
                                     .options_json = options.dry_run ? "{\"dry-run\":true}" : "{}"});
  if (run_id) *run_id = options.run_id;
  std::ostringstream out;
  try {
    CutoverResult r = RunCutover(spec, staging, journal, options, Silent());
    const int exit_code = r.gate_failures.empty() ? 0 : 1;
    journal.FinishRun(options.run_id, exit_code ? db::kOutcomeGateFailed : db::kOutcomeOk,
                      exit_code, {});
    out << "  run " << options.run_id << " cutover " << r.cutover_id
        << (r.dry_run ? " dry-run" : "") << " exit " << exit_code << "\n";
    for (const EntityOutcome& e : r.entities) {
      out << "  " << e.entity << " -> " << e.table << ": staged=" << e.staged
          << " golden=" << e.golden << " inserted=" << e.inserted << " updated=" << e.updated
          << " unchanged=" << e.unchanged << " rejected=" << e.rejected
          << " skipped=" << e.skipped << " unresolved=" << e.unresolved
          << " links=" << e.links_inserted << " target_rows=" << e.target_rows
          << " checksums " << (e.checksum_loaded == e.checksum_target ? "match" : "differ");
      // Value rows only where a spec has them, so the other cases' expected text stands.
      if (e.values_inserted) out << " values=" << e.values_inserted;
      out << "\n";
      for (const std::string& f : e.failures) out << "    failure " << f << "\n";
      for (const std::string& d : e.differences) out << "    difference " << d << "\n";
    }
    for (const std::string& n : r.notes) out << "  note " << n << "\n";
    for (const std::string& w : r.warnings) out << "  warning " << w << "\n";
    for (const std::string& g : r.gate_failures) out << "  gate " << g << "\n";
    if (!r.crosswalk.empty()) out << "  crosswalk " << fs::path(r.crosswalk).filename().string() << "\n";
  } catch (const Error& e) {
    journal.FinishRun(options.run_id, db::kOutcomeFailed, e.exit_code(), {});
    out << "  error " << CategoryName(e.category()) << " (exit " << e.exit_code()
        << "): " << e.what() << "\n";
  }
  return out.str();
}

std::string RollbackStep(const spec::Spec& spec, db::Database& staging, db::Journal& journal,
                         int64_t cutover_id, const std::string& target_url) {
  RollbackOptions options;
  options.run_id = journal.BeginRun({.command = "rollback"});
  options.cutover_id = cutover_id;
  options.target_url = target_url;
  std::ostringstream out;
  try {
    RollbackResult r = RunRollback(spec, staging, journal, options, Silent());
    journal.FinishRun(options.run_id, db::kOutcomeOk, 0, {});
    out << "  rollback deleted=" << r.deleted << " restored=" << r.restored
        << " links_deleted=" << r.links_deleted << " verified=" << r.verified;
    if (r.values_deleted) out << " values_deleted=" << r.values_deleted;
    out << "\n";
  } catch (const Error& e) {
    journal.FinishRun(options.run_id, db::kOutcomeFailed, e.exit_code(), {});
    out << "  error " << CategoryName(e.category()) << " (exit " << e.exit_code()
        << "): " << e.what() << "\n";
  }
  return out.str();
}

std::string RenderTarget(const std::string& url, const std::string& base_dir) {
  db::DatabaseUrl parsed = db::ParseDatabaseUrl(url, base_dir);
  std::ostringstream out;
  if (parsed.dialect == db::Dialect::kCsv) {
    std::vector<fs::path> files;
    if (fs::is_directory(parsed.path)) {
      for (const auto& entry : fs::directory_iterator(parsed.path)) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) {
      out << f.filename().string() << "\n";
      for (const std::string& line : Split(ReadFile(f), '\n')) {
        if (!line.empty()) out << "  " << line << "\n";
      }
    }
    return out.str();
  }
  if (parsed.dialect == db::Dialect::kSqlite && !fs::exists(parsed.path)) return "(no target)\n";
  std::unique_ptr<db::Database> db;
  try {
    db = db::Database::Connect(parsed, {.create = false});
  } catch (const Error&) {
    return "(target unreachable)\n";
  }
  for (const std::string& table : db->ListTables()) {
    std::vector<std::string> columns = db->ListColumns(table);
    std::string order;
    for (size_t i = 1; i <= columns.size(); ++i) order += (i > 1 ? ", " : "") + std::to_string(i);
    out << table << "\n";
    soci::rowset<soci::row> rows =
        (db->session().prepare << "SELECT * FROM " + db->Quote(table) + " ORDER BY " + order);
    for (const soci::row& r : rows) {
      out << " ";
      for (size_t i = 0; i < r.size(); ++i) {
        // The loaders' own reading of a cell: any type (timestamps, UUIDs, booleans) as text.
        Value v = loaders::CellText(r, i);
        out << " " << columns[i] << "=" << (v ? "\"" + *v + "\"" : std::string("NULL"));
      }
      out << "\n";
    }
  }
  return out.str();
}

std::string RenderCutoverRejects(db::Database& staging) {
  std::ostringstream out;
  out << "_rejects (cutover)\n";
  soci::rowset<soci::row> rows =
      (staging.session().prepare
       << "SELECT run_id, entity, source, line, kind, column_name, message FROM _rejects WHERE "
          "phase = 'cutover' ORDER BY id");
  for (const soci::row& r : rows) {
    out << "  run=" << crm::testing::CellText(r, 0) << " entity=" << crm::testing::CellText(r, 1)
        << " source=" << crm::testing::CellText(r, 2) << " line=" << crm::testing::CellText(r, 3)
        << " kind=" << crm::testing::CellText(r, 4) << " column=" << crm::testing::CellText(r, 5)
        << " message=" << crm::testing::CellText(r, 6) << "\n";
  }
  return out.str();
}

void ExecuteScript(db::Database& db, const std::string& sql) {
  std::string statement;
  for (const std::string& line : Split(sql, '\n')) {
    std::string_view trimmed = TrimView(line);
    if (trimmed.rfind("--", 0) == 0) continue;
    statement += line + "\n";
    if (!trimmed.empty() && trimmed.back() == ';') {
      statement.erase(statement.find_last_of(';'));
      db.Execute(statement);
      statement.clear();
    }
  }
  if (!TrimView(statement).empty()) db.Execute(statement);
}

std::function<std::unique_ptr<Target>(std::unique_ptr<Target>)> FailAtWrite(int fail_at) {
  return [fail_at](std::unique_ptr<Target> inner) -> std::unique_ptr<Target> {
    return std::make_unique<FailingTarget>(std::move(inner), fail_at);
  };
}

}  // namespace crm::loaders::testing
