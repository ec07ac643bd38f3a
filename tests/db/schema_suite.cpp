// Shared backend suite: the staging schema (create, reopen, migrate, refuse), per-spec tables,
// connection errors and injection. Runs against every backend of the suite executable.
#include <catch2/catch.hpp>

#include "core/common/error.h"
#include "core/db/journal.h"
#include "core/db/staging_schema.h"
#include "tests/db/backend.h"

namespace crm::db {
namespace {

using testing::FreshStaging;

std::string MetaVersion(Database& db) {
  std::string value;
  db.session() << "SELECT " + db.Quote("value") + " FROM " + db.Quote("_meta") + " WHERE " +
                      db.Quote("key") + " = 'schema_version'",
      soci::into(value);
  return value;
}

std::string ErrorText(const std::function<void()>& fn, ErrorCategory expected) {
  try {
    fn();
  } catch (const Error& e) {
    CHECK(CategoryName(e.category()) == std::string(CategoryName(expected)));
    return e.what();
  }
  return "no error";
}

TEST_CASE(CRM_DB_SUITE "A new staging database gets every journal table and its version",
          "[schema]") {
  FOR_EACH_BACKEND(backend) {
    std::string url = backend.fresh_url();
    SchemaStatus status;
    std::unique_ptr<Database> db = OpenStaging(url, "", {}, &status);
    CHECK(status.created);
    CHECK(status.found_version == -1);
    CHECK(status.changes.empty());
    std::vector<std::string> tables = db->ListTables();
    for (const TableDef& table : JournalTables()) {
      INFO(table.name);
      CHECK(std::find(tables.begin(), tables.end(), table.name) != tables.end());
    }
    CHECK(MetaVersion(*db) == std::to_string(kStagingSchemaVersion));

    SchemaStatus again;
    std::unique_ptr<Database> reopened = OpenStaging(url, "", {}, &again);
    CHECK_FALSE(again.created);
    CHECK(again.found_version == kStagingSchemaVersion);
    CHECK(again.changes.empty());
  }
}

TEST_CASE(CRM_DB_SUITE "A staging database from before versioning is migrated forward",
          "[schema]") {
  FOR_EACH_BACKEND(backend) {
    std::string url = backend.fresh_url();
    {
      // The oldest layout: a journal of runs with a few columns and nothing else.
      std::unique_ptr<Database> old = Database::Connect(url, "");
      CreateTable(*old, TableDef{"_runs",
                                 "id",
                                 {{"command", LogicalType::kText, true},
                                  {"started_at", LogicalType::kText, true},
                                  {"outcome", LogicalType::kText, true}},
                                 {},
                                 {}});
      old->session() << "INSERT INTO " + old->Quote("_runs") +
                            " (command, started_at, outcome) VALUES ('stage', "
                            "'2025-01-01T00:00:00.000Z', 'ok')";
    }
    SchemaStatus status;
    std::unique_ptr<Database> db = OpenStaging(url, "", {}, &status);
    CHECK(status.found_version == 0);
    CHECK_FALSE(status.created);
    auto has = [&](const std::string& change) {
      return std::find(status.changes.begin(), status.changes.end(), change) !=
             status.changes.end();
    };
    CHECK(has("added column _runs.spec_sha256"));
    CHECK(has("added column _runs.counts_json"));
    CHECK(has("created table _notes"));
    CHECK(has("created table _lock"));
    CHECK(has("created table _plans"));
    CHECK(has("created table _possible_matches"));
    CHECK(MetaVersion(*db) == std::to_string(kStagingSchemaVersion));
    Journal journal(*db);
    std::optional<RunRecord> run = journal.GetRun(1);
    REQUIRE(run);
    CHECK(run->command == "stage");
    CHECK(run->outcome == "ok");
    CHECK(journal.BeginRun({.command = "validate"}) == 2);
  }
}

TEST_CASE(CRM_DB_SUITE "Target ids kept in xref_ before schema v3 are copied into _crosswalk",
          "[schema]") {
  FOR_EACH_BACKEND(backend) {
    std::string url = backend.fresh_url();
    {
      std::unique_ptr<Database> old = OpenStaging(url, "", {});
      // A v2 xref: the target id of each staged record, the same for a golden record's members.
      TableDef xref = XrefTableDef("contact");
      xref.columns.push_back({"_crm_target_id", LogicalType::kText, false});
      CreateTable(*old, xref);
      old->Execute("INSERT INTO " + old->Quote("xref_contact") +
                   " VALUES (1, 'C-1', 'crm', 'C-1', 2, 1.0, '1:1', 'id-1'), "
                   "(1, 'C-1', 'web', 'W-9', 3, 0.9, 'rule 1', 'id-1'), "
                   "(1, 'C-2', 'crm', 'C-2', 4, 1.0, '1:1', NULL)");
      old->Execute("UPDATE " + old->Quote("_meta") + " SET " + old->Quote("value") +
                   " = '2' WHERE " + old->Quote("key") + " = 'schema_version'");
    }
    SchemaStatus status;
    std::unique_ptr<Database> db = OpenStaging(url, "", {}, &status);
    CHECK(status.found_version == 2);
    CHECK(std::find(status.changes.begin(), status.changes.end(),
                    "copied the target ids of xref_contact into _crosswalk") !=
          status.changes.end());
    std::vector<std::string> rows;
    soci::rowset<soci::row> result =
        (db->session().prepare << "SELECT " + db->Quote("entity") + ", " + db->Quote("gold_key") +
                                      ", " + db->Quote("target_id") + " FROM " +
                                      db->Quote("_crosswalk") + " ORDER BY 2");
    for (const soci::row& r : result) {
      rows.push_back(r.get<std::string>(0) + " " + r.get<std::string>(1) + " " +
                     r.get<std::string>(2));
    }
    CHECK(rows == std::vector<std::string>{"contact C-1 id-1"});
  }
}

TEST_CASE(CRM_DB_SUITE "A staging database from a newer crm-migrate is refused", "[schema]") {
  FOR_EACH_BACKEND(backend) {
    testing::Fresh fresh = FreshStaging(backend);
    fresh.db->session() << "UPDATE " + fresh.db->Quote("_meta") + " SET " +
                               fresh.db->Quote("value") + " = '99' WHERE " +
                               fresh.db->Quote("key") + " = 'schema_version'";
    CHECK(ErrorText([&] { OpenStaging(fresh.url, ""); }, ErrorCategory::kIo) ==
          "staging database " + fresh.db->masked_url() +
              " was made by crm-migrate schema v99; this build knows up to v" +
              std::to_string(kStagingSchemaVersion) + ": upgrade crm-migrate");
  }
}

TEST_CASE(CRM_DB_SUITE "A database that is not a staging database is never written into",
          "[schema]") {
  FOR_EACH_BACKEND(backend) {
    std::string url = backend.fresh_url();
    std::unique_ptr<Database> db = Database::Connect(url, "");
    db->Execute("CREATE TABLE customers (id INTEGER)");
    CHECK(ErrorText([&] { OpenStaging(url, ""); }, ErrorCategory::kIo) ==
          "database " + db->masked_url() +
              " is not empty and is not a crm-migrate staging database (it has a table "
              "'customers'): point staging: at a new or empty database");
    CHECK(db->ListTables() == std::vector<std::string>{"customers"});
  }
}

TEST_CASE(CRM_DB_SUITE
          "Per-spec tables are created from their definitions and upserts are idempotent",
          "[schema]") {
  FOR_EACH_BACKEND(backend) {
    testing::Fresh fresh = FreshStaging(backend);
    Database& db = *fresh.db;
    FieldColumn key{"external_id", LogicalType::kText};
    std::vector<FieldColumn> fields{{"name", LogicalType::kText},
                                    {"revenue", LogicalType::kDecimal},
                                    {"founded", LogicalType::kDate}};
    CreateTable(db, RawTableDef("legacy", {"ID", "Name"}));
    CreateTable(db, StagedTableDef("account", key, fields));
    CreateTable(db, GoldTableDef("account", key, fields));
    CreateTable(db, XrefTableDef("account"));
    CreateTable(db, GoldTableDef("account", key, fields));  // again: IF NOT EXISTS
    CHECK(db.ListColumns("stg_account").back() == "founded");

    std::string sql =
        UpsertSql(db.traits(), "gold_account", {"_crm_load", "_crm_run", "external_id", "name"},
                  {"_crm_load", "external_id"});
    long long load = 1, run = 1;
    std::string id = "A-1", name = "Acme";
    db.session() << sql, soci::use(load), soci::use(run), soci::use(id), soci::use(name);
    name = "Acme Corp";
    db.session() << sql, soci::use(load), soci::use(run), soci::use(id), soci::use(name);
    long long count = 0;
    std::string stored;
    db.session() << "SELECT COUNT(*), MAX(" + db.Quote("name") + ") FROM " +
                        db.Quote("gold_account"),
        soci::into(count), soci::into(stored);
    CHECK(count == 1);
    CHECK(stored == "Acme Corp");
  }
}

TEST_CASE(CRM_DB_SUITE "Hostile identifiers are refused and hostile values round-trip bound",
          "[schema]") {
  const std::string hostile_name = "x\"; DROP TABLE _runs; --";
  const std::string hostile_value = "x'); DROP TABLE \"_runs\"; DROP TABLE `_runs`; -- \\ ;";
  FOR_EACH_BACKEND(backend) {
    testing::Fresh fresh = FreshStaging(backend);
    Database& db = *fresh.db;
    CHECK_THROWS_AS(
        StagedTableDef("contact", {"id", LogicalType::kText}, {{hostile_name, LogicalType::kText}}),
        Error);
    CHECK_THROWS_AS(RawTableName(hostile_name), Error);
    CHECK_THROWS_AS(db.Quote(hostile_name), Error);
    CHECK_THROWS_AS(InsertSql(db.traits(), hostile_name, {"a"}), Error);

    Journal journal(db);
    RunStart start{.command = "stage", .spec_path = hostile_value};
    int64_t run = journal.BeginRun(start);
    journal.AddNote(hostile_value, run);
    journal.WriteRejects(run, {RejectRecord{.phase = "stage",
                                            .source = "legacy",
                                            .line = 3,
                                            .column = hostile_value,
                                            .kind = RejectKind::kFieldCount,
                                            .raw = hostile_value,
                                            .message = hostile_value}});
    CHECK(journal.GetRun(run)->spec_path == hostile_value);
    CHECK(journal.ListNotes().back().text == hostile_value);
    std::string raw;
    db.session() << "SELECT " + db.Quote("raw_text") + " FROM " + db.Quote("_rejects"),
        soci::into(raw);
    CHECK(raw == hostile_value);
    CHECK(db.HasTable("_runs"));
  }
}

TEST_CASE(CRM_DB_SUITE "Connection and statement errors are translated and masked", "[schema]") {
  FOR_EACH_BACKEND(backend) {
    if (!backend.wrong_password_url.empty()) {
      DatabaseUrl url = ParseDatabaseUrl(backend.wrong_password_url, "");
      std::string message = ErrorText([&] { Database::Connect(url); }, ErrorCategory::kIo);
      CHECK(message.rfind("cannot connect to " + url.masked + ": ", 0) == 0);
      CHECK(message.find(url.secrets.at(0)) == std::string::npos);
    } else {
      std::string message = ErrorText(
          [] { Database::Connect("sqlite:/nonexistent-dir/x.db", "", {.create = false}); },
          ErrorCategory::kIo);
      CHECK(message ==
        "cannot connect to sqlite:/nonexistent-dir/x.db: there is no file /nonexistent-dir/x.db "
        "(nothing has been run yet?)");
    }
    testing::Fresh fresh = FreshStaging(backend);
    std::string message = ErrorText([&] { fresh.db->Execute("SELECT * FROM no_such_table_here"); },
                                    ErrorCategory::kIo);
    CHECK(message.rfind(
              "running 'SELECT * FROM no_such_table_here' on " + fresh.db->masked_url() + ": ",
              0) == 0);
  }
}

}  // namespace
}  // namespace crm::db
