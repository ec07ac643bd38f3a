// The validate cases on PostgreSQL and MariaDB staging (scripts/test-servers,
// CRM_TEST_POSTGRES_URL, CRM_TEST_MARIADB_URL): every folder of tests/cases/validate/ runs with
// `staging:` pointing at a schema (a database) of its own and must render exactly the
// expected.txt the SQLite run renders — the same counts, the same samples. A missing server URL
// fails every case: a skipped server test is not a pass.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>

#include "core/db/database.h"
#include "tests/support/case_folders.h"
#include "tests/validators/validate_harness.h"

namespace crm::validate::testing {
namespace {

std::string ServerUrl(const char* variable) {
  const char* value = std::getenv(variable);
  if (value == nullptr || *value == '\0') {
    FAIL(variable << " is not set: start the test servers with `scripts/test-servers start`, "
                     "then `eval \"$(scripts/test-servers env)\"`");
  }
  return value;
}

std::string PostgresUrl() { return ServerUrl("CRM_TEST_POSTGRES_URL"); }

// A schema of its own for one case, dropped when the case ends.
class Schema {
 public:
  explicit Schema(const std::string& name)
      : admin_(db::Database::Connect(PostgresUrl(), "")), name_(name) {
    admin_->Execute("DROP SCHEMA IF EXISTS " + name_ + " CASCADE");
    admin_->Execute("CREATE SCHEMA " + name_);
  }
  ~Schema() {
    try {
      admin_->Execute("DROP SCHEMA IF EXISTS " + name_ + " CASCADE");
    } catch (const std::exception&) {
      // A leftover schema in the throwaway test server is harmless.
    }
  }
  std::string Url() const {
    const std::string base = PostgresUrl();
    return base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
           name_;
  }

 private:
  std::unique_ptr<db::Database> admin_;
  std::string name_;
};

// A database of its own on the MariaDB server for one case, dropped when the case ends.
class MariadbDatabase {
 public:
  explicit MariadbDatabase(const std::string& name)
      : base_(ServerUrl("CRM_TEST_MARIADB_URL")),
        admin_(db::Database::Connect(base_, "")),
        name_(name) {
    admin_->Execute("DROP DATABASE IF EXISTS " + name_);
    admin_->Execute("CREATE DATABASE " + name_);
  }
  ~MariadbDatabase() {
    try {
      admin_->Execute("DROP DATABASE IF EXISTS " + name_);
    } catch (const std::exception&) {
      // A leftover database in the throwaway test server is harmless.
    }
  }
  std::string Url() const { return base_.substr(0, base_.rfind('/') + 1) + name_; }

 private:
  std::string base_;
  std::unique_ptr<db::Database> admin_;
  std::string name_;
};

void RunCase(const std::filesystem::path& dir) {
  Schema schema("crm_validate_" + std::to_string(::getpid()));
  const std::string actual = RenderValidateCase(dir, schema.Url());
  CHECK(actual == crm::testing::ReadFile(dir / "expected.txt"));
}

void RunMariadbCase(const std::filesystem::path& dir) {
  // The test user may create databases named crm_test_*.
  MariadbDatabase database("crm_test_validate_" + std::to_string(::getpid()));
  const std::string actual = RenderValidateCase(dir, database.Url());
  CHECK(actual == crm::testing::ReadFile(dir / "expected.txt"));
}

struct Registrar {
  Registrar() {
    crm::testing::RegisterCaseFolders(
        std::filesystem::path(CRM_SOURCE_DIR) / "tests/cases/validate", "servers: validate case",
        "[validate][case][servers]", RunCase);
    crm::testing::RegisterCaseFolders(
        std::filesystem::path(CRM_SOURCE_DIR) / "tests/cases/validate",
        "servers: validate case on mariadb", "[validate][case][servers][mariadb]", RunMariadbCase);
  }
};
const Registrar registrar;

}  // namespace
}  // namespace crm::validate::testing
