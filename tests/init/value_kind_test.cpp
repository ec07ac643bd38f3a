// ColumnKindCounter: the content evidence `init` and `plan` share. Each kind is checked with
// values the stage reads and with near misses it refuses.
#include "planner/profile/value_kind.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/common/error.h"

namespace crm::plan {
namespace {

ColumnKind Classify(const std::vector<std::string>& values, std::string region = "",
                    double min_share = 0.8) {
  ColumnKindCounter counter(std::move(region));
  for (const std::string& v : values) counter.Add(v);
  return counter.Result(min_share);
}

std::string Render(const ColumnKind& k) {
  std::string out =
      std::string(Name(k.kind)) + " " + std::to_string(k.checked) + "/" + std::to_string(k.empty);
  char share[16];
  std::snprintf(share, sizeof share, " %.2f", k.share);
  out += share;
  if (!k.date_format.empty()) out += " " + k.date_format;
  if (!k.number_locale.empty()) out += " " + k.number_locale;
  return out;
}

TEST_CASE("value kind: names", "[value_kind]") {
  CHECK(Name(ValueKind::kEmail) == "email");
  CHECK(Name(ValueKind::kDateTime) == "datetime");
  CHECK(Name(ValueKind::kText) == "text");
  CHECK(Name(ValueKind::kEmpty) == "empty");
}

TEST_CASE("value kind: emails, with the stage's normalisation", "[value_kind]") {
  ColumnKind k = Classify(
      {"jan@example.com", " Piet <piet@example.nl>", "MAILTO:a.b@x.org", "ANNA@Example.COM"});
  CHECK(Render(k) == "email 4/0 1.00");
  ColumnKind bad = Classify({"jan@example", "a@b@c.com", "@example.com", "x@example.com"});
  CHECK(bad.kind == ValueKind::kText);
  CHECK(bad.closest == ValueKind::kEmail);
  CHECK(bad.closest_share == Approx(0.25));
}

TEST_CASE("value kind: phones need a region for national numbers", "[value_kind]") {
  std::vector<std::string> national = {"06-12345678", "020 123 4567", "+31 20 123 4567",
                                       "0031 6 12345678"};
  CHECK(Render(Classify(national, "NL")) == "phone 4/0 1.00");
  ColumnKind without_region = Classify(national);
  CHECK(without_region.kind == ValueKind::kText);
  CHECK(without_region.closest == ValueKind::kPhone);
  // Only "+31 ..." reads without a region: "0031" needs the region's international prefix.
  CHECK(without_region.closest_share == Approx(0.25));
  CHECK(Render(Classify({"+1 (202) 555-0143", "+44 20 7946 0958", "+49 30 901820"})) ==
        "phone 3/0 1.00");
}

TEST_CASE("value kind: identifiers are integers, not phones", "[value_kind]") {
  CHECK(Render(Classify({"1234567", "2345678", "3456789", "-12", "+7"}, "NL")) ==
        "integer 5/0 1.00");
}

TEST_CASE("value kind: an unknown phone region is a usage error", "[value_kind]") {
  CHECK_THROWS_AS(ColumnKindCounter("XX"), Error);
  CHECK_THROWS_WITH(ColumnKindCounter("Netherlands"), Catch::Contains("unknown phone region"));
}

TEST_CASE("value kind: dates with the format the stage would read them with", "[value_kind]") {
  CHECK(Render(Classify({"2021-03-04", "1999-12-31", "2000-02-29"})) == "date 3/0 1.00 %Y-%m-%d");
  // 31/01 proves day-first; 03/04 alone could be either.
  CHECK(Render(Classify({"03/04/2021", "31/01/2021", "1/2/2020"})) == "date 3/0 1.00 %d/%m/%Y");
  CHECK(Render(Classify({"03/04/2021", "01/31/2021", "12/25/2020"})) == "date 3/0 1.00 %m/%d/%Y");
  CHECK(Render(Classify({"4 Mar 2021", "12 December 1999"})) == "date 2/0 1.00 %d %b %Y");
  CHECK(Render(Classify({"31.01.2021", "1.2.2020"})) == "date 2/0 1.00 %d.%m.%Y");
  // 2021-02-29 does not exist: the stage would reject it, so it does not fit.
  ColumnKind k = Classify({"2021-02-28", "2021-02-29", "2021-03-01", "2021-03-02", "2021-03-03"});
  CHECK(Render(k) == "date 5/0 0.80 %Y-%m-%d");
  CHECK(k.examples_not_fitting == std::vector<std::string>{"2021-02-29"});
}

TEST_CASE("value kind: every format a mixed date column needs, one day/month order",
          "[value_kind]") {
  ColumnKind k = Classify({"31-01-2020", "2021-03-04", "01.02.2019", "15-06-2018", "03/04/2021"});
  CHECK(k.kind == ValueKind::kDate);
  CHECK(k.share == Approx(1.0));
  CHECK(k.date_format == "%d-%m-%Y");
  CHECK(k.date_format_share == Approx(0.4));
  // "03/04/2021" reads both ways; day-first is the order the column already uses.
  CHECK(k.date_formats == std::vector<std::string>{"%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"});
}

TEST_CASE("value kind: date-times", "[value_kind]") {
  CHECK(Render(Classify({"2021-03-04T10:00:00Z", "2021-03-04T10:00:00Z",
                         "2021-03-05T11:30:00Z"})) == "datetime 3/0 1.00 %Y-%m-%dT%H:%M:%S%z");
  CHECK(Render(Classify({"2021-03-04 10:00:00", "2021-03-05 23:59:59"})) ==
        "datetime 2/0 1.00 %Y-%m-%d %H:%M:%S");
  CHECK(Render(Classify({"03/04/2021 9:15 PM", "12/31/2020 11:00 AM"})) ==
        "datetime 2/0 1.00 %m/%d/%Y %I:%M %p");
}

TEST_CASE("value kind: booleans in several languages", "[value_kind]") {
  CHECK(Render(Classify({"ja", "nein", "Ja", "NEIN"})) == "boolean 4/0 1.00");
  CHECK(Render(Classify({"oui", "non", "vrai"})) == "boolean 3/0 1.00");
  // 0/1 are integers too; the tie goes to the more specific kind.
  CHECK(Render(Classify({"0", "1", "1", "0"})) == "boolean 4/0 1.00");
  CHECK(Render(Classify({"0", "1", "2", "5"})) == "integer 4/0 1.00");
}

TEST_CASE("value kind: countries by code and by name in other languages", "[value_kind]") {
  CHECK(Render(Classify({"NL", "Deutschland", "the Netherlands", "België", "USA", "FRA"})) ==
        "country 6/0 1.00");
  ColumnKind cities = Classify({"Amsterdam", "Berlin", "Paris", "Rotterdam"});
  CHECK(cities.kind == ValueKind::kText);
  CHECK(cities.share == Approx(1.0));
}

TEST_CASE("value kind: numbers, English and German separators", "[value_kind]") {
  CHECK(Render(Classify({"12", "12.5", "-3.25", "1,234.50"})) == "decimal 4/0 1.00 en");
  CHECK(Render(Classify({"12", "12,5", "1.234,50", "0,99"})) == "decimal 4/0 1.00 de");
  CHECK(Render(Classify({"12", "13", "14"})) == "integer 3/0 1.00");
  CHECK(Classify({"12 apples", "3.5kg"}).kind == ValueKind::kText);
}

TEST_CASE("value kind: empty values are counted apart and do not dilute the share",
          "[value_kind]") {
  CHECK(Render(Classify({"", "  ", "a@example.com", "\t", "b@example.com"})) == "email 2/3 1.00");
  ColumnKind none = Classify({"", " "});
  CHECK(none.kind == ValueKind::kEmpty);
  CHECK(none.checked == 0);
  CHECK(none.empty == 2);
  ColumnKind nothing = Classify({});
  CHECK(nothing.kind == ValueKind::kEmpty);
  CHECK(nothing.share == 0);
}

TEST_CASE("value kind: the min_share rule", "[value_kind]") {
  std::vector<std::string> mixed = {"a@example.com", "b@example.com", "c@example.com",
                                    "not an address", "d@example.com"};
  CHECK(Render(Classify(mixed, "", 0.8)) == "email 5/0 0.80");
  ColumnKind strict = Classify(mixed, "", 0.9);
  CHECK(Render(strict) == "text 5/0 0.20");  // one in five fits nothing else
  CHECK(strict.closest == ValueKind::kEmail);
  CHECK(strict.closest_share == Approx(0.8));
  CHECK(Classify(mixed, "", 0.8).examples_not_fitting ==
        std::vector<std::string>{"not an address"});
}

TEST_CASE("value kind: mixed columns are text with the closest kind named", "[value_kind]") {
  ColumnKind k = Classify({"2021-03-04", "a@example.com", "hello", "42", "NL"});
  CHECK(k.kind == ValueKind::kText);
  CHECK(k.share == Approx(0.2));  // "hello"
  CHECK(k.closest_share == Approx(0.2));
}

TEST_CASE("value kind: the expensive parsers are sampled and say so", "[value_kind]") {
  ColumnKindOptions options;
  options.check_all_first = 10;
  options.then_every = 5;
  ColumnKindCounter counter(options);
  for (int i = 0; i < 60; ++i) counter.Add("+31 20 123 45" + std::to_string(10 + i));
  CHECK(counter.sampled());
  ColumnKind k = counter.Result();
  CHECK(k.kind == ValueKind::kPhone);
  CHECK(k.checked == 60);
  CHECK(k.sample_checked == 20);  // 10, then 10, 15, ..., 55
  CHECK(k.share == Approx(1.0));

  ColumnKindCounter everything(ColumnKindOptions{"", 0, 1});
  for (int i = 0; i < 60; ++i) everything.Add("2021-01-" + std::to_string(10 + i % 19));
  CHECK_FALSE(everything.sampled());
  CHECK(everything.Result().sample_checked == 60);
}

TEST_CASE("value kind: a counter moves", "[value_kind]") {
  ColumnKindCounter a;
  a.Add("x@example.com");
  ColumnKindCounter b(std::move(a));
  b.Add("y@example.com");
  CHECK(Render(b.Result()) == "email 2/0 1.00");
}

}  // namespace
}  // namespace crm::plan
