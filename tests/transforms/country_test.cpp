#include "staging/transforms/country.h"

#include <catch2/catch.hpp>
#include <chrono>

namespace crm::transforms {
namespace {

std::string Resolve(std::string_view in) {
  std::string code, error;
  if (!CountryResolver::Default().TryResolve(in, &code, &error)) return "error: " + error;
  return code;
}

TEST_CASE("country: codes, English names and odd spellings", "[country]") {
  CHECK(Resolve("NL") == "NL");
  CHECK(Resolve("nld") == "NL");
  CHECK(Resolve("528") == "NL");
  CHECK(Resolve("the Netherlands") == "NL");
  CHECK(Resolve("NETHERLANDS") == "NL");
  CHECK(Resolve("  germany ") == "DE");
  CHECK(Resolve("Federal Republic of Germany") == "DE");
  CHECK(Resolve("United States of America") == "US");
  CHECK(Resolve("Côte d'Ivoire") == "CI");
  CHECK(Resolve("cote divoire") == "CI");
  CHECK(Resolve("Republic of Korea") == "KR");
  CHECK(Resolve("Bolivia") == "BO");
  CHECK(Resolve("Congo") == "CG");
}

TEST_CASE("country: aliases iso-codes lacks", "[country]") {
  CHECK(Resolve("USA") == "US");
  CHECK(Resolve("U.S.A.") == "US");
  CHECK(Resolve("UK") == "GB");
  CHECK(Resolve("Great Britain") == "GB");
  CHECK(Resolve("England") == "GB");
  CHECK(Resolve("Holland") == "NL");
  CHECK(Resolve("Russia") == "RU");
  CHECK(Resolve("Ivory Coast") == "CI");
}

TEST_CASE("country: names in other languages", "[country]") {
  CHECK(Resolve("Deutschland") == "DE");
  CHECK(Resolve("Niederlande") == "NL");
  CHECK(Resolve("Nederland") == "NL");
  CHECK(Resolve("België") == "BE");
  CHECK(Resolve("Belgie") == "BE");
  CHECK(Resolve("Duitsland") == "DE");
  CHECK(Resolve("Allemagne") == "DE");
  CHECK(Resolve("Pays-Bas") == "NL");
  CHECK(Resolve("les Pays-Bas") == "NL");
  CHECK(Resolve("Alemania") == "DE");
  CHECK(Resolve("Países Bajos") == "NL");
  CHECK(Resolve("Schweiz") == "CH");
  CHECK(Resolve("Österreich") == "AT");
  CHECK(Resolve("Frankrijk") == "FR");
  CHECK(Resolve("Espagne") == "ES");
  CHECK(Resolve("Vereinigte Staaten") == "US");
}

TEST_CASE("country: unknown and ambiguous values fail with a reason", "[country]") {
  CHECK(Resolve("Atlantis") == "error: unknown country 'Atlantis'");
  CHECK(Resolve("  ") == "error: no country name");
  CHECK(Resolve("Korea").rfind("error: ambiguous country 'Korea': one of ", 0) == 0);
}

TEST_CASE("country: the index covers every catalog", "[country]") {
  const CountryResolver& r = CountryResolver::Default();
  CHECK(r.catalog_count() > 100);
  CHECK(r.skipped_catalogs() == 0);
  CHECK(r.key_count() > 20000);
  CHECK(r.EnglishName("NL") == "Netherlands");
}

TEST_CASE("country: without catalogs only English, codes and aliases", "[country]") {
  CountryResolverOptions options;
  options.locale_dir.clear();
  auto r = CountryResolver::Load(options);
  std::string code, error;
  CHECK_FALSE(r->TryResolve("Deutschland", &code, &error));
  CHECK(r->TryResolve("Germany", &code, &error));
  CHECK(code == "DE");
}

}  // namespace
}  // namespace crm::transforms
