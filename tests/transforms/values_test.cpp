#include <catch2/catch.hpp>

#include "staging/transforms/boolean.h"
#include "staging/transforms/email.h"
#include "staging/transforms/number.h"
#include "staging/transforms/person_name.h"
#include "staging/transforms/value_map.h"

namespace crm::transforms {
namespace {

std::string Number(std::string_view in, std::string_view locale) {
  NumberFormat format;
  REQUIRE(TryNumberFormatForLocale(locale, &format));
  std::string out, error;
  if (!TryParseNumber(in, format, &out, &error)) return "error: " + error;
  return out;
}

std::string Name(std::string_view in) {
  PersonName n;
  std::string error;
  if (!TrySplitPersonName(in, &n, &error)) return "error: " + error;
  return "title=" + n.title + " first=" + n.first + " last=" + n.last + " suffix=" + n.suffix;
}

std::string Email(std::string_view in) {
  std::string out, error;
  if (!TryNormalizeEmail(in, EmailOptions{}, &out, &error)) return "error: " + error;
  return out;
}

TEST_CASE("number: locale separators", "[number]") {
  CHECK(Number("1.234,56", "de") == "1234.56");
  CHECK(Number("1,234.56", "en") == "1234.56");
  CHECK(Number("1\u202F234,56", "fr") == "1234.56");
  CHECK(Number("1\u00A0234\u00A0567,5", "fr") == "1234567.5");
  CHECK(Number("1'234.50", "de-CH") == "1234.50");
  CHECK(Number("-0,5", "nl") == "-0.5");
  CHECK(Number(",5", "de") == "0.5");
  CHECK(Number("+42", "en") == "42");
  CHECK(Number("1234.56", "en") == "1234.56");
  CHECK(Number("1,234.56", "de") == "error: '1,234.56' is not a number: unexpected '.'");
  CHECK(Number("1.23.456", "de") == "error: '1.23.456' is not a number: digits grouped wrongly");
  CHECK(Number("12,34.5", "en") == "error: '12,34.5' is not a number: digits grouped wrongly");
  CHECK(Number("1e5", "en") == "error: '1e5' is not a number: unexpected 'e'");
  CHECK(Number("abc", "en") == "error: 'abc' is not a number: no digits");
  NumberFormat format;
  CHECK_FALSE(TryNumberFormatForLocale("tlh", &format));
}

TEST_CASE("boolean: spellings", "[boolean]") {
  bool v = false;
  for (const char* t : {"yes", "Y", "ja", "JA", "oui", "true", "1", "x", " X ", "waar", "sí"}) {
    INFO(t);
    CHECK(TryParseBoolean(t, &v));
    CHECK(v);
  }
  for (const char* f : {"no", "N", "nee", "nein", "non", "false", "0", "off", "-"}) {
    INFO(f);
    CHECK(TryParseBoolean(f, &v));
    CHECK_FALSE(v);
  }
  CHECK_FALSE(TryParseBoolean("maybe", &v));
  CHECK_FALSE(TryParseBoolean("", &v));
}

TEST_CASE("split_name: shapes, particles, titles", "[name]") {
  CHECK(Name("van der Berg, Jan") == "title= first=Jan last=van der Berg suffix=");
  CHECK(Name("Berg, Jan van der") == "title= first=Jan last=van der Berg suffix=");
  CHECK(Name("Dr. Maria de la Cruz") == "title=Dr. first=Maria last=de la Cruz suffix=");
  CHECK(Name("José Öztürk") == "title= first=José last=Öztürk suffix=");
  CHECK(Name("Jan Peter van den Berg") == "title= first=Jan Peter last=van den Berg suffix=");
  CHECK(Name("  Prof. Dr.  Hans   Müller ") == "title=Prof. Dr. first=Hans last=Müller suffix=");
  CHECK(Name("Martin Luther King Jr.") == "title= first=Martin Luther last=King suffix=Jr.");
  CHECK(Name("Smith, John, Jr.") == "title= first=John last=Smith suffix=Jr.");
  CHECK(Name("Madonna") == "title= first= last=Madonna suffix=");
  CHECK(Name("Mevr. Jansen") == "title=Mevr. first= last=Jansen suffix=");
  CHECK(Name("Ludwig van Beethoven") == "title= first=Ludwig last=van Beethoven suffix=");
  CHECK(Name("   ") == "error: '' has no name in it");
}

TEST_CASE("email: normalisation and syntax", "[email]") {
  CHECK(Email("  John.Doe@Example.COM ") == "john.doe@example.com");
  CHECK(Email("John Doe <John@Example.com>") == "john@example.com");
  CHECK(Email("mailto:info@acme.nl") == "info@acme.nl");
  CHECK(Email("ÉLODIE@exemple.fr") == "élodie@exemple.fr");
  CHECK(Email("john.doe@example") == "error: domain has no '.'");
  CHECK(Email("john..doe@example.com") == "error: '..' in local part");
  CHECK(Email("john@@example.com") == "error: more than one '@'");
  CHECK(Email("john.example.com") == "error: no '@'");
  CHECK(Email("john@exa mple.com") == "error: character ' ' not allowed in domain");
  CHECK(Email("john@example.c0m") == "error: top-level domain 'c0m' invalid");
  CHECK(Email("@example.com") == "error: no local part before '@'");
  std::string out, error;
  REQUIRE(TryNormalizeEmail("John@Example.COM", EmailOptions{false}, &out, &error));
  CHECK(out == "John@example.com");
}

TEST_CASE("value_map: spellings onto codes, misses tallied", "[value_map]") {
  std::unique_ptr<ValueMap> map;
  std::string error;
  REQUIRE(ValueMap::TryBuild({{"IT", "it_services"},
                              {"Information  Technology", "it_services"},
                              {"software", "it_services"},
                              {"Bakkerij", "food"}},
                             &map, &error));
  std::string code;
  CHECK(map->Lookup(" information technology ", &code));
  CHECK(code == "it_services");
  CHECK(map->Lookup("IT_SERVICES", &code));  // a code is a spelling of itself
  CHECK(map->Lookup("bakkerij", &code));
  CHECK(code == "food");
  CHECK_FALSE(map->Lookup("Bakery", &code));
  CHECK_FALSE(map->Lookup("bakery", &code));
  CHECK_FALSE(map->Lookup("Bakery", &code));
  CHECK_FALSE(map->Lookup("Farming", &code));
  auto unknown = map->Unknown(10);
  REQUIRE(unknown.size() == 3);
  CHECK(unknown[0] == std::make_pair(std::string("Bakery"), uint64_t{2}));
  CHECK(map->total_misses() == 4);
  CHECK_FALSE(ValueMap::TryBuild({{"it", "it_services"}, {"IT", "italy"}}, &map, &error));
  CHECK(error == "value map: 'IT' maps to both 'it_services' and 'italy'");
}

}  // namespace
}  // namespace crm::transforms
