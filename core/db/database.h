// A connection to one database: a soci::session plus the dialect traits that describe it, and the
// edge where SOCI's exceptions become crm::Error with a category and a masked message. Phases may
// use the session directly for their own statements, but build SQL through the traits and run it
// inside Guard() so a driver error never escapes untranslated or with a password in it.
#pragma once

#include <soci/soci.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.h"
#include "core/db/dialect.h"
#include "core/db/url.h"

namespace crm::db {

struct ConnectOptions {
  // sqlite: create the file, and its parent folders, when missing. False for read-only commands
  // (status, report), which must not leave an empty staging database behind.
  bool create = true;
  // sqlite: open the file read-only (sources, lookup tables): reading never changes it.
  bool read_only = false;
};

class Database {
 public:
  // Throws crm::Error(kIo, "cannot connect to <masked url>: <reason>"), or kSpec for a URL kind
  // without a session (csv:) or an ODBC data source whose product has no dialect traits.
  static std::unique_ptr<Database> Connect(const DatabaseUrl& url,
                                           const ConnectOptions& options = {});
  static std::unique_ptr<Database> Connect(std::string_view url, std::string_view base_dir,
                                           const ConnectOptions& options = {});

  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  soci::session& session() { return session_; }
  const DialectTraits& traits() const { return *traits_; }
  const DatabaseUrl& url() const { return url_; }
  const std::string& masked_url() const { return url_.masked; }

  // Validates and quotes an identifier for this dialect (see QuoteIdentifier).
  std::string Quote(std::string_view name, std::string_view what = "identifier") const {
    return QuoteIdentifier(*traits_, name, what);
  }

  // Runs one statement without parameters (DDL, session settings), translating errors.
  void Execute(const std::string& sql);

  // Tables of the current schema (PostgreSQL), database (MySQL) or file (SQLite), sorted.
  std::vector<std::string> ListTables();
  bool HasTable(std::string_view name);
  // Column names of `table` in definition order; empty when the table does not exist.
  std::vector<std::string> ListColumns(std::string_view table);

  // Runs `fn`; a SOCI (or other std) exception becomes crm::Error(category, "<doing> on
  // <masked url>: <masked driver message> (<soci category>)"). crm::Error passes through.
  template <typename Fn>
  auto Guard(std::string_view doing, Fn&& fn, ErrorCategory category = ErrorCategory::kIo)
      -> decltype(fn()) {
    try {
      return fn();
    } catch (const Error&) {
      throw;
    } catch (const std::exception& e) {
      ThrowTranslated(e, doing, category);
    }
  }

  // The translation Guard uses, for callers with their own try blocks.
  [[noreturn]] void ThrowTranslated(const std::exception& e, std::string_view doing,
                                    ErrorCategory category) const;

 private:
  explicit Database(DatabaseUrl url) : url_(std::move(url)) {}

  DatabaseUrl url_;
  soci::session session_;
  const DialectTraits* traits_ = nullptr;
};

// "connection_error", "constraint_violation", ... for a soci_error; "error" for anything else.
std::string_view SociCategoryName(const std::exception& e);

}  // namespace crm::db
