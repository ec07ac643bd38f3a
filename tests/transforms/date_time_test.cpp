#include "staging/transforms/date_time.h"

#include <catch2/catch.hpp>

#include "staging/transforms/date_order.h"

namespace crm::transforms {
namespace {

std::string Parse(std::string_view in, std::vector<std::string> formats) {
  LocalDateTime v;
  std::string error;
  if (!TryParseWithFormats(in, formats, DateFormatOptions{}, &v, &error)) return "error: " + error;
  return v.has_time ? FormatIsoDateTime(v) : FormatIsoDate(v);
}

std::string Utc(std::string_view in, std::string_view zone_name) {
  TimeZone zone;
  std::string error;
  REQUIRE(TimeZone::TryLoad(zone_name, &zone, &error));
  LocalDateTime v;
  REQUIRE(TryParseWithFormats(in, IsoDateTimeFormats(), DateFormatOptions{}, &v, &error));
  return FormatUtc(zone.ToUtc(v));
}

TEST_CASE("date: declared formats", "[date]") {
  CHECK(Parse("24.12.2020", {"%d.%m.%Y"}) == "2020-12-24");
  CHECK(Parse("3.4.2021", {"%d.%m.%Y"}) == "2021-04-03");
  CHECK(Parse("2021-03-04", {"%Y-%m-%d"}) == "2021-03-04");
  CHECK(Parse("12/31/2021", {"%m/%d/%Y"}) == "2021-12-31");
  CHECK(Parse("4 Mar 2021", {"%d %b %Y"}) == "2021-03-04");
  CHECK(Parse("March  4, 2021", {"%B %d, %Y"}) == "2021-03-04");
  CHECK(Parse("04/03/2021 02:30 PM", {"%d/%m/%Y %I:%M %p"}) == "2021-03-04T14:30:00");
  CHECK(Parse("2021-03-04T12:00:00.250", {"%FT%T.%f"}) == "2021-03-04T12:00:00.250");
}

TEST_CASE("date: impossible dates and mismatches", "[date]") {
  CHECK(Parse("31.02.2020", {"%d.%m.%Y"}) == "error: '31.02.2020': day 31 is not in 2020-02");
  CHECK(Parse("29.02.2021", {"%d.%m.%Y"}) == "error: '29.02.2021': day 29 is not in 2021-02");
  CHECK(Parse("29.02.2020", {"%d.%m.%Y"}) == "2020-02-29");
  CHECK(Parse("13/13/2020", {"%d/%m/%Y"}) == "error: '13/13/2020': month 13 does not exist");
  CHECK(Parse("2020-1-1x", {"%Y-%m-%d"}) == "error: '2020-1-1x' does not match %Y-%m-%d");
  CHECK(Parse("yesterday", {"%Y-%m-%d", "%d.%m.%Y"}) ==
        "error: 'yesterday' matches none of the formats %Y-%m-%d, %d.%m.%Y");
}

TEST_CASE("date: two-digit years pivot at 69", "[date]") {
  CHECK(Parse("01.02.68", {"%d.%m.%y"}) == "2068-02-01");
  CHECK(Parse("01.02.69", {"%d.%m.%y"}) == "1969-02-01");
  LocalDateTime v;
  std::string error;
  REQUIRE(TryParseLocalDateTime("01.02.30", "%d.%m.%y", DateFormatOptions{30}, &v, &error));
  CHECK(v.year == 1930);
}

TEST_CASE("date: %F and %T are shorthands, %%F a percent sign and an F", "[date]") {
  CHECK(Parse("2021-03-04 13:05:00", {"%F %T"}) == "2021-03-04T13:05:00");
  CHECK(Parse("%F 2021-03-04", {"%%F %F"}) == "2021-03-04");
  CHECK(Parse("2021-03-04", {"%%F"}).rfind("error: ", 0) == 0);
}

TEST_CASE("date: a value two declared formats read differently is ambiguous", "[date]") {
  std::vector<std::string> both = {"%d/%m/%Y", "%m/%d/%Y"};
  CHECK(Parse("03/04/2021", both) ==
        "error: '03/04/2021' is ambiguous: 2021-04-03T00:00:00 with %d/%m/%Y or "
        "2021-03-04T00:00:00 with %m/%d/%Y");
  CHECK(Parse("31/01/2021", both) == "2021-01-31");
  CHECK(Parse("01/31/2021", both) == "2021-01-31");
  CHECK(Parse("05/05/2021", both) == "2021-05-05");
}

TEST_CASE("date: the detector finds a column's day/month order", "[date]") {
  DateOrderDetector day_first;
  for (const char* v : {"03/04/2021", "31/01/2021", "12/12/2020", "2021-01-05", "x"}) {
    day_first.Add(v);
  }
  DateOrderReport r = day_first.Report();
  CHECK(r.order == DateOrder::kDayFirst);
  CHECK(r.Describe() ==
        "day_first: 3 numeric dates, 1 only day-first reads (e.g. 31/01/2021), 1 ambiguous");
  CHECK(r.skipped == 2);

  DateOrderDetector unknown;
  unknown.Add("03/04/2021");
  unknown.Add("1.2.2020");
  CHECK(unknown.Report().order == DateOrder::kUnknown);

  DateOrderDetector mixed;
  mixed.Add("13/01/2021");
  mixed.Add("01/13/2021");
  CHECK(mixed.Report().order == DateOrder::kConflicting);

  DateOrderDetector month_first;
  month_first.Add("12/25/2021");
  CHECK(month_first.Report().order == DateOrder::kMonthFirst);
}

TEST_CASE("datetime: local times to UTC through IANA zones", "[date]") {
  CHECK(Utc("2021-07-01 12:00", "Europe/Amsterdam") == "2021-07-01T10:00:00Z");     // CEST
  CHECK(Utc("2021-01-01T12:00:00", "Europe/Amsterdam") == "2021-01-01T11:00:00Z");  // CET
  CHECK(Utc("2021-01-01 00:30", "America/New_York") == "2021-01-01T05:30:00Z");
  CHECK(Utc("2021-01-01T00:30:00+02:00", "America/New_York") == "2020-12-31T22:30:00Z");
  CHECK(Utc("2021-01-01T00:30:00Z", "Europe/Amsterdam") == "2021-01-01T00:30:00Z");
  CHECK(Utc("2021-03-28 02:30", "Europe/Amsterdam") == "2021-03-28T01:30:00Z");  // skipped hour
  CHECK(Utc("2021-10-31 02:30", "Europe/Amsterdam") ==
        "2021-10-31T00:30:00Z");  // repeated: earlier
  CHECK(Utc("2021-01-01 12:00:00.5", "-05:00") == "2021-01-01T17:00:00.5Z");
  TimeZone zone;
  std::string error;
  CHECK_FALSE(TimeZone::TryLoad("Europe/Atlantis", &zone, &error));
  CHECK(error == "unknown time zone 'Europe/Atlantis'");
}

}  // namespace
}  // namespace crm::transforms
