// db_servers_tests runs the shared backend suite (tests/db/*_suite.cpp) against the real
// PostgreSQL and MariaDB started by scripts/test-servers. Each test gets its own PostgreSQL schema
// or MariaDB database, dropped when the suite exits, so suites may run in parallel. A missing
// server URL fails every test with instructions: a skipped server test is not a pass.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <stdexcept>

#include "core/db/database.h"
#include "tests/db/backend.h"

namespace crm::db::testing {
namespace {

std::string RequireEnv(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    throw std::runtime_error(std::string(name) +
                             " is not set: start the test servers with `scripts/test-servers "
                             "start`, then `eval \"$(scripts/test-servers env)\"`");
  }
  return value;
}

// Drops what the suite created when it exits; keeps the base connection open meanwhile.
class Namespaces {
 public:
  Namespaces(const std::string& base_url, std::string drop_sql, std::string drop_suffix)
      : db_(Database::Connect(base_url, "")),
        drop_sql_(std::move(drop_sql)),
        drop_suffix_(std::move(drop_suffix)) {}
  ~Namespaces() {
    for (const std::string& name : names_) {
      try {
        db_->Execute(drop_sql_ + name + drop_suffix_);
      } catch (const std::exception&) {
        // A leftover namespace in a throwaway server is harmless.
      }
    }
  }
  std::string Create(const std::string& create_sql, const std::string& prefix) {
    std::string name = prefix + std::to_string(getpid()) + "_" + std::to_string(names_.size());
    db_->Execute(drop_sql_ + name + drop_suffix_);
    db_->Execute(create_sql + name);
    names_.push_back(name);
    return name;
  }

 private:
  std::unique_ptr<Database> db_;
  std::string drop_sql_;
  std::string drop_suffix_;
  std::vector<std::string> names_;
};

std::string WithWrongPassword(const std::string& url) {
  std::string password = ParseDatabaseUrl(url, "").secrets.at(0);
  std::string out = url;
  out.replace(out.find(":" + password + "@"), password.size() + 2, ":wrong-pass-42@");
  return out;
}

std::string FreshPostgres() {
  static Namespaces schemas(RequireEnv("CRM_TEST_POSTGRES_URL"), "DROP SCHEMA IF EXISTS ",
                            " CASCADE");
  static const std::string base = RequireEnv("CRM_TEST_POSTGRES_URL");
  std::string schema = schemas.Create("CREATE SCHEMA ", "crm_t");
  return base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
         schema;
}

std::string FreshMariadb() {
  static Namespaces databases(RequireEnv("CRM_TEST_MARIADB_URL"), "DROP DATABASE IF EXISTS ", "");
  static const std::string base = RequireEnv("CRM_TEST_MARIADB_URL");
  std::string database = databases.Create("CREATE DATABASE ", "crm_test_t");
  return base.substr(0, base.rfind('/') + 1) + database;
}

}  // namespace

const std::vector<TestBackend>& Backends() {
  static const std::vector<TestBackend> backends{
      {"postgresql", FreshPostgres, WithWrongPassword(RequireEnv("CRM_TEST_POSTGRES_URL")), true},
      {"mariadb", FreshMariadb, WithWrongPassword(RequireEnv("CRM_TEST_MARIADB_URL")), true},
  };
  return backends;
}

TEST_CASE("servers: the test servers are configured", "[servers]") {
  CHECK_NOTHROW(RequireEnv("CRM_TEST_POSTGRES_URL"));
  CHECK_NOTHROW(RequireEnv("CRM_TEST_MARIADB_URL"));
}

}  // namespace crm::db::testing
