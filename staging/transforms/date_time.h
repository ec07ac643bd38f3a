// Dates and date-times read with declared formats, and converted to UTC from a time zone.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace crm::transforms {

// A date and time of day as written in the source, before any time-zone conversion.
struct LocalDateTime {
  int year = 0;
  int month = 0;
  int day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  std::string fraction;     // digits after the seconds' decimal point, as written ("250")
  bool has_time = false;    // the format read an hour
  bool has_offset = false;  // the value carried a UTC offset ("Z", "+02:00")
  int offset_minutes = 0;   // east of UTC

  bool operator==(const LocalDateTime&) const = default;
};

struct DateFormatOptions {
  // %y: a two-digit year below the pivot is 20yy, otherwise 19yy (POSIX strptime uses 69).
  int two_digit_year_pivot = 69;
};

// Reads `in` (trimmed) with one strftime-like format; the whole value must match. Directives:
//   %Y year, 4 digits    %y year, 2 digits    %m month, 1–2 digits   %d / %e day, 1–2 digits
//   %b / %B English month name or abbreviation ("Mar", "March", "Sept"), any case
//   %H hour 0–23         %I hour 1–12 with %p ("AM"/"PM", any case)  %M minute  %S second
//   %f fraction of a second, 1–9 digits      %z "Z", "±HH:MM", "±HHMM" or "±HH"
//   %F = %Y-%m-%d        %T = %H:%M:%S       %% a percent sign
// A space in the format matches one or more spaces; every other character matches itself.
// Fails with `error` set on a mismatch or an impossible value ("day 31 is not in 2020-02").
bool TryParseLocalDateTime(std::string_view in, std::string_view format,
                           const DateFormatOptions& options, LocalDateTime* out,
                           std::string* error);

// Checks that `format` uses only the directives above (and does not end in a lone '%').
bool TryCheckDateFormat(std::string_view format, std::string* error);

// Reads `in` with the first of `formats` that matches. When another format also matches and
// gives a different date-time, the value is ambiguous ("03/04/2021" with both "%d/%m/%Y" and
// "%m/%d/%Y") and the call fails saying so; the DateOrderDetector (date_order.h) decides a
// column's order from a sample instead.
bool TryParseWithFormats(std::string_view in, const std::vector<std::string>& formats,
                         const DateFormatOptions& options, LocalDateTime* out, std::string* error);

// "2021-03-04".
std::string FormatIsoDate(const LocalDateTime& value);
// "2021-03-04T13:05:00", with ".250" when there is a fraction; no offset.
std::string FormatIsoDateTime(const LocalDateTime& value);

// An IANA time zone read from the system's zoneinfo (/usr/share/zoneinfo, through Abseil: the
// C++20 tzdb is not in libstdc++ 12), or a fixed offset. Copyable, immutable, thread-safe.
class TimeZone {
 public:
  // "UTC", "Europe/Amsterdam", "America/New_York", or a fixed offset "+02:00" / "-0500".
  static bool TryLoad(std::string_view name, TimeZone* out, std::string* error);

  TimeZone();  // UTC
  ~TimeZone();
  TimeZone(const TimeZone&);
  TimeZone& operator=(const TimeZone&);

  // The same instant in UTC (has_offset set, offset 0). A value that carries its own offset is
  // converted with that offset, not with the zone. A local time that does not exist (skipped by
  // a DST change) is read with the offset before the change; one that exists twice (the
  // repeated hour) is the earlier instant.
  LocalDateTime ToUtc(const LocalDateTime& local) const;

  const std::string& name() const;

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

// "2021-03-04T12:05:00Z" (with the fraction when there is one).
std::string FormatUtc(const LocalDateTime& utc);

// The formats to_utc tries when the spec gives none: ISO 8601 date-times with "T" or a space,
// with or without seconds, fraction and offset.
const std::vector<std::string>& IsoDateTimeFormats();

}  // namespace crm::transforms
