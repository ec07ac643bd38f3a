// The landing against PostgreSQL: Chinook's PostgreSQL script loaded into a schema of its own and
// read as a SQL source; and landing cases into PostgreSQL staging (COPY), which must store exactly
// what SQLite staging stores. Every schema made here is dropped at the end of its test.
#include <soci/postgresql/soci-postgresql.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/db/staging_schema.h"
#include "tests/landing/landing_harness.h"

namespace fs = std::filesystem;

namespace crm::staging::testing {
namespace {

std::string PostgresUrl() {
  const char* value = std::getenv("CRM_TEST_POSTGRES_URL");
  if (value == nullptr || *value == '\0') {
    FAIL(
        "CRM_TEST_POSTGRES_URL is not set: start the test servers with `scripts/test-servers "
        "start`, then `eval \"$(scripts/test-servers env)\"`");
  }
  return value;
}

std::string WithSchema(const std::string& url, const std::string& schema) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
         schema;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A schema of its own, dropped when the test ends.
class Schema {
 public:
  explicit Schema(const std::string& prefix)
      : admin_(db::Database::Connect(PostgresUrl(), "")), name_(prefix + std::to_string(getpid())) {
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
  const std::string& name() const { return name_; }
  db::Database& admin() { return *admin_; }

 private:
  std::unique_ptr<db::Database> admin_;
  std::string name_;
};

// Runs Chinook's PostgreSQL script, minus its DROP/CREATE DATABASE and \c, inside `schema`.
void LoadChinook(db::Database& db, const std::string& schema) {
  std::string script =
      ReadFile(fs::path(CRM_SOURCE_DIR) / "tests/data/chinook/Chinook_PostgreSql.sql");
  const size_t connect = script.find("\\c chinook;");
  REQUIRE(connect != std::string::npos);
  script = "SET search_path TO " + schema + ";\n" + script.substr(connect + 11);
  PGconn* conn = static_cast<soci::postgresql_session_backend*>(db.session().get_backend())->conn_;
  PGresult* result = PQexec(conn, script.c_str());
  const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
  const std::string message = PQresultErrorMessage(result);
  PQclear(result);
  PQclear(PQexec(conn, "SET search_path TO DEFAULT"));
  INFO(message);
  REQUIRE(ok);
}

spec::Spec ParseYaml(const std::string& yaml) {
  return spec::ParseSpec(yaml, (fs::temp_directory_path() / "servers.yaml").string(),
                         spec::ProcessEnv());
}

TEST_CASE("servers: chinook Customer lands from PostgreSQL", "[landing][servers]") {
  Schema source("crm_chinook_");
  LoadChinook(source.admin(), source.name());
  const spec::Spec spec = ParseYaml(
      "version: 1\nname: chinook\ntarget: sqlite:crm.db\nsources:\n  chinook:\n    type: sql\n"
      "    connect: \"" +
      WithSchema(PostgresUrl(), source.name()) +
      "\"\n    query: SELECT * FROM customer ORDER BY customer_id\n"
      "entities:\n  contact:\n    key: external_id\n    fields: {email: email}\n    from:\n"
      "      - source: chinook\n        map:\n          external_id: {from: customer_id}\n"
      "          email: {from: email}\n");
  auto staging = db::OpenStaging("sqlite::memory:", "");
  db::Journal journal(*staging);
  const int64_t run = journal.BeginRun({.command = "stage"});
  LandResult result = LandAsStage(spec, "chinook", *staging, journal, run);
  CHECK(result.landed == 59);
  CHECK(result.rejected == 0);
  const std::string rendered = RenderLanded(*staging, "chinook");
  CHECK(rendered.find("customer_id=\"1\" first_name=\"Luís\" last_name=\"Gonçalves\"") !=
        std::string::npos);
  CHECK(rendered.find("position=13 source_name=\"support_rep_id\"") != std::string::npos);
  // Landing again finds the same rows: reused.
  CHECK(LandAsStage(spec, "chinook", *staging, journal, run).reused);
}

// The data-driven cases without a SQL source, landed into PostgreSQL staging (COPY) and into
// SQLite staging: both must store the same rows, column maps and rejects.
TEST_CASE("servers: PostgreSQL staging (COPY) stores what SQLite staging stores",
          "[landing][servers]") {
  for (const char* name : {"csv_odd_headers", "csv_windows1252", "csv_rejects", "jsonl_paths",
                           "suppress_email_and_id", "csv_gzip"}) {
    const fs::path dir = fs::path(CRM_SOURCE_DIR) / "tests/cases/landing" / name;
    const spec::Spec spec = spec::ParseSpec(ReadFile(dir / "migration.yaml"),
                                            (dir / "migration.yaml").string(), spec::ProcessEnv());
    const std::string source = spec.sources.at(0).name;
    std::string on_sqlite, on_postgres;
    {
      auto staging = db::OpenStaging("sqlite::memory:", "");
      db::Journal journal(*staging);
      LandAsStage(spec, source, *staging, journal, journal.BeginRun({.command = "stage"}));
      on_sqlite = RenderLanded(*staging, source);
    }
    Schema schema("crm_land_");
    {
      auto staging = db::OpenStaging(WithSchema(PostgresUrl(), schema.name()), "");
      db::Journal journal(*staging);
      LandAsStage(spec, source, *staging, journal, journal.BeginRun({.command = "stage"}));
      on_postgres = RenderLanded(*staging, source);
    }
    INFO(name);
    CHECK(on_postgres == on_sqlite);
  }
}

}  // namespace
}  // namespace crm::staging::testing
