// The journal the report tests render from: samples/acme copied to a temporary folder, one of
// its legacy contacts made hostile (salutation and first name `<script>alert(1)</script>`), and
// the runbook run through the phase libraries as the CLI runs them — a plan row, stage and
// validate of the pilot subset, the full stage and validate, a dry-run cutover, a cutover, a
// forced gate and two notes. Made once per test process; the folder is removed at exit.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "core/db/database.h"
#include "core/db/journal.h"
#include "core/spec/spec.h"

namespace crm::reports::testing {

inline constexpr const char* kHostile = "<script>alert(1)</script>";
inline constexpr const char* kNoteText = "Phones in legacy lack country codes <b>ask Ann</b>";
inline constexpr const char* kGateReason = "pilot sign-off by Ann <ann@acme.example>";

struct SampleJournal {
  std::filesystem::path dir;
  spec::Spec spec;
  std::unique_ptr<db::Database> staging;
  std::unique_ptr<db::Journal> journal;
  int64_t plan_run = 0, pilot_validate_run = 0, validate_run = 0;
  int64_t dry_run = 0, cutover_run = 0;
  std::string target_url;  // the sample's target database (sqlite)
};

SampleJournal& Sample();

// Runs one query on `db` and returns its single integer (0 for NULL).
int64_t QueryInt(db::Database& db, const std::string& sql);

}  // namespace crm::reports::testing
