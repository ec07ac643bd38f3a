#include "core/db/dialect.h"

#include <catch2/catch.hpp>

#include "core/common/error.h"

namespace crm::db {
namespace {

const DialectTraits& Sqlite() { return TraitsFor(Dialect::kSqlite); }
const DialectTraits& Postgres() { return TraitsFor(Dialect::kPostgresql); }
const DialectTraits& Mysql() { return TraitsFor(Dialect::kMysql); }

TEST_CASE("Identifiers are validated, never escaped", "[dialect]") {
  for (const char* good : {"a", "_x", "Email_2", "abc_DEF_123"}) {
    INFO(good);
    CHECK(IsValidIdentifier(good));
  }
  std::string longest(63, 'a');
  CHECK(IsValidIdentifier(longest));
  for (std::string bad :
       {std::string(""), std::string("1abc"), std::string("a-b"), std::string("a b"),
        std::string("x\"; DROP TABLE _runs; --"), std::string("a`b"), std::string("é"),
        std::string(64, 'a'), std::string("a\0b", 3)}) {
    INFO(bad);
    CHECK_FALSE(IsValidIdentifier(bad));
  }
}

TEST_CASE("ValidateIdentifier names what was wrong", "[dialect]") {
  try {
    ValidateIdentifier("x\"; DROP TABLE _runs; --", "field name");
    FAIL("accepted");
  } catch (const Error& e) {
    CHECK(e.category() == ErrorCategory::kSpec);
    CHECK(std::string(e.what()) ==
          "invalid field name 'x\"; DROP TABLE _runs; --': use letters, digits and _ (not "
          "starting with a digit), at most 63 characters");
  }
}

TEST_CASE("QuoteIdentifier quotes per dialect", "[dialect]") {
  CHECK(QuoteIdentifier(Sqlite(), "email") == "\"email\"");
  CHECK(QuoteIdentifier(Postgres(), "Email") == "\"Email\"");
  CHECK(QuoteIdentifier(Mysql(), "key") == "`key`");
  CHECK_THROWS_AS(QuoteIdentifier(Mysql(), "a`b"), Error);
  CHECK_THROWS_AS(QuoteIdentifier(Postgres(), "a\"b"), Error);
}

TEST_CASE("SQL types come from the traits", "[dialect]") {
  CHECK(SqlType(Sqlite(), LogicalType::kTimestamp) == "TEXT");
  CHECK(SqlType(Postgres(), LogicalType::kJson) == "JSON");
  CHECK(SqlType(Postgres(), LogicalType::kBoolean) == "BOOLEAN");
  CHECK(SqlType(Mysql(), LogicalType::kTimestamp) == "DATETIME(6)");
  CHECK(SqlType(Mysql(), LogicalType::kText) == "LONGTEXT");
  CHECK_THROWS_AS(TraitsFor(Dialect::kCsv), Error);
}

TEST_CASE("InsertSql and UpsertSql render per dialect with bound placeholders", "[dialect]") {
  CHECK(InsertSql(Sqlite(), "stg_contact", {"id", "email"}) ==
        "INSERT INTO \"stg_contact\" (\"id\", \"email\") VALUES (:p1, :p2)");
  CHECK(UpsertSql(Postgres(), "t", {"k", "a", "b"}, {"k"}) ==
        "INSERT INTO \"t\" (\"k\", \"a\", \"b\") VALUES (:p1, :p2, :p3) ON CONFLICT (\"k\") DO "
        "UPDATE SET \"a\" = excluded.\"a\", \"b\" = excluded.\"b\"");
  CHECK(UpsertSql(Mysql(), "t", {"k", "a"}, {"k"}) ==
        "INSERT INTO `t` (`k`, `a`) VALUES (:p1, :p2) ON DUPLICATE KEY UPDATE `a` = VALUES(`a`)");
  CHECK(UpsertSql(Sqlite(), "t", {"k"}, {"k"}) ==
        "INSERT INTO \"t\" (\"k\") VALUES (:p1) ON CONFLICT (\"k\") DO NOTHING");
  CHECK(UpsertSql(Mysql(), "t", {"k"}, {"k"}) ==
        "INSERT INTO `t` (`k`) VALUES (:p1) ON DUPLICATE KEY UPDATE `k` = `k`");
  CHECK_THROWS_AS(InsertSql(Sqlite(), "t; DROP TABLE x", {"a"}), Error);
  CHECK_THROWS_AS(InsertSql(Sqlite(), "t", {"a\" = 1 --"}), Error);
}

}  // namespace
}  // namespace crm::db
