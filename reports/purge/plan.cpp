// PlanPurge: which columns of which tables hold personal values, and how many there are. The
// per-spec tables are found in the database (not the spec), so a source or entity that an
// earlier version of the spec had is purged too.
#include <algorithm>
#include <array>
#include <string_view>

#include "core/common/text.h"
#include "core/db/cells.h"
#include "core/db/staging_schema.h"
#include "reports/purge/purge.h"

namespace crm::purge {
namespace {

// Journal columns that hold a person's values; every other journal column is a count, a key, a
// reason or a time.
struct JournalErasure {
  std::string_view table, what;
  std::vector<std::string> columns;
};

const std::vector<JournalErasure>& JournalErasures() {
  static const std::vector<JournalErasure> erasures = {
      {"_rejects", "rejected rows as they were read", {"raw_text", "raw_hex"}},
      {"_failures", "failing samples of the rules", {"value_text"}},
      {"_possible_matches", "compared values of possible matches", {"details_json"}},
      {"_preimages", "target rows as they were before the cutover", {"before_json"}},
  };
  return erasures;
}

// Lineage says where a row came from, never what it said: _crm_provenance (identity's
// kColProvenance) names the source and key each golden value came from. "_crm_raw" (a JSON
// Lines row as read) and "_crm_secondary" (a golden record's other e-mails, ...) carry the
// kLineagePrefix but hold values, so they are not in this list.
bool IsLineage(std::string_view column) {
  static const std::array<std::string_view, 10> kLineage = {
      db::kColRow,    db::kColLoad, db::kColRun,    db::kColSource,  db::kColLine,
      db::kColOffset, db::kColHash, db::kColBucket, "_crm_members", "_crm_provenance"};
  return std::find(kLineage.begin(), kLineage.end(), column) != kLineage.end();
}

// What a per-spec table is, or empty for tables the purge leaves whole (xref_, journal).
std::string Describe(const std::string& table) {
  if (StartsWith(table, "raw_")) return "raw rows of source " + table.substr(4);
  if (StartsWith(table, "stg_")) return "staged records of entity " + table.substr(4);
  if (StartsWith(table, "gold_")) return "golden records of entity " + table.substr(5);
  return "";
}

// The per-spec table's columns to erase: all but lineage, and for stg_ and gold_ all but the
// record key, which StagedTableDef and GoldTableDef place first after the lineage.
std::vector<std::string> ValueColumns(db::Database& staging, const std::string& table) {
  bool keep_key = !StartsWith(table, "raw_");
  std::vector<std::string> columns;
  for (const std::string& column : staging.ListColumns(table)) {
    if (IsLineage(column)) continue;
    if (keep_key) {
      keep_key = false;
      continue;
    }
    columns.push_back(column);
  }
  return columns;
}

// count(*) and the non-NULL values of `erasure.columns`, in one scan of the table.
void CountValues(db::Database& staging, TableErasure* erasure) {
  std::string sql = "SELECT count(*)";
  for (const std::string& column : erasure->columns) {
    sql += ", count(" + staging.Quote(column) + ")";
  }
  sql += " FROM " + staging.Quote(erasure->table);
  staging.Guard("counting the values of " + erasure->table, [&] {
    soci::rowset<soci::row> rows = staging.session().prepare << sql;
    for (const soci::row& row : rows) {
      for (size_t i = 0; i < row.size(); ++i) {
        int64_t n = db::CellInteger(row, i).value_or(0);
        if (i == 0) {
          erasure->rows = n;
        } else {
          erasure->values += n;
        }
      }
    }
  });
}

}  // namespace

int64_t PurgePlan::values() const {
  int64_t total = 0;
  for (const TableErasure& t : tables) total += t.values;
  return total;
}

int64_t PurgePlan::rows() const {
  int64_t total = 0;
  for (const TableErasure& t : tables) total += t.rows;
  return total;
}

PurgePlan PlanPurge(db::Database& staging, const spec::Spec& spec) {
  PurgePlan plan;
  const std::vector<std::string> tables = staging.ListTables();
  for (const JournalErasure& j : JournalErasures()) {
    if (std::find(tables.begin(), tables.end(), j.table) == tables.end()) continue;
    plan.tables.push_back({std::string(j.table), std::string(j.what), j.columns});
  }
  for (const std::string& table : tables) {
    std::string what = Describe(table);
    if (what.empty()) continue;
    std::vector<std::string> columns = ValueColumns(staging, table);
    if (columns.empty()) continue;
    plan.tables.push_back({table, what, std::move(columns)});
  }
  for (TableErasure& erasure : plan.tables) CountValues(staging, &erasure);
  for (const spec::Entity& entity : spec.entities) {
    const spec::Field* key = entity.FindField(entity.key);
    if (key != nullptr && key->pii != spec::PiiMode::kNone) {
      plan.warnings.push_back("entity " + entity.name + ": its key field " + entity.key +
                              " is marked pii; keys stay as the records' lineage, so its "
                              "values are not erased");
    }
  }
  return plan;
}

}  // namespace crm::purge
