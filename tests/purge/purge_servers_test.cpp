// purge with the staging on the real servers: a PostgreSQL schema and a MariaDB database of the
// test's own, dropped at the end.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>

#include "tests/support/server_url.h"
#include "core/db/staging_schema.h"
#include "reports/purge/purge.h"
#include "tests/purge/purge_harness.h"

namespace crm::purge::testing {
namespace {

// One person in every table a purge touches: raw, staged and golden values, a reject's raw
// text and a failing sample; 9 values (the key "L-1" is not one of them).
void FillStaging(db::Database& staging) {
  db::CreateTable(staging, db::RawTableDef("legacy", {"EMail", "Achternaam"}));
  const db::FieldColumn key{"external_id"};
  const std::vector<db::FieldColumn> fields = {{"email"}, {"last_name"}, {"street"}};
  db::CreateTable(staging, db::StagedTableDef("contact", key, fields));
  db::CreateTable(staging, db::GoldTableDef("contact", key, fields));
  for (const char* sql : {
           "INSERT INTO raw_legacy (_crm_load, _crm_run, _crm_line, EMail, Achternaam) VALUES "
           "(1, 1, 2, 'ADA@example.org', 'Lovelace')",
           "INSERT INTO stg_contact (_crm_load, _crm_run, _crm_source, _crm_line, external_id, "
           "email, last_name, street) VALUES (1, 1, 'legacy', 2, 'L-1', 'ada@example.org', "
           "'Lovelace', 'Analytical Row 7')",
           "INSERT INTO gold_contact (_crm_load, _crm_run, _crm_members, external_id, email, "
           "last_name) VALUES (1, 2, 1, 'L-1', 'ada@example.org', 'Lovelace')",
           "INSERT INTO _rejects (run_id, phase, kind, raw_text, message, created_at) VALUES "
           "(1, 'stage', 'field_count', '2;ada@example.org', 'expected 2 fields', 'now')",
           "INSERT INTO _failures (run_id, rule_id, record_key, value_text) VALUES "
           "(2, 'format:contact.street', 'L-1', 'Analytical Row 7')"}) {
    staging.Execute(sql);
  }
}

// Runs `body` with a staging URL on a fresh namespace of the server (`create` and `drop` its
// SQL), dropped afterwards whatever happens.
template <typename Body>
void WithNamespace(const std::string& admin_url, const std::string& create,
                   const std::string& drop, Body body) {
  auto admin = db::Database::Connect(admin_url, "");
  admin->Execute(drop);
  admin->Execute(create);
  try {
    body();
  } catch (...) {
    admin->Execute(drop);
    throw;
  }
  admin->Execute(drop);
}

TEST_CASE("purge erases every personal value of the sample from a PostgreSQL staging",
          "[purge][servers][postgresql]") {
  const std::string base = crm::testing::ServerUrl("CRM_TEST_POSTGRES_URL");
  const std::string schema = "crm_purge_" + std::to_string(getpid());
  const std::string url = base + (base.find('?') == std::string::npos ? "?" : "&") +
                          "options=-csearch_path%3D" + schema;
  WithNamespace(base, "CREATE SCHEMA " + schema, "DROP SCHEMA IF EXISTS " + schema + " CASCADE",
                [&] {
                  SampleMigration sample("postgresql", url);
                  CheckSamplePurge(sample);
                });
}

// The sample cannot be staged on MariaDB yet (stage writes datetimes as '...T...Z', which a
// MariaDB DATETIME refuses), so this staging is filled directly through the schema's own table
// definitions and purged through the library, as the command does.
TEST_CASE("purge erases the personal values of a MariaDB staging and keeps rows and keys",
          "[purge][servers][mariadb]") {
  const std::string base = crm::testing::ServerUrl("CRM_TEST_MARIADB_URL");
  // The test user may create databases named after its own (crm_test%).
  const std::string database = "crm_test_purge_" + std::to_string(getpid());
  const std::string url = base.substr(0, base.rfind('/') + 1) + database;
  WithNamespace(base, "CREATE DATABASE " + database + " CHARACTER SET utf8mb4",
                "DROP DATABASE IF EXISTS " + database, [&] {
                  auto staging = db::OpenStaging(url, "");
                  FillStaging(*staging);
                  const std::vector<std::string> personal = {"ada@example.org", "Lovelace",
                                                             "Analytical Row 7"};
                  REQUIRE(FindValues(*staging, personal).size() == 9);
                  const std::map<std::string, long long> rows = RowCounts(*staging);
                  spec::Spec spec;
                  const PurgePlan plan = PlanPurge(*staging, spec);
                  CHECK(plan.values() == 9);
                  ExecutePurge(*staging, plan);
                  CHECK(FindValues(*staging, personal).empty());
                  CHECK(RowCounts(*staging) == rows);
                  CHECK(FindValues(*staging, {"L-1"}).size() == 3);  // stg, gold, _failures
                });
}

}  // namespace
}  // namespace crm::purge::testing
