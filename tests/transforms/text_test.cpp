#include <catch2/catch.hpp>

#include "staging/transforms/text_transforms.h"

namespace crm::transforms {
namespace {

std::string Lower(std::string_view s) {
  std::string o, e;
  REQUIRE(TryLower(s, &o, &e));
  return o;
}
std::string Upper(std::string_view s) {
  std::string o, e;
  REQUIRE(TryUpper(s, &o, &e));
  return o;
}
std::string Title(std::string_view s) {
  std::string o, e;
  REQUIRE(TryTitleCase(s, &o, &e));
  return o;
}
std::string Key(std::string_view s) {
  std::string o, e;
  REQUIRE(TryMatchKey(s, &o, &e));
  return o;
}

TEST_CASE("text: trim and collapse know Unicode spaces", "[text]") {
  CHECK(Trim("  a b \t") == "a b");
  CHECK(Trim("\u00A0\u202Fx\u3000") == "x");
  CHECK(Trim(" \u00A0 ") == "");
  CHECK(Trim("\t \u00A0 Ä x \u3000\r\n") == "Ä x");  // ASCII and Unicode spaces mixed
  CHECK(Trim(" \xff ") == "\xff");                   // invalid bytes are text, not space
  CHECK(Trim("\u00E9") == "\u00E9");
  CHECK(CollapseWhitespace("  Jan \u00A0\t van   der  Berg ") == "Jan van der Berg");
  CHECK(CollapseWhitespace("") == "");
}

TEST_CASE("text: case mapping is Unicode-aware", "[text]") {
  CHECK(Lower("JOSÉ ÖZTÜRK") == "josé öztürk");
  CHECK(Upper("josé straße") == "JOSÉ STRAẞE");  // simple mappings: ß → capital ẞ, not SS
  CHECK(Lower("Jose\u0301") == "josé");          // NFD in, NFC out
  std::string out, error;
  CHECK_FALSE(TryLower("bad \xff byte", &out, &error));
  CHECK(error == "invalid UTF-8");
}

TEST_CASE("text: title case", "[text]") {
  CHECK(Title("o'neil") == "O'Neil");
  CHECK(Title("JOSÉ") == "José");
  CHECK(Title("d'arcy") == "D'Arcy");
  CHECK(Title("don't stop") == "Don't Stop");
  CHECK(Title("jean-luc picard") == "Jean-Luc Picard");
  CHECK(Title("ÉMILE ZOLA") == "Émile Zola");
  CHECK(Title("van der berg") == "Van Der Berg");
}

TEST_CASE("text: match keys", "[text]") {
  CHECK(Key("Öztürk") == "ozturk");
  CHECK(Key("  José  Öztürk ") == "jose ozturk");
  CHECK(Key("Straße") == "strasse");
  CHECK(Key("O'Neil") == "oneil");
  CHECK(Key("Jean-Luc") == "jean luc");
  CHECK(Key("Łódź") == "lodz");
  CHECK(Key("Søren Ærø") == "soren aero");
  CHECK(Key("ﬁle") == "file");  // compatibility ligature
  std::string out, error;
  REQUIRE(TryCompactKey("U.S.A.", &out, &error));
  CHECK(out == "usa");
}

}  // namespace
}  // namespace crm::transforms
