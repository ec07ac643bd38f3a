#include "tests/purge/purge_harness.h"

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

#include "core/common/text.h"
#include "core/db/cells.h"

namespace crm::purge::testing {
namespace {

namespace fs = std::filesystem;

const fs::path kSample = fs::path(CRM_SOURCE_DIR) / "samples/acme";

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void AddEmails(const std::string& text, std::set<std::string>* values) {
  static const std::regex kEmail(R"([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z0-9.-]+)");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kEmail);
       it != std::sregex_iterator(); ++it) {
    values->insert(it->str());
  }
}

// Text values of one column of a table, NULLs left out.
std::vector<std::string> ColumnValues(db::Database& db, const std::string& sql) {
  std::vector<std::string> values;
  soci::rowset<soci::row> rows = db.session().prepare << sql;
  for (const soci::row& row : rows) {
    if (row.get_indicator(0) != soci::i_null) values.push_back(db::CellText(row, 0));
  }
  return values;
}

}  // namespace

SampleMigration::SampleMigration(const std::string& name, const std::string& staging_url)
    : dir_(fs::temp_directory_path() / ("crm-purge-" + name + "-" + std::to_string(getpid()))),
      staging_url_(staging_url) {
  fs::remove_all(dir_);
  fs::create_directories(dir_ / "work");
  fs::copy(kSample / "data", dir_ / "data", fs::copy_options::recursive);
  fs::copy(kSample / "target", dir_ / "target", fs::copy_options::recursive);
  std::string spec = ReadFile(kSample / "migration.yaml");
  const std::string staging_line = "staging: sqlite:work/staging.db\n";
  const size_t at = spec.find(staging_line);
  if (at == std::string::npos) throw std::runtime_error("the sample's staging: line moved");
  spec.replace(at, staging_line.size(), "staging: ${CRM_PURGE_TEST_STAGING}\n");
  std::ofstream(dir_ / "migration.yaml", std::ios::binary) << spec;
  setenv("CRM_PURGE_TEST_STAGING", staging_url.c_str(), 1);
  auto target = db::Database::Connect("sqlite:work/crm.db", dir_.string());
  // The schema's statements, its "--" comment lines left out (SQLite runs one statement a call).
  std::string schema;
  for (const std::string& line : Split(ReadFile(dir_ / "target/schema.sqlite.sql"), '\n')) {
    if (!StartsWith(TrimView(line), "--")) schema += line + "\n";
  }
  for (const std::string& statement : Split(schema, ';')) {
    if (!TrimView(statement).empty()) target->Execute(statement);
  }
}

SampleMigration::~SampleMigration() {
  std::error_code ignored;
  fs::remove_all(dir_, ignored);
}

CliRun SampleMigration::Run(const std::string& args) const {
  const std::string command = "cd '" + dir_.string() + "' && '" + CRM_BINARY + "' " + args +
                              " >stdout.txt 2>stderr.txt";
  int status = std::system(command.c_str());
  CliRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = ReadFile(dir_ / "stdout.txt");
  run.err = ReadFile(dir_ / "stderr.txt");
  return run;
}

std::vector<std::string> SampleMigration::PersonalValues(db::Database& staging) const {
  std::set<std::string> values;
  AddEmails(ReadFile(dir_ / "data/legacy_contacts.csv"), &values);
  AddEmails(ReadFile(dir_ / "data/newsletter.jsonl"), &values);
  auto webshop = db::Database::Connect("sqlite:data/webshop.db", dir_.string(),
                                       db::ConnectOptions{.create = false, .read_only = true});
  for (const std::string& email : ColumnValues(*webshop, "SELECT email FROM customers")) {
    AddEmails(email, &values);
  }
  // Short names ("Jan", "Li") are also parts of ordinary words; four letters or more are not.
  for (const char* column : {"first_name", "last_name", "street"}) {
    for (const std::string& value :
         ColumnValues(staging, std::string("SELECT ") + column + " FROM stg_contact")) {
      if (value.size() >= 4) values.insert(value);
    }
  }
  return {values.begin(), values.end()};
}

