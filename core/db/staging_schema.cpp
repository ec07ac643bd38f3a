#include "core/db/staging_schema.h"

#include <algorithm>

#include "core/common/text.h"
#include "core/db/process_info.h"

namespace crm::db {
namespace {

using LT = LogicalType;

ColumnDef Col(std::string_view name, LT type = LT::kText, bool not_null = false) {
  return ColumnDef{std::string(name), type, not_null};
}

std::vector<TableDef> MakeJournalTables() {
  std::vector<TableDef> t;
  t.push_back({"_meta", "", {Col("key", LT::kText, true), Col("value")}, {"key"}, {}});
  t.push_back(
      {"_runs",
       "id",
       {Col("command", LT::kText, true), Col("spec_path"), Col("spec_sha256"),
        Col("load_id", LT::kInteger), Col("subset"), Col("options_json", LT::kJson),
        Col("user_name"), Col("host"), Col("pid", LT::kInteger), Col("crm_version"),
        Col("started_at", LT::kText, true), Col("finished_at"), Col("outcome", LT::kText, true),
        Col("exit_code", LT::kInteger), Col("counts_json", LT::kJson)},
       {},
       {{{"command"}}}});
  t.push_back({"_loads",
               "id",
               {Col("run_id", LT::kInteger, true), Col("subset"), Col("fingerprint"),
                Col("created_at", LT::kText, true), Col("promoted", LT::kInteger, true),
                Col("promoted_at")},
               {},
               {}});
  // One row per source per load: what the landing found. raw_load_id is the load whose raw rows
  // hold this source (an unchanged source keeps the rows of an earlier load: idempotent).
  t.push_back({"_load_sources",
               "",
               {Col("load_id", LT::kInteger, true), Col("source", LT::kText, true),
                Col("fingerprint", LT::kText, true), Col("raw_load_id", LT::kInteger, true),
                Col("extracted", LT::kInteger), Col("suppressed", LT::kInteger),
                Col("rejected", LT::kInteger), Col("landed", LT::kInteger),
                Col("decisions_json", LT::kJson)},
               {"load_id", "source"},
               {}});
  // Source column names as the source spells them ("E-Mail Address", "address.city") and the
  // raw_<source> column that holds each, in source order, per raw load.
  t.push_back({"_source_columns",
               "",
               {Col("raw_load_id", LT::kInteger, true), Col("source", LT::kText, true),
                Col("position", LT::kInteger, true), Col("source_name", LT::kText, true),
                Col("raw_column", LT::kText, true)},
               {"raw_load_id", "source", "position"},
               {}});
  // The funnel per run, source and entity: extracted = out_of_scope + suppressed + rejected +
  // not_in_subset + staged (checked by the stage; reports render it).
  t.push_back({"_reconciliation",
               "",
               {Col("run_id", LT::kInteger, true), Col("load_id", LT::kInteger, true),
                Col("source", LT::kText, true), Col("entity", LT::kText, true),
                Col("extracted", LT::kInteger, true), Col("out_of_scope", LT::kInteger, true),
                Col("suppressed", LT::kInteger, true), Col("rejected", LT::kInteger, true),
                Col("not_in_subset", LT::kInteger, true), Col("staged", LT::kInteger, true)},
               {"run_id", "source", "entity"},
               {}});
  t.push_back({"_rejects",
               "id",
               {Col("run_id", LT::kInteger, true), Col("load_id", LT::kInteger),
                Col("phase", LT::kText, true), Col("source"), Col("entity"),
                Col("line", LT::kInteger), Col("byte_offset", LT::kInteger), Col("column_name"),
                Col("kind", LT::kText, true), Col("raw_text"), Col("raw_hex"),
                Col("message", LT::kText, true), Col("created_at", LT::kText, true)},
               {},
               {{{"run_id"}}, {{"source"}}}});
  t.push_back(
      {"_results",
       "id",
       {Col("run_id", LT::kInteger, true), Col("load_id", LT::kInteger),
        Col("rule_id", LT::kText, true), Col("rule"), Col("entity"), Col("field"), Col("severity"),
        Col("checked", LT::kInteger), Col("failed", LT::kInteger), Col("threshold"),
        Col("passed", LT::kInteger), Col("blocking", LT::kInteger), Col("details_json", LT::kJson)},
       {},
       {{{"run_id"}}}});
  t.push_back({"_failures",
               "id",
               {Col("run_id", LT::kInteger, true), Col("rule_id", LT::kText, true), Col("entity"),
                Col("record_key"), Col("source"), Col("line", LT::kInteger), Col("value_text"),
                Col("message")},
               {},
               {{{"run_id", "rule_id"}}}});
  // The plan of a `plan` run (plan.json): profiles, mapping coverage, scope, estimate.
  t.push_back({"_plans",
               "",
               {Col("run_id", LT::kInteger, true), Col("plan_json", LT::kJson, true)},
               {"run_id"},
               {}});
  // Pairs identity resolution could not decide, for a person to review (values masked).
  t.push_back({"_possible_matches",
               "id",
               {Col("run_id", LT::kInteger, true), Col("entity", LT::kText, true),
                Col("a_source"), Col("a_key"), Col("b_source"), Col("b_key"),
                Col("score", LT::kReal), Col("rule"), Col("details_json", LT::kJson)},
               {},
               {{{"run_id", "entity"}}}});
  t.push_back({"_checkpoints",
               "",
               {Col("run_id", LT::kInteger, true), Col("entity", LT::kText, true),
                Col("batch_no", LT::kInteger, true), Col("first_key"), Col("last_key"),
                Col("rows_done", LT::kInteger), Col("state", LT::kText, true),
                Col("updated_at", LT::kText, true)},
               {"run_id", "entity", "batch_no"},
               {}});
  t.push_back({"_crosswalk",
               "",
               {Col("load_id", LT::kInteger, true), Col("entity", LT::kText, true),
                Col("gold_key", LT::kText, true), Col("target_id")},
               {"load_id", "entity", "gold_key"},
               {}});
  // Written and read in key order, one row per loaded record.
  t.back().clustered = true;
  t.push_back({"_preimages",
               "id",
               {Col("run_id", LT::kInteger, true), Col("entity", LT::kText, true),
                Col("target_table"), Col("target_key"), Col("action", LT::kText, true),
                Col("before_json", LT::kJson), Col("checksum"), Col("created_at"),
                // Action insert_batch: the keys (a JSON array) and their number of one batch
                // inserted into a table that was empty, in one row keyed by its first key.
                Col("batch_keys", LT::kJson), Col("batch_rows", LT::kInteger)},
               {},
               // With the key: a resume looks pre-images up by key range and a cutover drops
               // those of its refused rows by key (per key, a scan of the run's pre-images).
               {{{"run_id", "entity", "target_key"}}}});
  // Written a row per updated record (a batch's inserts into an empty table: one row); read in
  // id order, which reused ids keep.
  t.back().ids_reusable = true;
  t.push_back({"_notes",
               "id",
               {Col("run_id", LT::kInteger), Col("kind", LT::kText, true), Col("author"),
                Col("created_at", LT::kText, true), Col("text", LT::kText, true)},
               {},
               {}});
  t.push_back({"_lock",
               "",
               {Col("name", LT::kText, true), Col("token", LT::kText, true), Col("command"),
                Col("pid", LT::kInteger), Col("host"), Col("boot_id"), Col("since")},
               {"name"},
               {}});
  return t;
}

std::string PrefixedName(std::string_view prefix, std::string_view name, std::string_view what) {
  ValidateIdentifier(name, what);
  std::string table = std::string(prefix) + std::string(name);
  if (table.size() > kMaxIdentifierLength) {
    throw Error(ErrorCategory::kSpec, std::string(what) + " '" + std::string(name) +
                                          "' is too long: its table " + table + " would exceed " +
                                          std::to_string(kMaxIdentifierLength) + " characters");
  }
  return table;
}

void CheckSpecColumn(std::string_view name, std::string_view what) {
  ValidateIdentifier(name, what);
  if (IsReservedColumnName(name)) {
    throw Error(ErrorCategory::kSpec, std::string(what) + " '" + std::string(name) +
                                          "' is reserved: names starting "
                                          "with " +
                                          std::string(kLineagePrefix) +
                                          " belong to crm-migrate's lineage columns");
  }
}

std::vector<ColumnDef> Lineage(bool with_source) {
  std::vector<ColumnDef> cols{Col(kColLoad, LT::kInteger, true), Col(kColRun, LT::kInteger, true)};
  if (with_source) cols.push_back(Col(kColSource, LT::kText, true));
  cols.push_back(Col(kColLine, LT::kInteger));
  cols.push_back(Col(kColOffset, LT::kInteger));
  cols.push_back(Col(kColHash));
  cols.push_back(Col(kColBucket, LT::kInteger));
  return cols;
}

void AddFields(const FieldColumn& key, const std::vector<FieldColumn>& fields, TableDef* table) {
  CheckSpecColumn(key.name, "key field");
  table->columns.push_back(Col(key.name, key.type));
  for (const FieldColumn& field : fields) {
    CheckSpecColumn(field.name, "field name");
    if (field.name == key.name) continue;
    table->columns.push_back(Col(field.name, field.type));
  }
}

bool IsOurTable(const std::string& name) {
  return StartsWith(name, "_") || StartsWith(name, "raw_") || StartsWith(name, "stg_") ||
         StartsWith(name, "gold_") || StartsWith(name, "xref_");
}

int ReadVersion(Database& db, const std::vector<std::string>& tables) {
  auto has = [&](std::string_view name) {
    return std::find(tables.begin(), tables.end(), name) != tables.end();
  };
  if (!has("_meta")) {
    if (has("_runs")) return 0;
    auto foreign = std::find_if(tables.begin(), tables.end(),
                                [](const std::string& t) { return !IsOurTable(t); });
    if (foreign != tables.end()) {
      throw Error(ErrorCategory::kIo,
                  "database " + db.masked_url() +
                      " is not empty and is not a crm-migrate staging database (it has a table '" +
                      *foreign + "'): point staging: at a new or empty database");
    }
    return -1;
  }
  return db.Guard("reading the schema version", [&] {
    std::string value;
    soci::indicator ind = soci::i_null;
    db.session() << "SELECT " + db.Quote("value") + " FROM " + db.Quote("_meta") + " WHERE " +
                        db.Quote("key") + " = 'schema_version'",
        soci::into(value, ind);
    int version = 0;
    if (ind == soci::i_ok) {
      try {
        version = std::stoi(value);
      } catch (const std::exception&) {
        throw Error(ErrorCategory::kIo, "staging database " + db.masked_url() +
                                            " has a corrupt schema version '" + value + "'");
      }
    }
    return version;
  });
}

void SetMeta(Database& db, const std::string& key, const std::string& value) {
  std::string sql = UpsertSql(db.traits(), "_meta", {"key", "value"}, {"key"});
  db.Guard("writing _meta", [&] {
    std::string k = key, v = value;
    db.session() << sql, soci::use(k), soci::use(v);
  });
}

}  // namespace

const std::vector<TableDef>& JournalTables() {
  static const std::vector<TableDef> tables = MakeJournalTables();
  return tables;
}

bool IsReservedColumnName(std::string_view name) {
  return StartsWith(ToLowerAscii(name), kLineagePrefix);
}

std::string RawTableName(std::string_view source) {
  return PrefixedName("raw_", source, "source name");
}
std::string StagedTableName(std::string_view entity) {
  return PrefixedName("stg_", entity, "entity name");
}
std::string GoldTableName(std::string_view entity) {
  return PrefixedName("gold_", entity, "entity name");
}
std::string XrefTableName(std::string_view entity) {
  return PrefixedName("xref_", entity, "entity name");
}

LogicalType StorageType(const spec::Field& f) {
  using FT = spec::FieldType;
  if (f.pii == spec::PiiMode::kTokenize) return LT::kText;
  switch (f.type) {
    case FT::kInteger:
      return LT::kInteger;
    case FT::kDecimal:
      return LT::kDecimal;
    case FT::kBoolean:
      return LT::kBoolean;
    case FT::kDate:
      return LT::kDate;
    case FT::kDatetime:
      return LT::kTimestamp;
    case FT::kJson:
      return LT::kJson;
    default:
      return LT::kText;
  }
}

TableDef RawTableDef(std::string_view source, const std::vector<std::string>& columns) {
  TableDef table{RawTableName(source), std::string(kColRow), Lineage(false), {}, {}};
  for (const std::string& column : columns) {
    CheckSpecColumn(column, "source column");
    table.columns.push_back(Col(column));
  }
  // Raw rows are read, counted and removed by load; nothing looks them up by _crm_hash, and on
  // PostgreSQL indexing it too took 1.9 s of a 1M-row landing against 0.5 s for the load alone.
  table.indexes.push_back({{std::string(kColLoad)}});
  return table;
}

TableDef StagedTableDef(std::string_view entity, const FieldColumn& key,
                        const std::vector<FieldColumn>& fields) {
  TableDef table{StagedTableName(entity), std::string(kColRow), Lineage(true), {}, {}};
  AddFields(key, fields, &table);
  table.indexes.push_back({{std::string(kColLoad), key.name}});
  return table;
}

TableDef GoldTableDef(std::string_view entity, const FieldColumn& key,
                      const std::vector<FieldColumn>& fields) {
  TableDef table{GoldTableName(entity),
                 "",
                 {Col(kColLoad, LT::kInteger, true), Col(kColRun, LT::kInteger, true),
                  Col("_crm_members", LT::kInteger)},
                 {std::string(kColLoad), key.name},
                 {}};
  AddFields(key, fields, &table);
  table.columns[3].not_null = true;  // the key, part of the primary key
  return table;
}

TableDef XrefTableDef(std::string_view entity) {
  return TableDef{XrefTableName(entity),
                  "",
                  {Col(kColLoad, LT::kInteger, true), Col("_crm_gold_key", LT::kText, true),
                   Col(kColSource, LT::kText, true), Col("_crm_source_key", LT::kText, true),
                   Col(kColLine, LT::kInteger), Col("_crm_score", LT::kReal), Col("_crm_rule")},
                  {std::string(kColLoad), std::string(kColSource), "_crm_source_key"},
                  {{{std::string(kColLoad), "_crm_gold_key"}}}};
}

void CreateTable(Database& db, const TableDef& table) {
  for (const std::string& sql : RenderCreateTable(db.traits(), table)) db.Execute(sql);
}

namespace {

// Version 3 keeps the cutover's target ids in _crosswalk: those that versions before it wrote
// into xref_<entity>._crm_target_id are copied there (the column stays, no longer written).
void CopyTargetIds(Database& db, const std::vector<std::string>& tables, SchemaStatus* status) {
  for (const std::string& table : tables) {
    if (table.rfind("xref_", 0) != 0) continue;
    const std::vector<std::string> columns = db.ListColumns(table);
    if (std::find(columns.begin(), columns.end(), "_crm_target_id") == columns.end()) continue;
    std::string entity = table.substr(5);
    db.session() << "INSERT INTO " + db.Quote("_crosswalk") + " (" + db.Quote("load_id") + ", " +
                        db.Quote("entity") + ", " + db.Quote("gold_key") + ", " +
                        db.Quote("target_id") + ") SELECT DISTINCT " + db.Quote(kColLoad) +
                        ", :e, " + db.Quote("_crm_gold_key") + ", " +
                        db.Quote("_crm_target_id") + " FROM " + db.Quote(table) + " WHERE " +
                        db.Quote("_crm_target_id") + " IS NOT NULL",
        soci::use(entity);
    status->changes.push_back("copied the target ids of " + table + " into _crosswalk");
  }
}

}  // namespace

SchemaStatus EnsureStagingSchema(Database& db) {
  SchemaStatus status;
  std::vector<std::string> tables = db.ListTables();
  status.found_version = ReadVersion(db, tables);
  if (status.found_version > kStagingSchemaVersion) {
    throw Error(ErrorCategory::kIo,
                "staging database " + db.masked_url() + " was made by crm-migrate schema v" +
                    std::to_string(status.found_version) + "; this build knows up to v" +
                    std::to_string(kStagingSchemaVersion) + ": upgrade crm-migrate");
  }
  if (status.found_version == kStagingSchemaVersion) return status;
  status.created = status.found_version < 0;
  // One transaction where DDL is transactional (SQLite, PostgreSQL): a migration that fails
  // half-way leaves the old layout, not a mixture.
  db.Guard("migrating the staging schema", [&] {
    soci::transaction tx(db.session());
    for (const TableDef& table : JournalTables()) {
      if (std::find(tables.begin(), tables.end(), table.name) == tables.end()) {
        CreateTable(db, table);
        if (!status.created) status.changes.push_back("created table " + table.name);
        continue;
      }
      std::vector<std::string> existing = db.ListColumns(table.name);
      for (const ColumnDef& column : table.columns) {
        if (std::find(existing.begin(), existing.end(), column.name) != existing.end()) continue;
        db.Execute(RenderAddColumn(db.traits(), table.name, column));
        status.changes.push_back("added column " + table.name + "." + column.name);
      }
    }
    if (!status.created && status.found_version < 3) CopyTargetIds(db, tables, &status);
    SetMeta(db, "schema_version", std::to_string(kStagingSchemaVersion));
    if (status.created) {
      SetMeta(db, "created_at", NowUtcIso());
    } else {
      SetMeta(db, "migrated_from", std::to_string(status.found_version));
    }
    tx.commit();
  });
  return status;
}

std::unique_ptr<Database> OpenStaging(std::string_view url, std::string_view base_dir,
                                      const ConnectOptions& options, SchemaStatus* status) {
  std::unique_ptr<Database> db = Database::Connect(url, base_dir, options);
  for (std::string_view sql : db->traits().staging_setup) db->Execute(std::string(sql));
  SchemaStatus result = EnsureStagingSchema(*db);
  if (status != nullptr) *status = result;
  return db;
}

}  // namespace crm::db
