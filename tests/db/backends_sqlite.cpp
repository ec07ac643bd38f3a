// db_tests runs the shared backend suite against SQLite files in a temporary folder.
#include <unistd.h>

#include <filesystem>

#include "core/db/staging_schema.h"
#include "tests/db/backend.h"

namespace crm::db::testing {
namespace {

// Removes the folder of this process's databases when the suite exits.
struct TempFolder {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("crm-db-tests-" + std::to_string(getpid()));
  ~TempFolder() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

std::string NextSqliteUrl() {
  static TempFolder folder;
  static int n = 0;
  // A subfolder that does not exist yet also checks that sqlite: creates parent folders.
  return "sqlite:" + (folder.path / std::to_string(++n) / "staging.db").string();
}

}  // namespace

const std::vector<TestBackend>& Backends() {
  static const std::vector<TestBackend> backends{
      {"sqlite", NextSqliteUrl, "", false},
  };
  return backends;
}

}  // namespace crm::db::testing
