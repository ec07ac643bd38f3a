// The staging database's schema: one versioned definition of every table the phases share.
//
// Journal tables (fixed): _meta (schema version), _runs, _loads, _rejects, _results, _failures,
// _checkpoints, _preimages, _notes, _lock, the stage's _load_sources, _source_columns,
// _reconciliation, the plan's _plans, identity's _possible_matches and the cutover's _crosswalk
// (the target id of every golden record it loaded, by load, entity and golden key; a table of
// its own, written in key order, where updating each xref_ row cost a random row rewrite).
// Per-spec tables, named
// from the spec's identifiers:
//   raw_<source>    every source column as text, plus lineage
//   stg_<entity>    typed fields of the entity, plus lineage
//   gold_<entity>   golden records (one per identity cluster)
//   xref_<entity>   which staged record went into which golden record (with the match score and
//                   rule)
// Lineage columns start with kLineagePrefix ("_crm_"); spec names may not (IsReservedColumnName),
// so a source column can never clash with one.
//
// Versioning: _meta.schema_version holds the version a database was made or migrated to. Opening
// a database made by an older version migrates it forward (missing tables are created, missing
// columns added); a newer version is refused; a non-empty database that is not a staging
// database is refused rather than written into.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/db/database.h"
#include "core/db/ddl.h"
#include "core/spec/spec.h"

namespace crm::db {

// 2: _plans, _possible_matches; 3: _crosswalk (target ids copied out of xref_<entity>);
// 4: _preimages.batch_keys and batch_rows (the inserts of a batch into a table that was empty)
inline constexpr int kStagingSchemaVersion = 4;
inline constexpr std::string_view kLineagePrefix = "_crm_";

// Lineage column names, shared by readers, writers and reports.
inline constexpr std::string_view kColRow = "_crm_row";        // auto-numbered row id
inline constexpr std::string_view kColLoad = "_crm_load";      // _loads.id the row belongs to
inline constexpr std::string_view kColRun = "_crm_run";        // _runs.id that wrote it
inline constexpr std::string_view kColSource = "_crm_source";  // source name (stg, xref)
inline constexpr std::string_view kColLine = "_crm_line";      // line or row number in the source
inline constexpr std::string_view kColOffset = "_crm_offset";  // byte offset of the row (files)
inline constexpr std::string_view kColHash = "_crm_hash";      // hash of the raw row
// Subset membership: a 32-bit hash bucket of the record key, so any subset fraction f is the
// set-based predicate `_crm_bucket < f * 2^32`, the same rows on every run and every dialect.
inline constexpr std::string_view kColBucket = "_crm_bucket";

// Journal tables in creation order, _meta first.
const std::vector<TableDef>& JournalTables();

// True for names starting with kLineagePrefix (any case).
bool IsReservedColumnName(std::string_view name);

// "raw_<source>", "stg_<entity>", "gold_<entity>", "xref_<entity>". Throw crm::Error(kSpec) when
// the name is not a valid identifier or the table name would be too long.
std::string RawTableName(std::string_view source);
std::string StagedTableName(std::string_view entity);
std::string GoldTableName(std::string_view entity);
std::string XrefTableName(std::string_view entity);

// How a field of the spec is stored in stg_<entity> and gold_<entity>: by its type, except that a
// tokenized field holds a hex token whatever its type. Stage, identity and cutover all use this,
// so a value reads back exactly as it was staged.
LogicalType StorageType(const spec::Field& field);

// A typed field of an entity, as the spec declares it (StorageType gives its type).
struct FieldColumn {
  std::string name;
  LogicalType type = LogicalType::kText;
};

// Definitions of the per-spec tables. Names are validated and checked against the lineage
// prefix (crm::Error(kSpec) naming the offending name).
TableDef RawTableDef(std::string_view source, const std::vector<std::string>& columns);
TableDef StagedTableDef(std::string_view entity, const FieldColumn& key,
                        const std::vector<FieldColumn>& fields);
TableDef GoldTableDef(std::string_view entity, const FieldColumn& key,
                      const std::vector<FieldColumn>& fields);
TableDef XrefTableDef(std::string_view entity);

// What EnsureStagingSchema found and did.
struct SchemaStatus {
  int found_version = -1;  // -1: new (empty) database; 0: journal made before versioning
  int version = kStagingSchemaVersion;
  bool created = false;
  std::vector<std::string> changes;  // "created table _notes", "added column _runs.subset", ...
};

// Creates the journal tables if missing, migrates an older version forward and records the
// version in _meta. Throws crm::Error(kIo) for a newer version or a foreign non-empty database.
SchemaStatus EnsureStagingSchema(Database& db);

// Connects to the staging database and ensures its schema.
std::unique_ptr<Database> OpenStaging(std::string_view url, std::string_view base_dir,
                                      const ConnectOptions& options = {},
                                      SchemaStatus* status = nullptr);

// Creates a per-spec table (and its indexes) if it does not exist.
void CreateTable(Database& db, const TableDef& table);

}  // namespace crm::db