std::vector<std::string> FindValues(db::Database& db, const std::vector<std::string>& values) {
  std::vector<std::string> lowered;
  for (const std::string& value : values) lowered.push_back(ToLowerAscii(value));
  std::vector<std::string> found;
  for (const std::string& table : db.ListTables()) {
    const std::vector<std::string> columns = db.ListColumns(table);
    soci::rowset<soci::row> rows = db.session().prepare << "SELECT * FROM " + db.Quote(table);
    for (const soci::row& row : rows) {
      for (size_t i = 0; i < row.size(); ++i) {
        if (row.get_indicator(i) == soci::i_null) continue;
        const std::string cell = ToLowerAscii(db::CellText(row, i));
        for (size_t v = 0; v < lowered.size(); ++v) {
          if (cell.find(lowered[v]) != std::string::npos) {
            found.push_back(table + "." + columns[i] + ": " + values[v]);
          }
        }
      }
    }
  }
  return found;
}

std::map<std::string, long long> RowCounts(db::Database& db) {
  std::map<std::string, long long> counts;
  for (const std::string& table : db.ListTables()) {
    if (table == "_runs" || table == "_lock") continue;
    soci::rowset<soci::row> rows = db.session().prepare << "SELECT count(*) FROM " +
                                                               db.Quote(table);
    for (const soci::row& row : rows) counts[table] = db::CellInteger(row, 0).value_or(-1);
  }
  return counts;
}

std::string StatusWithoutPurges(const SampleMigration& sample) {
  CliRun status = sample.Run("status --format json");
  if (status.exit_code != 0) throw std::runtime_error("status failed: " + status.err);
  Poco::JSON::Object::Ptr object =
      Poco::JSON::Parser().parse(status.out).extract<Poco::JSON::Object::Ptr>();
  Poco::JSON::Array::Ptr runs = object->getArray("runs");
  Poco::JSON::Array::Ptr kept = new Poco::JSON::Array;
  for (size_t i = 0; i < runs->size(); ++i) {
    if (runs->getObject(i)->getValue<std::string>("command") != "purge") kept->add(runs->get(i));
  }
  object->set("runs", kept);
  std::ostringstream out;
  object->stringify(out, 1);
  return out.str();
}

void CheckSamplePurge(const SampleMigration& sample) {
  auto staging = db::Database::Connect(sample.staging_url(), sample.dir().string());
  auto step = [&](const std::string& args, int want) {
    CliRun run = sample.Run(args);
    INFO("crm-migrate " << args << "\nstdout:\n" << run.out << "\nstderr:\n" << run.err);
    REQUIRE(run.exit_code == want);
    return run;
  };
  step("stage -q", 0);
  step("validate -q", 0);
  CliRun early = step("purge --yes -q", 1);
  CHECK(early.err.find("no cutover has loaded the data yet") != std::string::npos);
  step("cutover -q", 0);
  step("report -q", 0);

  const std::vector<std::string> personal = sample.PersonalValues(*staging);
  REQUIRE(personal.size() > 100);
  // The scan finds the sample's values before the purge: it can fail.
  const size_t found_before = FindValues(*staging, personal).size();
  CHECK(found_before > 500);
  const std::string status_before = StatusWithoutPurges(sample);
  const std::map<std::string, long long> rows_before = RowCounts(*staging);

  CliRun dry = step("purge -q", 1);
  CHECK(dry.out.find("nothing erased: this was a dry run") != std::string::npos);
  CHECK(dry.out.find("raw_legacy: ") != std::string::npos);
  CHECK(FindValues(*staging, personal).size() == found_before);

  CliRun purged = step("purge --yes -q --format json", 0);
  CHECK(purged.out.find("\"values_erased\":0") == std::string::npos);
  const std::vector<std::string> left = FindValues(*staging, personal);
  INFO("personal values left after the purge:\n" << Join(left, "\n"));
  CHECK(left.empty());
  CHECK(StatusWithoutPurges(sample) == status_before);
  CHECK(RowCounts(*staging) == rows_before);

  CliRun again = step("purge --yes -q --format json", 0);
  CHECK(again.out.find("\"values_erased\":0") != std::string::npos);
}

}  // namespace crm::purge::testing
