// The cutover phase (phase 4): the golden records of the current staged load into the target CRM
// database (or CSV files for a SaaS import tool), and `rollback`, its undo.
//
// RunCutover, in order:
//   1. makes sure gold_<entity>/xref_<entity> hold the current load (identity/passthrough.h until
//      identity resolution fills them);
//   2. connects to the target (unreachable: crm::Error kIo, exit 3) and checks its schema before
//      the first row: every mapped table and column exists, types fit, NOT NULL columns are
//      filled, declared lengths hold every value (with the count that would be truncated), the key
//      is unique. Every mismatch is listed in one crm::Error(kSpec) and nothing is written;
//      `create_target` creates missing tables from the spec instead;
//   3. loads the entities in dependency order, in batches by key, each batch one target
//      transaction that is idempotent by key (upsert, or insert that skips existing keys), with
//      references resolved from external id to target id and link tables filled; a batch the
//      target refuses is split until the refused rows are isolated: they go to _rejects, the rest
//      loads (on_error: abort stops instead, the failing batch rolled back);
//   4. before a row is updated its pre-image goes to _preimages, and each batch's progress to
//      _checkpoints, both in staging, so `resume` finishes an interrupted cutover exactly and
//      RunRollback undoes it;
//   5. writes the crosswalk (_crosswalk and the CSV) and reconciles three ways:
//      staged → golden → loaded + rejected, and the target read back (count and checksum).
// A dry run does all of it inside target transactions that are rolled back, and writes nothing
// to staging but the golden records.
//
// The caller holds the staging writer lock, has journaled the run and checked the cutover gate.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/db/database.h"
#include "core/db/journal.h"
#include "core/spec/spec.h"

namespace crm::loaders {

class Target;  // loaders/target.h

struct CutoverOptions {
  int64_t run_id = 0;             // the journaled run (_runs.id)
  bool dry_run = false;           // everything in transactions that are rolled back
  bool resume = false;            // continue the last unfinished cutover from its checkpoints
  bool retry_rejects = false;     // load only the rows the last cutover rejected
  bool create_target = false;     // create missing target tables (or spec cutover.create_target)
  bool confirm_truncate = false;  // allows mode truncate-insert to empty the target tables
  std::string target_url{};       // overrides the spec's target (tests); empty: the spec's
  int64_t max_differences = 20;   // reconciliation differences listed per entity
  // Test seam: wraps the opened target (a crash test makes it fail at the Nth write).
  std::function<std::unique_ptr<Target>(std::unique_ptr<Target>)> wrap_target{};
};

struct EntityOutcome {
  std::string entity, table;
  int64_t staged = 0, golden = 0, merged = 0;
  // Golden records by what the load did with them (would do, in a dry run).
  int64_t inserted = 0, updated = 0, unchanged = 0, rejected = 0;
  int64_t skipped = 0;      // done by the interrupted run a resume continues, or not retried
  int64_t unresolved = 0;   // references to records that are not among the golden records
  int64_t links_inserted = 0;   // link rows and join rows of value tables
  int64_t values_inserted = 0;  // value rows (fields.<f>.values)
  int64_t target_rows = 0;  // rows of this entity's keys read back from the target
  std::string checksum_loaded, checksum_target;  // over the loaded columns, order-independent
  std::vector<std::string> differences;          // by key, at most max_differences
  std::vector<std::string> failures;             // refused rows with the target's reason
};

struct CutoverResult {
  int64_t cutover_id = 0;  // the run whose checkpoints and pre-images hold this cutover
  bool dry_run = false;
  std::string target;      // masked URL
  std::string crosswalk;   // path of the crosswalk CSV (empty in a dry run)
  std::vector<EntityOutcome> entities;  // in load order
  std::vector<std::string> notes;       // decisions taken (tables created, truncated, resumed)
  std::vector<std::string> warnings;
  std::vector<std::string> gate_failures;  // max_errors exceeded, on_error: abort; exit 1
};

// Throws crm::Error: kUsage (truncate-insert without confirmation, nothing to resume or retry),
// kSpec (the target does not fit the spec: the full list), kIo (target or staging unreachable or
// failing), kInternal (an unbalanced funnel).
CutoverResult RunCutover(const spec::Spec& spec, db::Database& staging, db::Journal& journal,
                         const CutoverOptions& options, Progress& progress);

struct RollbackOptions {
  int64_t run_id = 0;      // the journaled rollback run
  int64_t cutover_id = 0;  // the cutover run to undo (the one that started it; resumes continue it)
  std::string target_url;  // overrides the spec's target; empty: the spec's
};

struct RollbackResult {
  int64_t deleted = 0;        // rows the cutover inserted, deleted again
  int64_t restored = 0;       // rows the cutover updated, set back to their pre-image
  int64_t links_deleted = 0;  // link and join rows the cutover inserted
  int64_t values_deleted = 0;  // value rows (fields.<f>.values) the cutover inserted
  int64_t verified = 0;       // restored rows whose checksum matches their pre-image
  std::vector<std::string> mismatches;  // rows whose checksum does not match, or still present
};

// Undoes a cutover in one target transaction: link rows and rows it inserted are deleted (in
// reverse dependency order), rows it updated are restored from _preimages, then every touched
// row is read back and compared with its pre-image checksum. A mismatch rolls everything back
// and throws crm::Error(kInternal) listing the keys. Throws kUsage when the run is not a cutover
// or has no pre-images (a dry run), kIo when the target cannot be reached.
RollbackResult RunRollback(const spec::Spec& spec, db::Database& staging, db::Journal& journal,
                           const RollbackOptions& options, Progress& progress);

}  // namespace crm::loaders
