#include "identity/golden/singletons.h"

#include "core/db/dialect.h"
#include "core/db/staging_schema.h"
#include "identity/golden/clusters.h"
#include "identity/golden/golden_tables.h"

namespace crm::identity {
namespace {

constexpr std::string_view kExceptions = "_crm_identity_rows";
constexpr std::string_view kColMerged = "_crm_merged";

// CREATE TEMPORARY TABLE IF NOT EXISTS reads the same in SQLite, PostgreSQL and MySQL/MariaDB, and
// none of them ends the caller's transaction for it (MySQL would for a DROP TABLE without
// TEMPORARY, which the others do not know: the table is emptied instead, and lives as long as the
// session). The column types come from the dialect's traits. Each statement below names the table
// once: MySQL cannot open a temporary table twice in one statement.
void CreateExceptions(db::Database& staging) {
  const auto q = [&](std::string_view name) { return staging.Quote(name); };
  const db::DialectTraits& t = staging.traits();
  staging.Execute("CREATE TEMPORARY TABLE IF NOT EXISTS " + q(kExceptions) + " (" +
                  q(db::kColRow) + " " + std::string(db::SqlType(t, db::LogicalType::kInteger)) +
                  " NOT NULL PRIMARY KEY, " + q(kColMerged) + " " +
                  std::string(db::SqlType(t, db::LogicalType::kInteger)) + " NOT NULL, " +
                  q(kColScore) + " " + std::string(db::SqlType(t, db::LogicalType::kReal)) + ", " +
                  q(kColRule) + " " + std::string(db::SqlType(t, db::LogicalType::kText)) + ")");
  staging.Execute("DELETE FROM " + q(kExceptions));
}

void InsertExceptions(db::Database& staging, const std::vector<RowException>& exceptions) {
  if (exceptions.empty()) return;
  std::vector<long long> rows, merged;
  std::vector<double> scores;
  std::vector<std::string> rules;
  for (const RowException& e : exceptions) {
    rows.push_back(e.row);
    merged.push_back(e.merged ? 1 : 0);
    scores.push_back(e.score);
    rules.push_back(e.rule);
  }
  soci::statement st(staging.session());
  st.exchange(soci::use(rows));
  st.exchange(soci::use(merged));
  st.exchange(soci::use(scores));
  st.exchange(soci::use(rules));
  st.alloc();
  st.prepare(db::InsertSql(staging.traits(), kExceptions,
                           {std::string(db::kColRow), std::string(kColMerged),
                            std::string(kColScore), std::string(kColRule)}));
  st.define_and_bind();
  st.execute(true);
}

}  // namespace

void CopySingletons(db::Database& staging, const spec::Entity& entity, int64_t load_id,
                    int64_t run_id, const std::vector<RowException>& exceptions) {
  const auto q = [&](std::string_view name) { return staging.Quote(name); };
  CreateExceptions(staging);
  InsertExceptions(staging, exceptions);
  std::string columns = q(entity.key), selected = "s." + q(entity.key);
  for (const spec::Field& f : entity.fields) {
    if (f.name == entity.key) continue;
    columns += ", " + q(f.name);
    selected += ", s." + q(f.name);
  }
  // Load and run ids are numbers this process holds, never spec or source text.
  const std::string stg = q(db::StagedTableName(entity.name)) + " s";
  const std::string in_load = "s." + q(db::kColLoad) + " = " + std::to_string(load_id);
  const std::string e_row = "e." + q(db::kColRow);
  staging.Execute("INSERT INTO " + q(db::GoldTableName(entity.name)) + " (" + q(db::kColLoad) +
                  ", " + q(db::kColRun) + ", " + q(kColMembers) + ", " + columns + ") SELECT s." +
                  q(db::kColLoad) + ", " + std::to_string(run_id) + ", 1, " + selected + " FROM " +
                  stg + " WHERE " + in_load + " AND NOT EXISTS (SELECT 1 FROM " + q(kExceptions) +
                  " e WHERE " + e_row + " = s." + q(db::kColRow) + " AND e." + q(kColMerged) +
                  " = 1)");
  staging.Execute("INSERT INTO " + q(db::XrefTableName(entity.name)) + " (" + q(db::kColLoad) +
                  ", " + q(kColGoldKey) + ", " + q(db::kColSource) + ", " + q(kColSourceKey) +
                  ", " + q(db::kColLine) + ", " + q(kColScore) + ", " + q(kColRule) +
                  ") SELECT s." +
                  q(db::kColLoad) + ", s." + q(entity.key) + ", s." + q(db::kColSource) + ", s." +
                  q(entity.key) + ", s." + q(db::kColLine) + ", COALESCE(e." + q(kColScore) +
                  ", 1), COALESCE(e." + q(kColRule) + ", '" + std::string(kRuleSingleton) +
                  "') FROM " + stg + " LEFT JOIN " + q(kExceptions) + " e ON " + e_row + " = s." +
                  q(db::kColRow) + " WHERE " + in_load + " AND (" + e_row + " IS NULL OR e." +
                  q(kColMerged) + " = 0)");
  staging.Execute("DELETE FROM " + q(kExceptions));
}

}  // namespace crm::identity
