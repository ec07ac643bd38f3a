#include "core/db/url.h"

#include <catch2/catch.hpp>

#include "core/common/error.h"

namespace crm::db {
namespace {

struct UrlCase {
  const char* url;
  const char* base_dir;
  Dialect dialect;
  const char* backend;
  const char* connect_string;
  const char* masked;
};

TEST_CASE("ParseDatabaseUrl turns every URL kind into a backend, connect string and mask",
          "[url]") {
  const UrlCase cases[] = {
      {"sqlite:work/staging.db", "/m", Dialect::kSqlite, "sqlite3", "db=\"/m/work/staging.db\"",
       "sqlite:work/staging.db"},
      {"sqlite:/abs/s.db", "/m", Dialect::kSqlite, "sqlite3", "db=\"/abs/s.db\"",
       "sqlite:/abs/s.db"},
      {"sqlite:///abs/s.db", "/m", Dialect::kSqlite, "sqlite3", "db=\"/abs/s.db\"",
       "sqlite:///abs/s.db"},
      {"sqlite:../up/my db.db", "/m/x", Dialect::kSqlite, "sqlite3", "db=\"/m/up/my db.db\"",
       "sqlite:../up/my db.db"},
      {"sqlite::memory:", "", Dialect::kSqlite, "sqlite3", "db=\":memory:\"", "sqlite::memory:"},
      {"postgresql://crm:s3cret@127.0.0.1:55432/db", "", Dialect::kPostgresql, "postgresql",
       "host='127.0.0.1' port='55432' dbname='db' user='crm' password='s3cret'",
       "postgresql://crm:***@127.0.0.1:55432/db"},
      {"postgres://u:p%40ss%27w@h/d?sslmode=require&options=-csearch_path%3Dx", "",
       Dialect::kPostgresql, "postgresql",
       "host='h' dbname='d' user='u' password='p@ss\\'w' sslmode='require' "
       "options='-csearch_path=x'",
       "postgres://u:***@h/d?sslmode=require&options=-csearch_path%3Dx"},
      {"postgresql://u:a@b@[::1]:5432/d", "", Dialect::kPostgresql, "postgresql",
       "host='::1' port='5432' dbname='d' user='u' password='a@b'",
       "postgresql://u:***@[::1]:5432/d"},
      {"postgresql:///d?password=x1y2z3", "", Dialect::kPostgresql, "postgresql",
       "dbname='d' password='x1y2z3'", "postgresql:///d?password=***"},
      {"mysql://crm:pw9@127.0.0.1:53306/crm", "", Dialect::kMysql, "mysql",
       "host='127.0.0.1' port='53306' db='crm' user='crm' password='pw9' charset='utf8mb4'",
       "mysql://crm:***@127.0.0.1:53306/crm"},
      {"mariadb://crm@localhost/crm?charset=latin1", "", Dialect::kMysql, "mysql",
       "host='localhost' db='crm' user='crm' charset='latin1'",
       "mariadb://crm@localhost/crm?charset=latin1"},
      {"odbc:DSN=x;UID=u;PWD=secret", "", Dialect::kOdbc, "odbc", "DSN=x;UID=u;PWD=secret",
       "odbc:DSN=x;UID=u;PWD=***"},
      {"Driver={PostgreSQL Unicode};Server=h;Pwd={a;b}}c};Database=d", "", Dialect::kOdbc, "odbc",
       "Driver={PostgreSQL Unicode};Server=h;Pwd={a;b}}c};Database=d",
       "Driver={PostgreSQL Unicode};Server=h;Pwd=***;Database=d"},
      {"csv:out/", "/m", Dialect::kCsv, "", "", "csv:out/"},
  };
  for (const UrlCase& c : cases) {
    INFO(c.url);
    DatabaseUrl url = ParseDatabaseUrl(c.url, c.base_dir);
    CHECK(url.dialect == c.dialect);
    CHECK(url.soci_backend == c.backend);
    CHECK(url.connect_string == c.connect_string);
    CHECK(url.masked == c.masked);
  }
}

TEST_CASE("ParseDatabaseUrl resolves relative paths against the spec's folder", "[url]") {
  CHECK(ParseDatabaseUrl("sqlite:a/./b/../s.db", "/spec/dir").path == "/spec/dir/a/s.db");
  CHECK(ParseDatabaseUrl("csv:out", "/spec").path == "/spec/out");
  CHECK(ParseDatabaseUrl("sqlite:s.db", "").path == "s.db");
}

TEST_CASE("ParseDatabaseUrl keeps the passwords it found so driver text can be scrubbed", "[url]") {
  CHECK(ParseDatabaseUrl("postgresql://u:topsecret@h/d", "").secrets ==
        std::vector<std::string>{"topsecret"});
  CHECK(ParseDatabaseUrl("odbc:DSN=x;PWD={br;aced}", "").secrets ==
        std::vector<std::string>{"br;aced"});
}

TEST_CASE("Bad URLs are spec errors that never show the password", "[url]") {
  struct Bad {
    const char* url;
    const char* message;
  };
  const Bad cases[] = {
      {"", "database URL is empty"},
      {"oracle://u:pw@h/d",
       "database URL 'oracle://u:***@h/d': unsupported kind; use sqlite:PATH, postgresql://..., "
       "mysql://..., odbc:DSN=... or csv:FOLDER"},
      {"sqlite:", "database URL 'sqlite:': name the database file: sqlite:work/staging.db"},
      {"postgresql://u:pw@h:99999/d",
       "database URL 'postgresql://u:***@h:99999/d': port '99999' is not a number from 1 to "
       "65535"},
      {"postgresql://u:p%zz@h/d",
       "database URL 'postgresql://u:***@h/d': bad percent-encoding "
       "(use %XX)"},
      {"mysql://u:pw@h:3306",
       "database URL 'mysql://u:***@h:3306': name the database: "
       "mysql://user@host:port/DBNAME"},
      {"mysql://u@h/d?bogus=1",
       "database URL 'mysql://u@h/d?bogus=1': unknown MySQL option "
       "'bogus'"},
      {"odbc:nothing",
       "database URL 'odbc:nothing': an ODBC connection string looks like "
       "DSN=name;UID=user;PWD=secret"},
      {"csv:", "database URL 'csv:': name the output folder: csv:out/"},
  };
  for (const Bad& c : cases) {
    INFO(c.url);
    try {
      ParseDatabaseUrl(c.url, "");
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.category() == ErrorCategory::kSpec);
      CHECK(std::string(e.what()) == c.message);
    }
  }
}

TEST_CASE("MaskConnectionSecrets masks userinfo and password keys in free text", "[url]") {
  CHECK(MaskConnectionSecrets("connection to postgresql://a:b@h/d failed") ==
        "connection to postgresql://a:***@h/d failed");
  CHECK(MaskConnectionSecrets("host='h' password='it\\'s' user=u") ==
        "host='h' password=*** user=u");
  CHECK(MaskConnectionSecrets("DSN=x;PWD={a;b}}c};UID=u") == "DSN=x;PWD=***;UID=u");
  CHECK(MaskConnectionSecrets("Password = hunter2, then") == "Password = ***, then");
  CHECK(MaskConnectionSecrets("passwords are fine, compass=north") ==
        "passwords are fine, compass=north");
  CHECK(MaskConnectionSecrets("no secrets here") == "no secrets here");
}

TEST_CASE("MaskSecrets also removes the URL's own password wherever a driver echoes it", "[url]") {
  DatabaseUrl url = ParseDatabaseUrl("postgresql://crm:Zebra42@h/d", "");
  CHECK(MaskSecrets("FATAL: password authentication failed (tried Zebra42)", url) ==
        "FATAL: password authentication failed (tried ***)");
  DatabaseUrl short_pw = ParseDatabaseUrl("postgresql://crm:ab@h/d", "");
  CHECK(MaskSecrets("table ab missing", short_pw) == "table ab missing");
}

}  // namespace
}  // namespace crm::db
