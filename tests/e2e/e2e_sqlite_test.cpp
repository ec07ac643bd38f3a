// The whole sample into a SQLite target created from samples/acme/target/schema.sqlite.sql, as
// the README's first command does it (scripts/setup sample).
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/e2e/sample_run.h"

namespace fs = std::filesystem;

TEST_CASE("the sample migrates end to end into SQLite", "[e2e][sqlite]") {
  const fs::path file =
      fs::temp_directory_path() / ("crm-e2e-target-" + std::to_string(getpid()) + ".db");
  fs::remove(file);
  const std::string url = "sqlite:" + file.string();
  crm::e2e::ApplySchema(url, "", fs::path(CRM_SOURCE_DIR) / "samples/acme/target/schema.sqlite.sql");
  crm::e2e::CheckSampleMigratesInto("sqlite", url);
  fs::remove(file);
}
