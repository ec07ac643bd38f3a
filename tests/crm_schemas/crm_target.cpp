#include "tests/crm_schemas/crm_target.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "core/common/progress.h"
#include "core/common/text.h"
#include "core/db/staging_schema.h"
#include "loaders/sql/sql_target.h"
#include "tests/loaders/cutover_harness.h"
#include "validators/validate.h"

namespace fs = std::filesystem;

namespace crm::loaders::testing {
namespace {

fs::path SharedData() { return fs::path(CRM_SOURCE_DIR) / "../shared/data"; }

// Statements of a MySQL-flavoured script: `--` comments dropped (Dolibarr writes them after the
// SQL on the same line, sometimes without the space MySQL wants), split at semicolons.
std::vector<std::string> Statements(const std::string& sql) {
  std::string text;
  for (const std::string& line : Split(sql, '\n')) {
    const size_t comment = line.find("--");
    text += (comment == std::string::npos ? line : line.substr(0, comment)) + "\n";
  }
  std::vector<std::string> out;
  for (const std::string& statement : Split(text, ';')) {
    if (!TrimView(statement).empty()) out.push_back(std::string(TrimView(statement)));
  }
  return out;
}

std::vector<std::string> Dolibarr(db::Dialect dialect) {
  const fs::path dir = SharedData() / "crm_schema_dolibarr";
  std::vector<std::string> creates, keys;
  for (const char* file : {"llx_societe.sql", "llx_socpeople.sql"}) {
    for (std::string& s : Statements(ReadFile(dir / file))) creates.push_back(std::move(s));
  }
  for (const char* file : {"llx_societe.key.sql", "llx_socpeople.key.sql"}) {
    for (std::string& s : Statements(ReadFile(dir / file))) {
      // llx_user is not part of the provided DDL: its foreign keys cannot be made.
      if (s.find("REFERENCES llx_user") != std::string::npos) continue;
      keys.push_back(std::move(s));
    }
  }
  keys.push_back("ALTER TABLE llx_societe ADD UNIQUE INDEX uk_societe_ref_ext (ref_ext)");
  keys.push_back("ALTER TABLE llx_socpeople ADD UNIQUE INDEX uk_socpeople_ref_ext (ref_ext)");
  if (dialect == db::Dialect::kMysql) {
    creates.insert(creates.end(), keys.begin(), keys.end());
    return creates;
  }
  static const std::regex index(
      R"(ALTER TABLE (\w+) ADD (UNIQUE )?INDEX\s*(\w+)\s*\(([^)]*)\))", std::regex::icase);
  static const std::regex foreign(
      R"(ALTER TABLE (\w+) ADD (CONSTRAINT \w+\s+FOREIGN KEY\s*\([^)]*\)\s*REFERENCES\s+\w+\s*\([^)]*\)))",
      std::regex::icase);
  std::map<std::string, std::vector<std::string>> foreign_keys;
  std::vector<std::string> indexes;
  for (const std::string& k : keys) {
    std::smatch m;
    if (std::regex_search(k, m, foreign)) {
      foreign_keys[m[1]].push_back(m[2]);
    } else if (std::regex_search(k, m, index)) {
      indexes.push_back("CREATE " + std::string(m[2]) + "INDEX " + std::string(m[3]) + " ON " +
                        std::string(m[1]) + " (" + std::string(m[4]) + ")");
    } else {
      FAIL("no SQLite form for the Dolibarr key statement: " << k);
    }
  }
  std::vector<std::string> out;
  static const std::regex name(R"(create table (\w+))", std::regex::icase);
  for (std::string create : creates) {
    create = std::regex_replace(create, std::regex("integer AUTO_INCREMENT PRIMARY KEY",
                                                   std::regex::icase),
                                "INTEGER PRIMARY KEY AUTOINCREMENT");
    create = std::regex_replace(create, std::regex(R"(\)\s*ENGINE=\w+\s*$)", std::regex::icase),
                                ")");
    create = std::regex_replace(create, std::regex("ON UPDATE CURRENT_TIMESTAMP",
                                                   std::regex::icase), "");
    std::smatch m;
    REQUIRE(std::regex_search(create, m, name));
    for (const std::string& fk : foreign_keys[m[1]]) {
      create.insert(create.find_last_of(')'), ",\n  " + fk + "\n");
    }
    out.push_back(create);
  }
  out.insert(out.end(), indexes.begin(), indexes.end());
  return out;
}

Progress& Quiet() {
  static std::unique_ptr<Progress> progress = [] {
    ProgressOptions options;
    options.style = ProgressStyle::kQuiet;
    return MakeProgress(options);
  }();
  return *progress;
}

}  // namespace

std::vector<std::string> SchemaStatements(Crm crm, db::Dialect dialect) {
  if (crm == Crm::kDolibarr) return Dolibarr(dialect);
  const fs::path file = SharedData() / "crm_schema_suitecrm" /
                        (dialect == db::Dialect::kMysql ? "suitecrm_core_subset.mysql.sql"
                                                        : "suitecrm_core_subset.sqlite.sql");
  return Statements(ReadFile(file));
}

std::string SqliteCrmTarget(Crm crm, const fs::path& file) {
  fs::remove(file);
  const std::string url = "sqlite:" + file.string();
  auto db = db::Database::Connect(url, "", {.create = true});
  for (const std::string& sql : SchemaStatements(crm, db::Dialect::kSqlite)) db->Execute(sql);
  return url;
}

CrmSample::CrmSample(Crm crm, const std::string& name, std::string target_url)
    : dir_(fs::temp_directory_path() / ("crm_schemas_" + name + "_" + std::to_string(getpid()))),
      target_url_(std::move(target_url)) {
  fs::remove_all(dir_);
  fs::copy(fs::path(CRM_SOURCE_DIR) / "samples/acme", dir_, fs::copy_options::recursive);
  fs::remove_all(dir_ / "work");
  // The sample has no person with two addresses: this second legacy record of L-1001's person
  // (same name, birth date and postal code, another address; Windows-1252 like the file) merges
  // into L-1001's golden record through the match rule on names, so that golden contact keeps
  // an address as a secondary value.
  std::ofstream(dir_ / "data/legacy_contacts.csv", std::ios::binary | std::ios::app)
      << "1999;A003;Mr.;Jo\xe3o;;Ara\xfajo;joao.araujo@work.example;;;5th Avenue 153;37031;"
         "Chicago;\xc9tats-Unis;10-08-1945;prospect;2016-11-28;2023-11-30 16:54:43;nee;\r\n";
  const char* folder = crm == Crm::kSuitecrm ? "suitecrm" : "dolibarr";
  spec_ = spec::LoadSpec((dir_ / "targets" / folder / "migration.yaml").string());
  staging_ = db::OpenStaging(spec_.staging_url, spec_.base_dir);
  journal_ = std::make_unique<db::Journal>(*staging_);
  REQUIRE(StageStep(spec_, *staging_, *journal_).find("stage ok") != std::string::npos);
  // The contacts have `match`: their golden records (and secondary e-mails) come from identity
  // resolution.
  validate::ValidateOptions identity;
  identity.run_id = journal_->BeginRun({.command = "validate"});
  identity.only = "identity";
  validate::RunValidate(spec_, *staging_, *journal_, identity, Quiet());
  journal_->FinishRun(identity.run_id, db::kOutcomeOk, 0, {});
}

CrmSample::~CrmSample() { fs::remove_all(dir_); }

std::string CrmSample::Cutover(CutoverOptions options, int64_t* run_id) {
  options.target_url = target_url_;
  return CutoverStep(spec_, *staging_, *journal_, options, run_id);
}

std::string CrmSample::Rollback(int64_t run) {
  return RollbackStep(spec_, *staging_, *journal_, run, target_url_);
}

std::string CrmSample::Target() const { return RenderTarget(target_url_, spec_.base_dir); }

std::string CrmSample::Query(const std::string& sql) const {
  auto db = db::Database::Connect(target_url_, spec_.base_dir);
  std::ostringstream out;
  soci::rowset<soci::row> rows = (db->session().prepare << sql);
  for (const soci::row& r : rows) {
    for (size_t i = 0; i < r.size(); ++i) {
      const Value v = CellText(r, i);
      out << (i ? "|" : "") << v.value_or("NULL");
    }
    out << "\n";
  }
  return out.str();
}

std::string CrmSample::Execute(const std::string& sql) const {
  auto db = db::Database::Connect(target_url_, spec_.base_dir);
  // As the SQLite target checks declared foreign keys (loaders/sql/target_traits.cpp), so does
  // this session; MariaDB's InnoDB always does.
  if (db->traits().dialect == db::Dialect::kSqlite) db->Execute("PRAGMA foreign_keys = ON");
  try {
    db->session() << sql;
    return "ok";
  } catch (const std::exception& e) {
    return std::string("error: ") + e.what();
  }
}

std::string CrmSample::Counts(const std::vector<std::string>& tables) const {
  auto db = db::Database::Connect(target_url_, spec_.base_dir);
  std::string out;
  for (const std::string& table : tables) {
    long long n = 0;
    db->session() << "SELECT COUNT(*) FROM " + table, soci::into(n);
    out += (out.empty() ? "" : " ") + table + "=" + std::to_string(n);
  }
  return out;
}

}  // namespace crm::loaders::testing
