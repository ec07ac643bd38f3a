// The shared backend suite's view of a database: every test in *_suite.cpp runs once per backend
// that the suite executable provides (SQLite in db_tests; PostgreSQL and MariaDB in
// db_servers_tests), with the differences the tests must expect stated as quirks, not as
// conditionals on the backend's name.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/db/database.h"

// Prefixes the shared tests' names, so CTest tells the SQLite run from the servers run.
#ifndef CRM_DB_SUITE
#define CRM_DB_SUITE "sqlite: "
#endif

namespace crm::db::testing {

struct TestBackend {
  std::string name;
  // The URL of a new, empty database (a file, a schema or a database) for one test.
  std::function<std::string()> fresh_url;
  // A URL of the same server with a wrong password ("" when the backend has no passwords).
  std::string wrong_password_url;
  // Quirk: the writer lock is a server-side session lock, released when its connection ends.
  bool session_lock = false;
};

// Defined once per suite executable.
const std::vector<TestBackend>& Backends();

// A fresh staging database for one test, with the schema.
struct Fresh {
  std::string url;
  std::unique_ptr<Database> db;
};
Fresh FreshStaging(const TestBackend& backend);

}  // namespace crm::db::testing

// Runs the enclosed block once per backend, each in its own Catch2 section named after it.
#define FOR_EACH_BACKEND(var)                                                       \
  for (const ::crm::db::testing::TestBackend& var : ::crm::db::testing::Backends()) \
  DYNAMIC_SECTION(var.name)
