// The sample loaded into SuiteCRM's and Dolibarr's own tables on SQLite (foreign keys on, as the
// SQLite target always sets them): scenarios.h.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/crm_schemas/scenarios.h"

namespace fs = std::filesystem;

namespace crm::loaders::testing {
namespace {

// Fresh SQLite files with the CRM's schema, removed when the test ends.
class SqliteTargets {
 public:
  explicit SqliteTargets(Crm crm)
      : crm_(crm), dir_(fs::temp_directory_path() / ("crm_schemas_db_" + std::to_string(getpid()))) {
    fs::create_directories(dir_);
  }
  ~SqliteTargets() { fs::remove_all(dir_); }
  TargetFactory factory() {
    return [this](const std::string& name) { return SqliteCrmTarget(crm_, dir_ / (name + ".db")); };
  }

 private:
  Crm crm_;
  fs::path dir_;
};

TEST_CASE("the sample loads into SuiteCRM's core tables on SQLite, re-runs unchanged and rolls "
          "back", "[crm_schemas][suitecrm][sqlite]") {
  SqliteTargets targets(Crm::kSuitecrm);
  CheckSuitecrmLoad(targets.factory());
}

TEST_CASE("a cutover into SuiteCRM on SQLite that fails at any write is resumed to the same target",
          "[crm_schemas][suitecrm][sqlite][resume]") {
  SqliteTargets targets(Crm::kSuitecrm);
  CheckSuitecrmResume(targets.factory());
}

TEST_CASE("the sample loads into Dolibarr's tables on SQLite with foreign keys on, re-runs "
          "unchanged and rolls back", "[crm_schemas][dolibarr][sqlite]") {
  SqliteTargets targets(Crm::kDolibarr);
  CheckDolibarrLoad(targets.factory());
}

TEST_CASE("a cutover into Dolibarr on SQLite that fails at any write is resumed to the same rows",
          "[crm_schemas][dolibarr][sqlite][resume]") {
  SqliteTargets targets(Crm::kDolibarr);
  CheckDolibarrResume(targets.factory());
}

}  // namespace
}  // namespace crm::loaders::testing
