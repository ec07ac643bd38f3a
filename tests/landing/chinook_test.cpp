// Chinook's Customer table as a SQL source (acceptance of issue 3): read from the SQLite file
// directly and through the SQLite ODBC driver, both must land the same rows. PostgreSQL is in
// tests/landing_servers.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "core/db/staging_schema.h"
#include "tests/landing/landing_harness.h"

namespace fs = std::filesystem;

namespace crm::staging::testing {
namespace {

const fs::path kChinook = fs::path(CRM_SOURCE_DIR) / "tests/data/chinook/Chinook_Sqlite.sqlite";

spec::Spec ChinookSpec(const std::string& connect) {
  const std::string yaml =
      "version: 1\nname: chinook\ntarget: sqlite:crm.db\n"
      "sources:\n  chinook:\n    type: sql\n    connect: \"" +
      connect +
      "\"\n    table: Customer\n    id_column: CustomerId\n"
      "entities:\n  contact:\n    key: external_id\n    fields:\n"
      "      email: email\n    from:\n      - source: chinook\n        map:\n"
      "          external_id: {template: \"C-{CustomerId}\"}\n"
      "          email: {from: Email}\n";
  return spec::ParseSpec(yaml, (fs::temp_directory_path() / "chinook.yaml").string(),
                         spec::ProcessEnv());
}

std::string LandChinook(const std::string& connect, LandResult* result) {
  const fs::path staging_path =
      fs::temp_directory_path() / ("crm_chinook_" + std::to_string(::getpid()) + ".db");
  fs::remove(staging_path);
  std::string rendered;
  {
    auto staging = db::OpenStaging("sqlite:" + staging_path.string(), "");
    db::Journal journal(*staging);
    const int64_t run = journal.BeginRun({.command = "stage"});
    *result = LandAsStage(ChinookSpec(connect), "chinook", *staging, journal, run);
    rendered = RenderLanded(*staging, "chinook");
  }
  fs::remove(staging_path);
  fs::remove(staging_path.string() + "-wal");
  fs::remove(staging_path.string() + "-shm");
  return rendered;
}

TEST_CASE("chinook: Customer lands from the SQLite file and through ODBC alike", "[landing]") {
  LandResult direct, odbc;
  const std::string from_sqlite = LandChinook("sqlite:" + kChinook.string(), &direct);
  CHECK(direct.extracted == 59);
  CHECK(direct.landed == 59);
  CHECK(direct.rejected == 0);
  CHECK(from_sqlite.find("source_name=\"SupportRepId\" raw_column=\"SupportRepId\"") !=
        std::string::npos);
  // Row 1, as Chinook has it: NULL state, an integer key turned into text.
  CHECK(from_sqlite.find("_crm_line=1 _crm_offset=NULL") != std::string::npos);
  CHECK(from_sqlite.find("CustomerId=\"1\" FirstName=\"Luís\"") != std::string::npos);

  const std::string from_odbc =
      LandChinook("odbc:Driver=SQLite3;Database=" + kChinook.string(), &odbc);
  CHECK(odbc.landed == 59);
  CHECK(odbc.fingerprint.substr(0, 20) == direct.fingerprint.substr(0, 20));
  CHECK(from_odbc == from_sqlite);
}

}  // namespace
}  // namespace crm::staging::testing
