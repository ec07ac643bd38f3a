// Database URLs: the one place that turns what a spec or a flag says (`sqlite:work/staging.db`,
// `postgresql://user:pw@host:5432/db`, `mysql://...`, `odbc:DSN=x;UID=u;PWD=p`, a bare ODBC
// connection string, `csv:out/`) into a SOCI backend name and connect string, plus a masked form
// that is safe to print, log and journal. Passwords never leave this module unmasked except inside
// `connect_string`, which only Connect() may use.
//
// Accepted forms:
//   sqlite:PATH            relative PATH resolved against base_dir; sqlite::memory: for tests;
//                          sqlite:///abs/path also accepted
//   postgresql://[user[:password]@][host][:port][/dbname][?key=value&...]   (postgres:// too)
//                          query keys are passed to libpq (sslmode, options, connect_timeout, ...)
//   mysql://[user[:password]@][host][:port][/dbname][?key=value&...]        (mariadb:// too)
//                          query keys: the SOCI MySQL keys (sslca, charset, connect_timeout, ...)
//   odbc:CONNECTION-STRING or a bare string starting with DSN=, DRIVER= or FILEDSN=
//   csv:FOLDER             a target kind with no session (CSV export)
// User, password and database name may be percent-encoded.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace crm::db {

enum class Dialect { kSqlite, kPostgresql, kMysql, kOdbc, kCsv };

// "sqlite", "postgresql", "mysql", "odbc", "csv".
std::string_view DialectName(Dialect dialect);

struct DatabaseUrl {
  Dialect dialect = Dialect::kSqlite;
  std::string soci_backend;          // "sqlite3", "postgresql", "mysql", "odbc"; empty for csv
  std::string connect_string;        // for SOCI; holds the password: never print it
  std::string masked;                // safe to print: postgresql://crm:***@127.0.0.1:55432/db
  std::string path;                  // sqlite: the resolved file (or ":memory:"); csv: the folder
  std::vector<std::string> secrets;  // passwords found, so error text can be scrubbed of them
};

// Parses `url`; relative sqlite and csv paths are resolved against `base_dir` (the spec's folder;
// empty means the current directory). Throws crm::Error(kSpec) naming the masked URL and what is
// wrong with it.
DatabaseUrl ParseDatabaseUrl(std::string_view url, std::string_view base_dir);

// Masks anything that looks like a secret in free text: `://user:pw@` userinfo, and the values
// of password=, pass=, pwd= and sslpassword= (case-insensitive, quoted or braced values too).
// Used on every driver message before it reaches an error, a log or the journal.
std::string MaskConnectionSecrets(std::string_view text);

// MaskConnectionSecrets plus every occurrence of the URL's own passwords (those of three or more
// characters: shorter ones would scramble ordinary words, and the structural masking covers the
// places drivers echo them).
std::string MaskSecrets(std::string_view text, const DatabaseUrl& url);

}  // namespace crm::db
