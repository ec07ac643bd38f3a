#include <catch2/catch.hpp>

#include "staging/shaping/where.h"

using crm::staging::LikeMatch;
using crm::staging::WhereFilter;

namespace {

std::string Parse(const std::string& text) {
  WhereFilter f;
  std::string error;
  if (!WhereFilter::TryParse(text, &f, &error)) return "error " + error;
  return f.ToString();
}

bool Eval(const std::string& text, std::vector<std::optional<std::string_view>> values) {
  WhereFilter f;
  std::string error;
  REQUIRE(WhereFilter::TryParse(text, &f, &error));
  return f.Matches(values);
}

}  // namespace

TEST_CASE("where: parses comparisons, IN, IS NULL, LIKE, boolean operators", "[where]") {
  CHECK(Parse("Status != 'deleted'") == "(\"Status\" != 'deleted')");
  CHECK(Parse("Status <> 'x'") == "(\"Status\" != 'x')");
  CHECK(Parse("country IN ('NL','BE') AND email IS NOT NULL") ==
        "((\"country\" IN ('NL', 'BE')) AND (\"email\" IS NOT NULL))");
  CHECK(Parse("a = 1 or b = 2 and not c = 3") ==
        "((\"a\" = 1) OR ((\"b\" = 2) AND (NOT (\"c\" = 3))))");
  CHECK(Parse("(a = 1 OR b = 2) AND c >= -2.5") ==
        "(((\"a\" = 1) OR (\"b\" = 2)) AND (\"c\" >= -2.5))");
  CHECK(Parse("\"E-Mail Address\" LIKE '%@acme.example'") ==
        "(\"E-Mail Address\" LIKE '%@acme.example')");
  CHECK(Parse("`Last Name` NOT LIKE 'X%' AND x NOT IN ('it''s')") ==
        "((\"Last Name\" NOT LIKE 'X%') AND (\"x\" NOT IN ('it's')))");
  CHECK(Parse("address.city = 'Utrecht'") == "(\"address.city\" = 'Utrecht')");
}

TEST_CASE("where: errors name the position", "[where]") {
  CHECK(Parse("Status = ") == "error at 10: expected a column or a value at the end");
  CHECK(Parse("(a = 1") == "error at 7: expected ')'");
  CHECK(Parse("a 'x'") == "error at 3: expected an operator (=, !=, <, IN, IS NULL, LIKE, ...), "
                          "not 'x'");
  CHECK(Parse("a = 'x") == "error at 5: unterminated ' quote");
  CHECK(Parse("a IN (b)") == "error at 7: expected a value in the IN list");
  CHECK(Parse("a IS 3") == "error at 6: expected NULL after IS");
  CHECK(Parse("a = 1 b") == "error at 7: unexpected 'b'");
  CHECK(Parse("") == "error empty filter");
}

TEST_CASE("where: SQL semantics", "[where]") {
  CHECK(Eval("s != 'deleted'", {"active"}));
  CHECK_FALSE(Eval("s != 'deleted'", {"deleted"}));
  CHECK_FALSE(Eval("s != 'deleted'", {std::nullopt}));  // unknown is out of scope
  CHECK(Eval("NOT s = 'x' OR s IS NULL", {std::nullopt}));
  CHECK(Eval("n > 9", {"10"}));         // numeric when both read as numbers
  CHECK(Eval("n > '9'", {"10"}));  // raw values are text: numbers are recognised on both sides
  CHECK(Eval("n < 'b'", {"abc"}));  // otherwise bytes
  CHECK(Eval("n IN (1, 2)", {"2.0"}));
}

TEST_CASE("where: LIKE", "[where]") {
  CHECK(LikeMatch("anna@acme.example", "%@acme.example"));
  CHECK(LikeMatch("Jörg", "J_rg"));
  CHECK_FALSE(LikeMatch("jorg", "J%"));
  CHECK(LikeMatch("", "%"));
  CHECK(LikeMatch("abcabc", "%b%c"));
  CHECK_FALSE(LikeMatch("abc", "a_"));
}
