// ExecutePurge: the erasure in one transaction, then the compaction that takes the old bytes out
// of the database's files. An UPDATE to NULL alone leaves the old values in free pages (SQLite),
// dead tuples (PostgreSQL) or old row versions (InnoDB) until the space is reused.
#include <string_view>

#include "reports/purge/purge.h"

namespace crm::purge {
namespace {

// How a dialect gives the space of erased rows back. Data per dialect, like db::DialectTraits
// (where it belongs once a second phase needs it).
struct Compaction {
  std::vector<std::string_view> once;  // run once after the erasure
  std::string_view per_table;          // run per erased table, followed by the quoted name
};

const Compaction& CompactionFor(db::Dialect dialect) {
  // SQLite: VACUUM rewrites the file from the live rows; the checkpoint copies the rewrite from
  // the WAL into the file and truncates the WAL, which held the pages as they were.
  static const Compaction kSqlite{{"VACUUM", "PRAGMA wal_checkpoint(TRUNCATE)"}, ""};
  // PostgreSQL: VACUUM FULL writes a new copy of the table and removes the old file.
  static const Compaction kPostgresql{{}, "VACUUM FULL "};
  // MariaDB/MySQL: OPTIMIZE TABLE rebuilds an InnoDB table without the old row versions.
  static const Compaction kMysql{{}, "OPTIMIZE TABLE "};
  static const Compaction kNone{{}, ""};
  switch (dialect) {
    case db::Dialect::kSqlite:
      return kSqlite;
    case db::Dialect::kPostgresql:
      return kPostgresql;
    case db::Dialect::kMysql:
      return kMysql;
    default:
      return kNone;
  }
}

// UPDATE t SET a = NULL, b = NULL WHERE a IS NOT NULL OR b IS NOT NULL: rows purged before are
// not written again.
std::string EraseSql(db::Database& staging, const TableErasure& erasure) {
  std::string set, where;
  for (const std::string& column : erasure.columns) {
    const std::string quoted = staging.Quote(column);
    set += (set.empty() ? "" : ", ") + quoted + " = NULL";
    where += (where.empty() ? "" : " OR ") + quoted + " IS NOT NULL";
  }
  return "UPDATE " + staging.Quote(erasure.table) + " SET " + set + " WHERE " + where;
}

}  // namespace

void ExecutePurge(db::Database& staging, const PurgePlan& plan) {
  staging.Guard("erasing personal data", [&] {
    soci::transaction tx(staging.session());
    for (const TableErasure& erasure : plan.tables) {
      if (erasure.values > 0) staging.Execute(EraseSql(staging, erasure));
    }
    tx.commit();
  });
  // Compacted even when nothing was left to erase: a purge that was stopped after its commit
  // leaves the old bytes in the files until this step has run once.
  const Compaction& compaction = CompactionFor(staging.traits().dialect);
  staging.Guard("compacting the purged tables", [&] {
    if (!compaction.per_table.empty()) {
      for (const TableErasure& erasure : plan.tables) {
        staging.Execute(std::string(compaction.per_table) + staging.Quote(erasure.table));
      }
    }
    for (std::string_view sql : compaction.once) staging.Execute(std::string(sql));
  });
}

}  // namespace crm::purge
