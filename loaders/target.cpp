#include "loaders/target.h"

#include <algorithm>
#include <filesystem>

#include "core/common/error.h"
#include "core/common/text.h"
#include "core/db/database.h"
#include "loaders/sql/sql_target.h"

namespace crm::loaders {

const TargetColumn* TargetTable::Find(const std::string& column) const {
  const std::string lower = ToLowerAscii(column);
  for (const TargetColumn& c : columns) {
    if (ToLowerAscii(c.name) == lower) return &c;
  }
  return nullptr;
}

bool TargetTable::IsUnique(const std::vector<std::string>& wanted) const {
  std::vector<std::string> a;
  for (const std::string& c : wanted) a.push_back(ToLowerAscii(c));
  std::sort(a.begin(), a.end());
  for (const auto& key : unique_keys) {
    std::vector<std::string> b;
    for (const std::string& c : key) b.push_back(ToLowerAscii(c));
    std::sort(b.begin(), b.end());
    if (a == b) return true;
  }
  return false;
}

std::unique_ptr<Target> OpenTarget(std::string_view url, std::string_view base_dir,
                                   const TargetOptions& options) {
  db::DatabaseUrl parsed = db::ParseDatabaseUrl(url, base_dir);
  if (parsed.dialect == db::Dialect::kCsv) return MakeCsvTarget(parsed, options);
  // A SQLite target is the CRM's own database: it must exist (made by the CRM's installer),
  // never be conjured empty by a typo in the URL, unless the tables are to be created too.
  if (parsed.dialect == db::Dialect::kSqlite && parsed.path != ":memory:" && !options.create &&
      !std::filesystem::exists(parsed.path)) {
    throw Error(ErrorCategory::kIo, "cannot connect to the target " + parsed.masked +
                                        ": there is no file " + parsed.path +
                                        " (create the CRM's schema in it first, or run "
                                        "`crm-migrate cutover --create-target`)");
  }
  std::unique_ptr<db::Database> db = db::Database::Connect(parsed, {.create = options.create});
  switch (db->traits().dialect) {
    case db::Dialect::kPostgresql:
      // Over ODBC the COPY path is not available (no libpq handle): the generic SOCI writer.
      if (parsed.dialect == db::Dialect::kPostgresql) return MakePostgresTarget(std::move(db));
      break;
    case db::Dialect::kMysql:
      return MakeMysqlTarget(std::move(db));
    default:
      break;
  }
  const db::Dialect product = db->traits().dialect;
  return std::make_unique<SqlTarget>(std::move(db), TargetTraitsFor(product));
}

}  // namespace crm::loaders
