// The whole sample into PostgreSQL and MariaDB targets of scripts/test-servers
// (CRM_TEST_POSTGRES_URL, CRM_TEST_MARIADB_URL), each created from the sample's schema for that
// database in a schema (PostgreSQL) or database (MariaDB) of its own, dropped at the end. A
// missing URL fails, never skips.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "tests/support/server_url.h"
#include "core/db/database.h"
#include "tests/e2e/sample_run.h"

namespace fs = std::filesystem;

namespace {

fs::path Schema(const char* file) { return fs::path(CRM_SOURCE_DIR) / "samples/acme/target" / file; }

// Runs `drop` on `admin` when the test ends, whatever its outcome; a leftover in the throwaway
// test servers is harmless.
class DropAtEnd {
 public:
  DropAtEnd(std::unique_ptr<crm::db::Database> admin, std::string drop)
      : admin_(std::move(admin)), drop_(std::move(drop)) {}
  ~DropAtEnd() {
    try {
      admin_->Execute(drop_);
    } catch (const std::exception&) {
    }
  }
  crm::db::Database& admin() { return *admin_; }

 private:
  std::unique_ptr<crm::db::Database> admin_;
  std::string drop_;
};

// A fresh MariaDB database `prefix`<pid> beside the test database, dropped at the end. The test
// user may create the databases named crm_test<anything> (scripts/test-servers).
struct MariaDbDatabase {
  explicit MariaDbDatabase(const std::string& prefix)
      : base(crm::testing::ServerUrl("CRM_TEST_MARIADB_URL")),
        name(prefix + std::to_string(getpid())),
        scope(crm::db::Database::Connect(base, ""), "DROP DATABASE IF EXISTS " + name) {
    const size_t slash = base.rfind('/');
    REQUIRE(slash != std::string::npos);
    const size_t query = base.find('?', slash);
    url = base.substr(0, slash + 1) + name + (query == std::string::npos ? "" : base.substr(query));
    scope.admin().Execute("DROP DATABASE IF EXISTS " + name);
    scope.admin().Execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
  }
  std::string base, name, url;
  DropAtEnd scope;
};

}  // namespace

TEST_CASE("the sample migrates end to end into PostgreSQL", "[e2e][servers][postgres]") {
  const std::string base = crm::testing::ServerUrl("CRM_TEST_POSTGRES_URL");
  const std::string schema = "crm_e2e_" + std::to_string(getpid());
  DropAtEnd scope(crm::db::Database::Connect(base, ""), "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  scope.admin().Execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  scope.admin().Execute("CREATE SCHEMA " + schema);
  const std::string url = base + (base.find('?') == std::string::npos ? "?" : "&") +
                          "options=-csearch_path%3D" + schema;
  crm::e2e::ApplySchema(url, "", Schema("schema.postgresql.sql"));
  crm::e2e::CheckSampleMigratesInto("postgres", url);
}

TEST_CASE("the sample migrates end to end into MariaDB", "[e2e][servers][mariadb]") {
  MariaDbDatabase db("crm_test_e2e_");
  const std::string& url = db.url;
  crm::e2e::ApplySchema(url, "", Schema("schema.mysql.sql"));
  crm::e2e::CheckSampleMigratesInto("mariadb", url);
}

// The staging database on MariaDB (a DATETIME column refuses the canonical "…T23:00:00Z", so the
// stage writes timestamps the way MariaDB reads them): the whole run, into the SQLite target,
// loads the same contacts as with SQLite staging.
TEST_CASE("the sample runs with its staging database on MariaDB", "[e2e][servers][mariadb]") {
  MariaDbDatabase db("crm_test_stg_");
  const std::string& url = db.url;

  crm::e2e::SampleRun run("mariadb_staging");
  const fs::path spec = run.dir() / "migration.yaml";
  std::stringstream text;
  text << std::ifstream(spec).rdbuf();
  std::string yaml = text.str();
  const std::string line = "staging: sqlite:work/staging.db";
  REQUIRE(yaml.find(line) != std::string::npos);
  yaml.replace(yaml.find(line), line.size(), "staging: " + url);
  std::ofstream(spec, std::ios::trunc) << yaml;
  const std::string target = "sqlite:" + (run.dir() / "work/crm.db").string();
  crm::e2e::ApplySchema(target, "", Schema("schema.sqlite.sql"));
  const int exit_code = run.Run(target);
  INFO(run.stderr_text());
  REQUIRE(exit_code == 0);
  // The checksum of the 70 contacts loaded, as with SQLite staging (tests/cases/cli/run_sample_status).
  CHECK(run.stdout_text().find("70:ffc3fbbec640ea4b") != std::string::npos);
}
