// A target reached through ODBC (the generic SOCI writer with the traits of the product behind
// the driver): the SQLite ODBC driver over the same schema as the sqlite cases, loaded, re-run
// unchanged and rolled back.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "core/db/staging_schema.h"
#include "tests/loaders/cutover_harness.h"

namespace fs = std::filesystem;

namespace crm::loaders::testing {
namespace {

TEST_CASE("a cutover through ODBC loads, re-runs unchanged and rolls back", "[cutover][odbc]") {
  const fs::path cases = fs::path(CRM_SOURCE_DIR) / "tests/cases/cutover/sqlite_load_and_rerun";
  const fs::path dir = fs::temp_directory_path() / ("crm_cutover_odbc_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::copy(cases, dir, fs::copy_options::recursive);
  fs::create_directories(dir / "work");
  const std::string odbc = "odbc:DRIVER=SQLite3;Database=" + (dir / "work/crm.db").string();
  {
    auto target = db::Database::Connect("sqlite:work/crm.db", dir.string());
    ExecuteScript(*target, ReadFile(dir / "target.sql"));
  }
  const spec::Spec spec = spec::LoadSpec((dir / "migration.yaml").string());
  auto staging = db::OpenStaging(spec.staging_url, spec.base_dir);
  db::Journal journal(*staging);
  REQUIRE(StageStep(spec, *staging, journal).find("stage ok") != std::string::npos);

  CutoverOptions options;
  options.target_url = odbc;
  int64_t run = 0;
  const std::string first = CutoverStep(spec, *staging, journal, options, &run);
  INFO(first);
  CHECK(first.find(" exit 0\n") != std::string::npos);
  CHECK(first.find("contact -> contacts: staged=5 golden=5 inserted=3 updated=0 unchanged=0 "
                   "rejected=2") != std::string::npos);
  CHECK(first.find("checksums differ") == std::string::npos);
  // The same rows as the native SQLite target writes (tests/cases/cutover/sqlite_load_and_rerun).
  const std::string expected = ReadFile(cases / "expected.txt");
  const std::string loaded = RenderTarget("sqlite:work/crm.db", dir.string());
  CHECK(expected.find("final target\n" + loaded) != std::string::npos);

  const std::string again = CutoverStep(spec, *staging, journal, options);
  INFO(again);
  CHECK(again.find("contact -> contacts: staged=5 golden=5 inserted=0 updated=0 unchanged=3") !=
        std::string::npos);

  const std::string undone = RollbackStep(spec, *staging, journal, run, odbc);
  INFO(undone);
  CHECK(undone.find("rollback deleted=6 restored=0 links_deleted=3") != std::string::npos);
  CHECK(RenderTarget("sqlite:work/crm.db", dir.string()) == "account_contacts\naccounts\ncontacts\n");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace crm::loaders::testing
