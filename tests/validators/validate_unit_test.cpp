// Unit tests of the validate phase's pure parts: masking, the Wilson interval, the trend, and
// the value checks behind the format rule.
#include <catch2/catch.hpp>

#include "validators/evidence/mask.h"
#include "validators/evidence/stats.h"
#include "validators/rules/format_values.h"
#include "validators/validate.h"

namespace crm::validate {
namespace {

TEST_CASE("PII masks keep the kind of value, not the person", "[validate][mask]") {
  CHECK(MaskPii("jan.devries@example.com", MaskKind::kEmail) == "j***@example.com");
  CHECK(MaskPii("ölaf@example.com", MaskKind::kEmail) == "ö***@example.com");
  // Without a local part (or with two '@') it is not an address: nothing of it is shown.
  CHECK(MaskPii("@online.example", MaskKind::kEmail) == "@***");
  CHECK(MaskPii("a@b@example.com", MaskKind::kEmail) == "a***");
  CHECK(MaskPii("+31612345678", MaskKind::kPhone) == "+31*****5678");
  CHECK(MaskPii("+31 6 1234 5678", MaskKind::kPhone) == "+31 * **** 5678");
  CHECK(MaskPii("Öztürk", MaskKind::kOther) == "Ö***");
  CHECK(MaskPii("1980-04-12", MaskKind::kOther) == "1***");
  CHECK(MaskPii("", MaskKind::kOther) == "");
}

TEST_CASE("Wilson 95% intervals match the textbook values", "[validate][stats]") {
  // 8 of 1000: the interval is asymmetric around 0.8% (Wilson 1927; cf. Newcombe 1998).
  Interval ci = WilsonInterval(8, 1000);
  CHECK(Percent(ci.low) == "0.41%");
  CHECK(Percent(ci.high) == "1.57%");
  Interval none = WilsonInterval(0, 25);
  CHECK(none.low == 0.0);
  CHECK(Percent(none.high) == "13.32%");
  Interval all = WilsonInterval(10, 10);
  CHECK(Percent(all.low) == "72.25%");
  CHECK(all.high == Approx(1.0));
  Interval empty = WilsonInterval(0, 0);
  CHECK(empty.low == 0.0);
  CHECK(empty.high == 0.0);
}

TEST_CASE("exact lower bounds decide a subset's gate", "[validate][stats]") {
  // Clopper-Pearson 95% lower bounds (the textbook values: 1 of 3 -> 0.84%, 10 of 10 -> 69.15%).
  CHECK(Percent(ExactLowerBound(1, 3)) == "0.84%");
  CHECK(Percent(ExactLowerBound(8, 1000)) == "0.35%");
  CHECK(Percent(ExactLowerBound(10, 10)) == "69.15%");
  CHECK(Percent(ExactLowerBound(2, 4)) == "6.76%");
  CHECK(ExactLowerBound(0, 100) == 0.0);
  CHECK(ExactLowerBound(0, 0) == 0.0);
  // Large counts stay exact and quick: 5,000 of 1,000,000 (0.5%) has a lower bound near 0.486%.
  CHECK(Percent(ExactLowerBound(5000, 1000000)) == "0.49%");
}

TEST_CASE("the trend compares failure rates with the previous run", "[validate][stats]") {
  CHECK(Trend(std::nullopt, std::nullopt, 3, 100) == "new");
  CHECK(Trend(3, 100, 0, 100) == "fixed");
  CHECK(Trend(3, 100, 3, 100) == "same");
  CHECK(Trend(3, 100, 2, 100) == "better");
  CHECK(Trend(3, 100, 4, 100) == "worse");
  CHECK(Trend(0, 100, 1, 100) == "worse");
  CHECK(Trend(2, 50, 4, 100) == "same");  // the same rate on more records
}

TEST_CASE("e-mail syntax", "[validate][format]") {
  std::string why;
  CHECK(IsEmail("a.b+tag@example.co.uk", &why));
  CHECK(IsEmail("josé@exämple.de", &why));
  CHECK_FALSE(IsEmail("@online.example", &why));
  CHECK(why == "empty local part");
  CHECK_FALSE(IsEmail("a@b@c.de", &why));
  CHECK(why == "more than one '@'");
  CHECK_FALSE(IsEmail("a..b@example.com", &why));
  CHECK_FALSE(IsEmail("ab@localhost", &why));
  CHECK(why == "domain without a dot");
  CHECK_FALSE(IsEmail("ab@example.c", &why));
  CHECK_FALSE(IsEmail("ab@-example.com", &why));
  CHECK_FALSE(IsEmail("ab example@example.com", &why));
  CHECK_FALSE(IsEmail("no-at-sign.example.com", &why));
  CHECK(why == "no '@'");
}

TEST_CASE("ISO dates and date-times", "[validate][format]") {
  CHECK(IsIsoDate("2024-02-29"));
  CHECK_FALSE(IsIsoDate("2023-02-29"));
  CHECK_FALSE(IsIsoDate("1900-02-29"));
  CHECK(IsIsoDate("2000-02-29"));
  CHECK_FALSE(IsIsoDate("2024-13-01"));
  CHECK_FALSE(IsIsoDate("24-01-01"));
  CHECK_FALSE(IsIsoDate("2024-1-01"));
  CHECK(IsIsoDatetime("2024-01-01T10:00:00Z"));
  CHECK(IsIsoDatetime("2024-01-01 10:00"));
  CHECK(IsIsoDatetime("2024-01-01T10:00:00.123+02:00"));
  CHECK(IsIsoDatetime("2003-04-04 13:01:09+00"));
  CHECK_FALSE(IsIsoDatetime("2024-01-01T24:00:00"));
  CHECK_FALSE(IsIsoDatetime("2024-01-01"));
  CHECK_FALSE(IsIsoDatetime("2024-01-01T10:00:00X"));
}

TEST_CASE("postal code patterns per country", "[validate][format]") {
  CHECK(PostalCodePattern("NL") == "[1-9][0-9]{3} ?[A-Z]{2}");
  CHECK(PostalCodePattern("DE") == "[0-9]{5}");
  CHECK(PostalCodePattern("ZZ").empty());
}

}  // namespace
}  // namespace crm::validate
