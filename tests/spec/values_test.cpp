#include "core/spec/values.h"

#include <catch2/catch.hpp>

#include "core/spec/env.h"

using crm::spec::Amount;

TEST_CASE("Amount reads counts and percentages and applies them", "[spec][values]") {
  Amount a;
  std::string error;
  REQUIRE(crm::spec::TryParseAmount("0.5%", &a, &error));
  CHECK(a.percent);
  CHECK(a.Limit(1000) == 5);
  CHECK_FALSE(a.Exceeded(5, 1000));
  CHECK(a.Exceeded(6, 1000));
  REQUIRE(crm::spec::TryParseAmount("25", &a, &error));
  CHECK_FALSE(a.percent);
  CHECK(a.Limit(1) == 25);
  CHECK_FALSE(crm::spec::TryParseAmount("150%", &a, &error));
  CHECK_FALSE(crm::spec::TryParseAmount("-1", &a, &error));
  CHECK(error == "expected a count (25) or a percentage (0.5%), got '-1'");
}

TEST_CASE("Duration reads days, weeks, months and years", "[spec][values]") {
  crm::spec::Duration d;
  std::string error;
  REQUIRE(crm::spec::TryParseDuration("5y", &d, &error));
  CHECK(d.ApproxDays() == 5 * 365);
  REQUIRE(crm::spec::TryParseDuration("90d", &d, &error));
  CHECK(d.ApproxDays() == 90);
  CHECK_FALSE(crm::spec::TryParseDuration("5 years", &d, &error));
  CHECK_FALSE(crm::spec::TryParseDuration("0d", &d, &error));
}

TEST_CASE("IdentifierProblem says what is wrong", "[spec][values]") {
  CHECK(crm::spec::IdentifierProblem("first_name").empty());
  CHECK(crm::spec::IdentifierProblem("_x9").empty());
  CHECK(crm::spec::IdentifierProblem("9x") ==
        "'9x' is not a valid identifier: it must start with a letter or '_'");
  CHECK(crm::spec::IdentifierProblem("a;drop") ==
        "'a;drop' is not a valid identifier: ';' is not allowed (letters, digits and '_' only)");
  CHECK(crm::spec::IdentifierProblem(std::string(64, 'a')) ==
        "'" + std::string(64, 'a') + "' is longer than 63 characters");
  CHECK(crm::spec::IdentifierProblem(std::string(63, 'a')).empty());
}

TEST_CASE("UrlProblem accepts the supported schemes only", "[spec][values]") {
  for (const char* ok : {"sqlite:work/x.db", "postgresql://u@h/db", "postgres://h/db",
                         "mysql://h/db", "odbc:DSN=crm", "csv:out/"}) {
    CHECK(crm::spec::UrlProblem(ok).empty());
  }
  CHECK(crm::spec::UrlProblem("oracle://secret@h") ==
        "unsupported URL scheme 'oracle:' (expected sqlite:PATH, postgresql://..., mysql://..., "
        "odbc:... or csv:DIR)");
  CHECK(crm::spec::UrlProblem("sqlite:") == "URL 'sqlite:' names no database");
}

TEST_CASE("ExpandEnv replaces ${VAR} and keeps $$ literal", "[spec][env]") {
  auto env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "PW") return "s3cret";
    return std::nullopt;
  };
  std::string out, error;
  REQUIRE(crm::spec::ExpandEnv("postgresql://u:${PW}@h/db", env, &out, &error));
  CHECK(out == "postgresql://u:s3cret@h/db");
  REQUIRE(crm::spec::ExpandEnv("odbc:PWD=a$$b;X=$1", env, &out, &error));
  CHECK(out == "odbc:PWD=a$b;X=$1");
  CHECK_FALSE(crm::spec::ExpandEnv("x${NOPE}", env, &out, &error));
  CHECK(error == "environment variable 'NOPE' is not set");
  CHECK_FALSE(crm::spec::ExpandEnv("x${PW", env, &out, &error));
  CHECK(error == "unterminated '${' (write $$ for a literal '$')");
}
