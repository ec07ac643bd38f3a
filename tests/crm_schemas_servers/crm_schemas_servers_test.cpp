// The sample loaded into SuiteCRM's core tables and Dolibarr's third parties and contacts on
// MariaDB (InnoDB, Dolibarr's foreign key enforced), in databases of their own: scenarios.h.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <memory>
#include <vector>

#include "tests/crm_schemas/scenarios.h"
#include "tests/support/server_url.h"

namespace crm::loaders::testing {
namespace {

// Throwaway MariaDB databases with the CRM's schema, dropped when the test ends. The test user
// may create databases named crm_test_*.
class MariadbTargets {
 public:
  explicit MariadbTargets(Crm crm)
      : crm_(crm),
        base_(crm::testing::ServerUrl("CRM_TEST_MARIADB_URL")),
        admin_(db::Database::Connect(base_, "")) {}
  ~MariadbTargets() {
    for (const std::string& name : names_) {
      try {
        admin_->Execute("DROP DATABASE IF EXISTS " + name);
      } catch (const std::exception&) {
        // A leftover database in the throwaway test server is harmless.
      }
    }
  }
  TargetFactory factory() {
    return [this](const std::string& label) {
      const std::string name = "crm_test_" + label + "_" + std::to_string(getpid());
      admin_->Execute("DROP DATABASE IF EXISTS " + name);
      admin_->Execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
      names_.push_back(name);
      const std::string url = base_.substr(0, base_.rfind('/') + 1) + name;
      auto db = db::Database::Connect(url, "");
      for (const std::string& sql : SchemaStatements(crm_, db::Dialect::kMysql)) db->Execute(sql);
      return url;
    };
  }

 private:
  Crm crm_;
  std::string base_;
  std::unique_ptr<db::Database> admin_;
  std::vector<std::string> names_;
};

TEST_CASE("the sample loads into SuiteCRM's core tables on MariaDB, re-runs unchanged and rolls "
          "back", "[crm_schemas][suitecrm][servers][mariadb]") {
  MariadbTargets targets(Crm::kSuitecrm);
  CheckSuitecrmLoad(targets.factory());
}

TEST_CASE("a cutover into SuiteCRM on MariaDB that fails at any write is resumed to the same "
          "target", "[crm_schemas][suitecrm][servers][mariadb][resume]") {
  MariadbTargets targets(Crm::kSuitecrm);
  CheckSuitecrmResume(targets.factory());
}

TEST_CASE("the sample loads into Dolibarr's tables on MariaDB with InnoDB foreign keys, re-runs "
          "unchanged and rolls back", "[crm_schemas][dolibarr][servers][mariadb]") {
  MariadbTargets targets(Crm::kDolibarr);
  CheckDolibarrLoad(targets.factory());
}

TEST_CASE("a cutover into Dolibarr on MariaDB that fails at any write is resumed to the same rows",
          "[crm_schemas][dolibarr][servers][mariadb][resume]") {
  MariadbTargets targets(Crm::kDolibarr);
  CheckDolibarrResume(targets.factory());
}

}  // namespace
}  // namespace crm::loaders::testing
