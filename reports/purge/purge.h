// Retention: `crm-migrate purge`, the last step of the runbook. Once the close-out is signed off,
// the personal data leaves the staging database; the journal, the counts and the reports stay.
//
// What is erased (set to NULL), table by table, found in the database itself rather than in the
// spec, so tables of sources and entities an earlier spec had are purged too:
//   raw_<source>      every source column (and the JSON Lines copy _crm_raw)
//   stg_<entity>      every field but the record key
//   gold_<entity>     every field but the record key
//   _rejects          raw_text, raw_hex (the rejected row's bytes)
//   _failures         value_text (a failing sample, masked but still part of a person's value)
//   _possible_matches details_json (the compared values of a pair)
//   _preimages        before_json (the target row's values before the cutover updated it)
// What stays, and why it is not personal data:
//   - every row: count(*) of every table is unchanged, so the funnel and the reconciliation can
//     still be recounted;
//   - lineage columns (_crm_load, _crm_run, _crm_source, _crm_line, _crm_offset, _crm_hash,
//     _crm_bucket, _crm_row, _crm_members, _crm_provenance): where a record came from, not what
//     it said (gold's _crm_secondary holds values and is erased);
//   - record keys ("L-1042") in stg_, gold_, xref_, _failures and _checkpoints: identifiers the
//     spec builds from source ids, which link a target row back to its source line; xref_<entity>
//     holds keys, scores and target ids only and is kept whole;
//   - _runs, _loads, _load_sources, _reconciliation, _results, _notes, _plans: the journal.
// A key field the spec marks pii is reported by PlanPurge as a warning: its values stay.
//
// After the erasure the database gives the freed space back, so the old bytes leave its files
// (SQLite VACUUM and a WAL checkpoint; PostgreSQL VACUUM FULL; MariaDB OPTIMIZE TABLE).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/db/database.h"
#include "core/db/gate.h"
#include "core/db/journal.h"
#include "core/spec/spec.h"

namespace crm::purge {

// One table's part of a purge.
struct TableErasure {
  std::string table;
  std::string what;                  // "raw rows of source legacy", "failing samples", ...
  std::vector<std::string> columns;  // the columns set to NULL
  int64_t rows = 0;                  // rows of the table (all kept)
  int64_t values = 0;                // non-NULL values in `columns`, erased by the purge
};

struct PurgePlan {
  std::vector<TableErasure> tables;  // journal tables first, then per-spec tables by name
  std::vector<std::string> warnings;  // what stays although it may be personal

  int64_t values() const;  // values the purge erases, over all tables
  int64_t rows() const;    // rows in the tables it touches (all kept)
};

// Reads what a purge would erase: the tables and columns above and how many values they hold.
// Reads only; `spec` names the pii key fields to warn about.
PurgePlan PlanPurge(db::Database& staging, const spec::Spec& spec);

// Sets every column of the plan to NULL in one transaction, then compacts the erased tables.
// The caller holds the writer lock. Throws crm::Error(kIo) when the database refuses.
void ExecutePurge(db::Database& staging, const PurgePlan& plan);

// Why purge may not run yet, or empty when it may: it is the last step, after a cutover that
// loaded the data (finished ok, not a dry run). Reads the journal only.
std::string PurgeGateRefusal(db::Journal& journal);

// Checks the purge gate for the purge run `run_id`. Throws crm::Error(kGate, refusal) when it is
// closed and not forced; crm::Error(kUsage) for --force without a reason. A forced pass journals
// the override as a _notes row of kind "gate_override".
db::GateDecision CheckPurgeGate(db::Journal& journal, const db::GateOverride& force,
                                int64_t run_id);

}  // namespace crm::purge
