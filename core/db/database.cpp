#include "core/db/database.h"

#include <soci/mysql/soci-mysql.h>
#include <soci/odbc/soci-odbc.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <system_error>

namespace crm::db {
namespace {

// Backends are linked in, not loaded by name at run time: a missing plugin path can never turn
// into a confusing "failed to find shared library" at a customer's site.
const soci::backend_factory& FactoryFor(Dialect dialect) {
  switch (dialect) {
    case Dialect::kSqlite:
      return *soci::factory_sqlite3();
    case Dialect::kPostgresql:
      return *soci::factory_postgresql();
    case Dialect::kMysql:
      return *soci::factory_mysql();
    case Dialect::kOdbc:
      return *soci::factory_odbc();
    case Dialect::kCsv:
      break;
  }
  throw Error(ErrorCategory::kInternal, "no SOCI backend for this URL kind");
}

// SQLite's default "serialized" mode takes a mutex in every API call, and its memory statistics
// another in every allocation: together 8% of a stage's CPU (sqlite3_bind_*, sqlite3_column_*).
// crm-migrate never uses one connection from two threads at once, which is all "multi-thread"
// mode asks. sqlite3_config works only before the library initialises, i.e. before the first
// connection; refused later, the default mode is kept, which is merely slower.
void ConfigureSqliteOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  });
}

// Over ODBC the SQL we generate must match the product behind the driver. The cast is static:
// the session was opened with the ODBC factory, and SOCI does not export the backend's typeinfo.
const DialectTraits* OdbcTraits(soci::session& session) {
  auto* backend = static_cast<soci::odbc_session_backend*>(session.get_backend());
  switch (backend->get_database_product()) {
    case soci::odbc_session_backend::prod_postgresql:
      return &TraitsFor(Dialect::kPostgresql);
    case soci::odbc_session_backend::prod_mysql:
      return &TraitsFor(Dialect::kMysql);
    case soci::odbc_session_backend::prod_sqlite:
      return &TraitsFor(Dialect::kSqlite);
    default:
      return nullptr;
  }
}

std::string OneLine(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.pop_back();
  return text;
}

}  // namespace

std::string_view SociCategoryName(const std::exception& e) {
  const auto* soci = dynamic_cast<const soci::soci_error*>(&e);
  if (soci == nullptr) return "error";
  switch (soci->get_error_category()) {
    case soci::soci_error::connection_error:
      return "connection_error";
    case soci::soci_error::invalid_statement:
      return "invalid_statement";
    case soci::soci_error::no_privilege:
      return "no_privilege";
    case soci::soci_error::no_data:
      return "no_data";
    case soci::soci_error::constraint_violation:
      return "constraint_violation";
    case soci::soci_error::unknown_transaction_state:
      return "unknown_transaction_state";
    case soci::soci_error::system_error:
      return "system_error";
    case soci::soci_error::unknown:
      return "unknown";
  }
  return "unknown";
}

std::unique_ptr<Database> Database::Connect(std::string_view url, std::string_view base_dir,
                                            const ConnectOptions& options) {
  return Connect(ParseDatabaseUrl(url, base_dir), options);
}

std::unique_ptr<Database> Database::Connect(const DatabaseUrl& url, const ConnectOptions& options) {
  if (url.dialect == Dialect::kCsv) {
    throw Error(ErrorCategory::kSpec,
                "'" + url.masked + "' is a CSV folder, not a database: it cannot be used here");
  }
  std::unique_ptr<Database> db(new Database(url));
  if (url.dialect == Dialect::kSqlite && url.path != ":memory:") {
    std::filesystem::path file(url.path);
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) {
      if (!options.create) {
        // A staging database opened only to read it has simply not been made yet; a source or a
        // target is the user's to provide.
        throw Error(ErrorCategory::kIo,
                    "cannot connect to " + url.masked + ": there is no file " + file.string() +
                        (options.read_only ? "" : " (nothing has been run yet?)"));
      }
      if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
      if (ec) {
        throw Error(ErrorCategory::kIo, "cannot connect to " + url.masked + ": cannot create " +
                                            file.parent_path().string() + ": " + ec.message());
      }
    }
  }
  if (url.dialect == Dialect::kSqlite) ConfigureSqliteOnce();
  try {
    const bool read_only = options.read_only && url.dialect == Dialect::kSqlite;
    db->session_.open(FactoryFor(url.dialect),
                      url.connect_string + (read_only ? " readonly=1" : ""));
  } catch (const std::exception& e) {
    throw Error(ErrorCategory::kIo,
                "cannot connect to " + url.masked + ": " + MaskSecrets(OneLine(e.what()), url));
  }
  db->traits_ = url.dialect == Dialect::kOdbc ? OdbcTraits(db->session_) : &TraitsFor(url.dialect);
  if (db->traits_ == nullptr) {
    throw Error(ErrorCategory::kSpec,
                "the ODBC data source " + url.masked +
                    " is not SQLite, PostgreSQL or MySQL/MariaDB: crm-migrate cannot generate "
                    "SQL for it");
  }
  for (std::string_view sql : db->traits_->session_setup) db->Execute(std::string(sql));
  return db;
}

void Database::ThrowTranslated(const std::exception& e, std::string_view doing,
                               ErrorCategory category) const {
  std::string message = MaskSecrets(OneLine(e.what()), url_);
  throw Error(category, std::string(doing) + " on " + url_.masked + ": " + message + " (" +
                            std::string(SociCategoryName(e)) + ")");
}

void Database::Execute(const std::string& sql) {
  Guard("running '" + sql.substr(0, 60) + "'", [&] { session_ << sql; });
}

std::vector<std::string> Database::ListTables() {
  return Guard("listing tables", [&] {
    std::vector<std::string> tables;
    soci::rowset<std::string> rows = session_.prepare << std::string(traits_->list_tables);
    for (const std::string& name : rows) tables.push_back(name);
    std::sort(tables.begin(), tables.end());
    return tables;
  });
}

bool Database::HasTable(std::string_view name) {
  std::vector<std::string> tables = ListTables();
  return std::find(tables.begin(), tables.end(), name) != tables.end();
}

std::vector<std::string> Database::ListColumns(std::string_view table) {
  return Guard("listing the columns of " + std::string(table), [&] {
    std::vector<std::string> columns;
    std::string name(table);
    soci::rowset<std::string> rows =
        (session_.prepare << std::string(traits_->list_columns), soci::use(name));
    for (const std::string& column : rows) columns.push_back(column);
    return columns;
  });
}

}  // namespace crm::db
