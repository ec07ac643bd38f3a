// The sample migration (samples/acme) loaded into real CRM schemas: SuiteCRM 7's core tables and
// Dolibarr's third parties and contacts, from the DDL in ../shared/data (read-only, as the CRM
// projects ship it). The schemas are applied as the CRM would create them, with only the changes
// listed at SchemaStatements; the spec of each target is samples/acme/targets/<crm>/migration.yaml.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/db/database.h"
#include "core/db/journal.h"
#include "core/spec/spec.h"
#include "loaders/cutover.h"

namespace crm::loaders::testing {

enum class Crm { kSuitecrm, kDolibarr };

// The statements that create `crm`'s tables on `dialect` (kSqlite or kMysql):
//   SuiteCRM: suitecrm_core_subset.{sqlite,mysql}.sql as shipped.
//   Dolibarr: llx_societe and llx_socpeople with their key files. Changed: the foreign key to
//     llx_user (not provided) is dropped; a unique index on ref_ext per table is added (the
//     external id the load finds rows by: without it a re-run could not be idempotent). For
//     SQLite the MySQL DDL is translated (AUTO_INCREMENT → INTEGER PRIMARY KEY AUTOINCREMENT,
//     ALTER TABLE … ADD INDEX → CREATE INDEX, the foreign key moved into CREATE TABLE, as
//     SQLite cannot add one later).
std::vector<std::string> SchemaStatements(Crm crm, db::Dialect dialect);

// A copy of samples/acme, with one more legacy contact (a second address of L-1001's person),
// staged into SQLite with identity resolution run, ready for a cutover of
// targets/<crm>/migration.yaml into `target_url` (a database holding the CRM's schema).
class CrmSample {
 public:
  CrmSample(Crm crm, const std::string& name, std::string target_url);
  ~CrmSample();

  std::string Cutover(CutoverOptions options = {}, int64_t* run_id = nullptr);
  std::string Rollback(int64_t run);
  // Every table of the target, rows sorted (RenderTarget).
  std::string Target() const;
  // Rows of a query on the target, one line each, cells joined by '|' (NULL as "NULL").
  std::string Query(const std::string& sql) const;
  // Runs one statement on the target: "ok", or "error: <the database's message>".
  std::string Execute(const std::string& sql) const;
  // "table=count ..." for `tables`.
  std::string Counts(const std::vector<std::string>& tables) const;

  const spec::Spec& spec() const { return spec_; }
  db::Database& staging() { return *staging_; }

 private:
  std::filesystem::path dir_;
  std::string target_url_;
  spec::Spec spec_;
  std::unique_ptr<db::Database> staging_;
  std::unique_ptr<db::Journal> journal_;
};

// A fresh SQLite database file with `crm`'s schema; returns its URL.
std::string SqliteCrmTarget(Crm crm, const std::filesystem::path& file);

}  // namespace crm::loaders::testing
