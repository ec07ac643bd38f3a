// The similarity measures and phonetic codes against published reference values.
#include "identity/match/similarity.h"

#include <catch2/catch.hpp>

#include "identity/match/phonetic.h"
#include "identity/match/records.h"

namespace crm::identity {
namespace {

using Catch::Matchers::WithinAbs;

TEST_CASE("Jaro-Winkler matches the reference values", "[identity][similarity]") {
  CHECK_THAT(JaroWinkler("martha", "marhta"), WithinAbs(0.9611, 1e-4));
  CHECK_THAT(JaroWinkler("dwayne", "duane"), WithinAbs(0.84, 1e-4));
  CHECK_THAT(JaroWinkler("dixon", "dicksonx"), WithinAbs(0.8133, 1e-4));
  CHECK(JaroWinkler("abc", "xyz") == 0);
  CHECK(JaroWinkler("same", "same") == 1);
  // Code points, not bytes: one changed letter in both spellings.
  CHECK(JaroWinkler("müller", "mäller") == JaroWinkler("muller", "maller"));
}

TEST_CASE("normalised Levenshtein divides by the longer value", "[identity][similarity]") {
  CHECK_THAT(NormalisedLevenshtein("kitten", "sitting"), WithinAbs(1 - 3.0 / 7, 1e-9));
  CHECK(NormalisedLevenshtein("", "abc") == 0);
  CHECK_THAT(NormalisedLevenshtein("jürgen", "jurgen"), WithinAbs(1 - 1.0 / 6, 1e-9));
}

TEST_CASE("token set ignores word order and extra words of one side", "[identity][similarity]") {
  CHECK(TokenSet("acme", "acme holding bv") == 1);
  CHECK(TokenSet("holding acme", "acme holding") == 1);
  CHECK(TokenSet("acme trading", "zenith trading") < 0.9);
  CHECK(TokenSet("acme trading", "zenith trading") > 0.5);
}

TEST_CASE("dates compare in days with a tolerance", "[identity][similarity]") {
  CHECK(DayNumber("1970-01-01") == 0);
  CHECK(DayNumber("19700102") == 1);
  CHECK(DayNumber("2021-02-29") == std::nullopt);
  CHECK(DayNumber("19081233") == std::nullopt);
  CHECK(DateSimilarity("2020-01-01", "2020-01-03", 2) == 1);
  CHECK_THAT(DateSimilarity("2020-01-01", "2020-01-03", 0), WithinAbs(1 - 2 / 365.0, 1e-9));
  CHECK(DateSimilarity("2020-01-01", "2024-01-01", 0) == 0);
  // Not a date: the typed digits are compared as text.
  CHECK_THAT(DateSimilarity("19081233", "19081223", 0), WithinAbs(0.875, 1e-9));
}

TEST_CASE("numbers compare with an absolute tolerance", "[identity][similarity]") {
  CHECK(NumericSimilarity("100", "103", 5) == 1);
  CHECK_THAT(NumericSimilarity("100", "110", 5), WithinAbs(1 - 5 / 110.0, 1e-9));
  CHECK(NumericSimilarity("1", "-1000", 0) == 0);
}

TEST_CASE("Soundex", "[identity][phonetic]") {
  CHECK(Soundex("robert") == "R163");
  CHECK(Soundex("rupert") == "R163");
  CHECK(Soundex("ashcraft") == "A261");
  CHECK(Soundex("tymczak") == "T522");
  CHECK(Soundex("pfister") == "P236");
  CHECK(Soundex("honeyman") == "H555");
  CHECK(Soundex("lee") == "L000");
  CHECK(Soundex("123") == "");
}

TEST_CASE("Double Metaphone primary code", "[identity][phonetic]") {
  CHECK(DoubleMetaphone("smith") == "SM0");
  CHECK(DoubleMetaphone("schmidt") == "XMT");
  CHECK(DoubleMetaphone("thomas") == "TMS");
  CHECK(DoubleMetaphone("catherine") == "K0RN");
  CHECK(DoubleMetaphone("katherine") == "K0RN");
  CHECK(DoubleMetaphone("meyer") == DoubleMetaphone("maier"));
  CHECK(DoubleMetaphone("xavier") == "SF");
  CHECK(DoubleMetaphone("knight") == "NT");
  CHECK(DoubleMetaphone("jankowski") == "JNKS");
  CHECK(DoubleMetaphone("philips") == "FLPS");
  CHECK(DoubleMetaphone("") == "");
}

TEST_CASE("values are normalised before comparing", "[identity][normalise]") {
  CHECK(NormaliseValue("  Müller-Lüdenscheidt ", spec::FieldType::kString) ==
        "muller ludenscheidt");
  CHECK(NormaliseValue("STRASSE", spec::FieldType::kString) == "strasse");
  CHECK(NormaliseValue("Straße", spec::FieldType::kString) == "strasse");
  CHECK(NormaliseValue(" 2020-01-02 ", spec::FieldType::kDate) == "2020-01-02");
}

}  // namespace
}  // namespace crm::identity

namespace crm::identity {
namespace {

TEST_CASE("the banded Levenshtein decides like the full one", "[identity][similarity]") {
  const char* values[] = {"jan lefevre12 webmail example",
                          "jan lefevre3123 webmail example",
                          "kitten",
                          "sitting",
                          "",
                          "a",
                          "abcdef",
                          "abcdfe",
                          "müller",
                          "muller"};
  for (const char* a : values) {
    for (const char* b : values) {
      for (double threshold : {0.0, 0.5, 0.8, 0.9, 0.97, 1.0}) {
        INFO(a << " / " << b << " at " << threshold);
        CHECK(LevenshteinAtLeast(a, b, threshold) == (NormalisedLevenshtein(a, b) >= threshold));
      }
    }
  }
}

}  // namespace
}  // namespace crm::identity
