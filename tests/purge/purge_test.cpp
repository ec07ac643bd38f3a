// purge on the embedded SQLite staging: the whole check of CheckSamplePurge, and the file itself:
// an UPDATE to NULL leaves the old values in free pages and in the WAL until the purge compacts.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "tests/purge/purge_harness.h"

namespace crm::purge::testing {
namespace {

namespace fs = std::filesystem;

std::string Bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

TEST_CASE("purge erases every personal value of the sample from a SQLite staging",
          "[purge][sqlite]") {
  SampleMigration sample("sqlite", "sqlite:work/staging.db");
  CheckSamplePurge(sample);
}

TEST_CASE("after purge the SQLite staging file and its WAL hold none of the sample's e-mails",
          "[purge][sqlite]") {
  SampleMigration sample("sqlite-bytes", "sqlite:work/staging.db");
  for (const char* args : {"stage -q", "validate -q", "cutover -q"}) {
    REQUIRE(sample.Run(args).exit_code == 0);
  }
  auto staging = db::Database::Connect(sample.staging_url(), sample.dir().string());
  std::vector<std::string> emails;
  for (const std::string& value : sample.PersonalValues(*staging)) {
    if (value.find('@') != std::string::npos) emails.push_back(value);
  }
  REQUIRE(emails.size() > 50);
  staging.reset();
  auto file_bytes = [&] {
    return Bytes(sample.dir() / "work/staging.db") + Bytes(sample.dir() / "work/staging.db-wal");
  };
  auto emails_in_file = [&] {
    const std::string bytes = file_bytes();
    size_t found = 0;
    for (const std::string& email : emails) found += bytes.find(email) != std::string::npos;
    return found;
  };
  CHECK(emails_in_file() > 50);
  REQUIRE(sample.Run("purge --yes -q").exit_code == 0);
  CHECK(emails_in_file() == 0);
}

TEST_CASE("an abandoned migration is purged with --force and a reason, which is journaled",
          "[purge][sqlite]") {
  SampleMigration sample("sqlite-force", "sqlite:work/staging.db");
  REQUIRE(sample.Run("stage -q").exit_code == 0);
  CliRun no_reason = sample.Run("purge --yes --force -q");
  CHECK(no_reason.exit_code == 2);
  CHECK(no_reason.err.find("--force needs --reason") != std::string::npos);
  CliRun forced = sample.Run("purge --yes --force --reason \"project cancelled\" -q");
  INFO(forced.out << forced.err);
  CHECK(forced.exit_code == 0);
  CliRun status = sample.Run("status");
  CHECK(status.out.find("purge gate overridden with --force: project cancelled") !=
        std::string::npos);
}

}  // namespace
}  // namespace crm::purge::testing
