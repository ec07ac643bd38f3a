// The purge suites' plumbing: the sample migration (samples/acme) copied into a folder of its
// own, its staging pointed at any database, run phase by phase with the real crm-migrate binary;
// and the scan that looks for the sample's personal values in every table and column.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/db/database.h"

namespace crm::purge::testing {

struct CliRun {
  int exit_code = -1;
  std::string out, err;
};

class SampleMigration {
 public:
  // Copies the sample's spec, data and target schema into a fresh temporary folder, creates the
  // empty SQLite target, and points `staging:` at `staging_url` (through an environment variable,
  // as a spec names credentials).
  SampleMigration(const std::string& name, const std::string& staging_url);
  ~SampleMigration();

  // Runs `crm-migrate ARGS` in the folder.
  CliRun Run(const std::string& args) const;
  const std::filesystem::path& dir() const { return dir_; }
  const std::string& staging_url() const { return staging_url_; }

  // Every e-mail address of the sample's sources (files and the webshop database), and the
  // names (4 letters or more) and streets `staging` holds in stg_contact: what must not survive
  // a purge. Read before the purge.
  std::vector<std::string> PersonalValues(db::Database& staging) const;

 private:
  std::filesystem::path dir_;
  std::string staging_url_;
};

// "table.column: value" for every cell of every table of `db` that contains one of `values`
// (compared case-insensitively).
std::vector<std::string> FindValues(db::Database& db, const std::vector<std::string>& values);

// count(*) of every table but _runs (which a purge run extends) and _lock.
std::map<std::string, long long> RowCounts(db::Database& db);

// `status --format json` with the purge runs left out: what a purge must leave as it was.
std::string StatusWithoutPurges(const SampleMigration& sample);

// The whole check, for any staging database: the sample staged and validated, purge refused
// before a cutover; cutover and report; a dry run erases nothing; `purge --yes` leaves no personal
// value in any table while status and every table's row count stay as they were; a second purge
// finds nothing left to erase.
void CheckSamplePurge(const SampleMigration& sample);

}  // namespace crm::purge::testing
