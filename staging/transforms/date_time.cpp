#include "staging/transforms/date_time.h"

#include <absl/time/civil_time.h>
#include <absl/time/time.h>

#include <array>
#include <cstdio>

#include "staging/transforms/text_transforms.h"

namespace crm::transforms {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

bool Fail(std::string* error, std::string message) {
  *error = std::move(message);
  return false;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Reads between `min` and `max` digits at `*pos`.
bool ReadNumber(std::string_view s, size_t* pos, size_t min, size_t max, int* value) {
  size_t n = 0;
  int v = 0;
  while (n < max && *pos + n < s.size() && s[*pos + n] >= '0' && s[*pos + n] <= '9') {
    v = v * 10 + (s[*pos + n] - '0');
    ++n;
  }
  if (n < min) return false;
  *pos += n;
  *value = v;
  return true;
}

bool ReadMonthName(std::string_view s, size_t* pos, int* month) {
  size_t n = 0;
  std::string word;
  while (*pos + n < s.size() && ((s[*pos + n] | 0x20) >= 'a' && (s[*pos + n] | 0x20) <= 'z')) {
    word.push_back(Lower(s[*pos + n]));
    ++n;
  }
  if (word == "sept") word = "sep";
  for (size_t m = 0; m < kMonths.size(); ++m) {
    if (word == kMonths[m] || (word.size() == 3 && kMonths[m].substr(0, 3) == word)) {
      *month = static_cast<int>(m) + 1;
      *pos += n;
      return true;
    }
  }
  return false;
}

bool ReadOffset(std::string_view s, size_t* pos, int* minutes) {
  if (*pos < s.size() && (s[*pos] == 'Z' || s[*pos] == 'z')) {
    ++*pos;
    *minutes = 0;
    return true;
  }
  if (*pos >= s.size() || (s[*pos] != '+' && s[*pos] != '-')) return false;
  int sign = s[*pos] == '-' ? -1 : 1;
  ++*pos;
  int hours = 0;
  int mins = 0;
  if (!ReadNumber(s, pos, 2, 2, &hours) || hours > 14) return false;
  if (*pos < s.size() && s[*pos] == ':') ++*pos;
  if (*pos < s.size() && s[*pos] >= '0' && s[*pos] <= '9') {
    if (!ReadNumber(s, pos, 2, 2, &mins) || mins > 59) return false;
  }
  *minutes = sign * (hours * 60 + mins);
  return true;
}

std::string TwoDigits(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}

}  // namespace

namespace {

enum class ParseOutcome { kOk, kMismatch, kInvalid };

// True when `format` uses %F or %T. A plain loop: string_view::find of a two-character needle
// costs more than the parse itself, and this runs once per format and value.
bool HasShorthand(std::string_view format) {
  for (size_t i = 0; i + 1 < format.size(); ++i) {
    if (format[i] != '%') continue;
    if (format[i + 1] == 'F' || format[i + 1] == 'T') return true;
    ++i;  // "%%F" is a percent sign and an F
  }
  return false;
}

// Every format is tried on every value (ambiguity is checked), so parsing allocates nothing
// unless asked for the message (`error` not null).
ParseOutcome ParseLocal(std::string_view in, std::string_view format,
                        const DateFormatOptions& options, LocalDateTime* out,
                        std::string* error) {
  std::string_view s = TrimView(in);
  auto mismatch = [&] {
    if (error) *error = "'" + std::string(s) + "' does not match " + std::string(format);
    return ParseOutcome::kMismatch;
  };
  std::string expanded_storage;
  std::string_view expanded = format;
  if (HasShorthand(format)) {
    for (size_t i = 0; i < format.size(); ++i) {  // %F and %T are shorthands
      if (format[i] == '%' && i + 1 < format.size() &&
          (format[i + 1] == 'F' || format[i + 1] == 'T')) {
        expanded_storage += format[i + 1] == 'F' ? "%Y-%m-%d" : "%H:%M:%S";
        ++i;
      } else if (format[i] == '%' && i + 1 < format.size()) {
        expanded_storage.append(format.substr(i, 2));  // another directive, or "%%"
        ++i;
      } else {
        expanded_storage.push_back(format[i]);
      }
    }
    expanded = expanded_storage;
  }
  LocalDateTime v;
  int hour12 = -1;
  int pm = -1;
  size_t pos = 0;
  for (size_t f = 0; f < expanded.size(); ++f) {
    char fc = expanded[f];
    if (fc == ' ') {
      if (pos >= s.size() || s[pos] != ' ') return mismatch();
      while (pos < s.size() && s[pos] == ' ') ++pos;
      continue;
    }
    if (fc != '%' || f + 1 >= expanded.size()) {
      if (pos >= s.size() || s[pos] != fc) return mismatch();
      ++pos;
      continue;
    }
    char d = expanded[++f];
    bool ok = true;
    switch (d) {
      case 'Y':
        ok = ReadNumber(s, &pos, 4, 4, &v.year);
        break;
      case 'y':
        ok = ReadNumber(s, &pos, 2, 2, &v.year);
        v.year += v.year < options.two_digit_year_pivot ? 2000 : 1900;
        break;
      case 'm':
        ok = ReadNumber(s, &pos, 1, 2, &v.month);
        break;
      case 'd':
      case 'e':
        ok = ReadNumber(s, &pos, 1, 2, &v.day);
        break;
      case 'b':
      case 'B':
        ok = ReadMonthName(s, &pos, &v.month);
        break;
      case 'H':
        ok = ReadNumber(s, &pos, 1, 2, &v.hour);
        v.has_time = true;
        break;
      case 'I':
        ok = ReadNumber(s, &pos, 1, 2, &hour12);
        v.has_time = true;
        break;
      case 'M':
        ok = ReadNumber(s, &pos, 1, 2, &v.minute);
        break;
      case 'S':
        ok = ReadNumber(s, &pos, 1, 2, &v.second);
        break;
      case 'f': {
        size_t start = pos;
        while (pos < s.size() && pos - start < 9 && s[pos] >= '0' && s[pos] <= '9') ++pos;
        v.fraction.assign(s.substr(start, pos - start));
        ok = !v.fraction.empty();
        break;
      }
      case 'z':
        ok = ReadOffset(s, &pos, &v.offset_minutes);
        v.has_offset = true;
        break;
      case 'p': {
        std::string word;
        for (size_t k = 0; k < 2 && pos + k < s.size(); ++k) word.push_back(Lower(s[pos + k]));
        ok = word == "am" || word == "pm";
        pm = word == "pm";
        pos += 2;
        break;
      }
      case '%':
        ok = pos < s.size() && s[pos] == '%';
        ++pos;
        break;
      default:
        if (error) *error = "unknown directive %" + std::string(1, d) + " in format";
        return ParseOutcome::kInvalid;
    }
    if (!ok) return mismatch();
  }
  if (pos != s.size()) return mismatch();
  if (hour12 >= 0) {
    if (hour12 < 1 || hour12 > 12 || pm < 0) return mismatch();
    v.hour = hour12 % 12 + (pm ? 12 : 0);
  }
  auto invalid = [&](const std::string& why) {
    if (error) *error = "'" + std::string(s) + "': " + why;
    return ParseOutcome::kInvalid;
  };
  if (v.year < 1 || v.year > 9999) return invalid("year out of range");
  if (v.month < 1 || v.month > 12) {
    return invalid("month " + std::to_string(v.month) + " does not exist");
  }
  if (v.day < 1 || v.day > DaysInMonth(v.year, v.month)) {
    return invalid("day " + std::to_string(v.day) + " is not in " + std::to_string(v.year) + "-" +
                   TwoDigits(v.month));
  }
  if (v.hour > 23 || v.minute > 59 || v.second > 59) return invalid("time of day out of range");
  *out = std::move(v);
  return ParseOutcome::kOk;
}

}  // namespace

bool TryParseLocalDateTime(std::string_view in, std::string_view format,
                           const DateFormatOptions& options, LocalDateTime* out,
                           std::string* error) {
  return ParseLocal(in, format, options, out, error) == ParseOutcome::kOk;
}

bool TryCheckDateFormat(std::string_view format, std::string* error) {
  constexpr std::string_view kDirectives = "YymdebBHIMSfzpFT%";
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%') continue;
    if (i + 1 == format.size() || kDirectives.find(format[i + 1]) == std::string_view::npos) {
      return Fail(error, "unknown directive %" + std::string(format.substr(i + 1, 1)) +
                             " in format '" + std::string(format) + "'");
    }
    ++i;
  }
  return true;
}

bool TryParseWithFormats(std::string_view in, const std::vector<std::string>& formats,
                         const DateFormatOptions& options, LocalDateTime* out, std::string* error) {
  const std::string* found = nullptr;
  const std::string* first_invalid = nullptr;
  LocalDateTime candidate;
  for (const std::string& format : formats) {
    switch (ParseLocal(in, format, options, &candidate, nullptr)) {
      case ParseOutcome::kMismatch:
        continue;
      case ParseOutcome::kInvalid:
        if (!first_invalid) first_invalid = &format;
        continue;
      case ParseOutcome::kOk:
        break;
    }
    if (!found) {
      *out = candidate;
      found = &format;
    } else if (!(candidate == *out)) {
      return Fail(error, "'" + Trim(in) + "' is ambiguous: " + FormatIsoDateTime(*out) + " with " +
                             *found + " or " + FormatIsoDateTime(candidate) + " with " + format);
    }
  }
  if (found) return true;
  // Prefer "day 31 is not in 2020-02" over "does not match": it says what is wrong.
  if (first_invalid) return TryParseLocalDateTime(in, *first_invalid, options, &candidate, error);
  if (formats.size() == 1) return TryParseLocalDateTime(in, formats[0], options, &candidate, error);
  if (formats.size() > 3) {
    return Fail(error, "'" + Trim(in) + "' matches none of the " + std::to_string(formats.size()) +
                           " formats (e.g. " + formats.front() + ")");
  }
  std::string list;
  for (const std::string& f : formats) list += (list.empty() ? "" : ", ") + f;
  return Fail(error, "'" + Trim(in) + "' matches none of the formats " + list);
}

namespace {

// Digits written by hand: snprintf was a tenth of a date transform's cost.
void AppendDigits(int value, int width, std::string* out) {
  char digits[8];
  for (int i = width - 1; i >= 0; --i) {
    digits[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out->append(digits, static_cast<size_t>(width));
}

}  // namespace

std::string FormatIsoDate(const LocalDateTime& v) {
  std::string out;
  out.reserve(10);
  if (v.year >= 0 && v.year <= 9999) {
    AppendDigits(v.year, 4, &out);
  } else {  // a UTC conversion at the calendar's very edge
    out += std::to_string(v.year);
  }
  out += '-';
  AppendDigits(v.month, 2, &out);
  out += '-';
  AppendDigits(v.day, 2, &out);
  return out;
}

std::string FormatIsoDateTime(const LocalDateTime& v) {
  std::string out = FormatIsoDate(v);
  out.reserve(32);
  out += 'T';
  AppendDigits(v.hour, 2, &out);
  out += ':';
  AppendDigits(v.minute, 2, &out);
  out += ':';
  AppendDigits(v.second, 2, &out);
  if (!v.fraction.empty()) out += "." + v.fraction;
  return out;
}

std::string FormatUtc(const LocalDateTime& utc) { return FormatIsoDateTime(utc) + "Z"; }

struct TimeZone::Impl {
  std::string name;
  absl::TimeZone zone;
};

TimeZone::TimeZone() : impl_(std::make_shared<Impl>(Impl{"UTC", absl::UTCTimeZone()})) {}
TimeZone::~TimeZone() = default;
TimeZone::TimeZone(const TimeZone&) = default;
TimeZone& TimeZone::operator=(const TimeZone&) = default;

const std::string& TimeZone::name() const { return impl_->name; }

bool TimeZone::TryLoad(std::string_view name, TimeZone* out, std::string* error) {
  absl::TimeZone zone;
  size_t pos = 0;
  int offset = 0;
  if (!name.empty() && (name[0] == '+' || name[0] == '-') && ReadOffset(name, &pos, &offset) &&
      pos == name.size()) {
    zone = absl::FixedTimeZone(offset * 60);
  } else if (!absl::LoadTimeZone(std::string(name), &zone)) {
    *error = "unknown time zone '" + std::string(name) + "'";
    return false;
  }
  out->impl_ = std::make_shared<Impl>(Impl{std::string(name), zone});
  return true;
}

LocalDateTime TimeZone::ToUtc(const LocalDateTime& local) const {
  absl::CivilSecond civil(local.year, local.month, local.day, local.hour, local.minute,
                          local.second);
  absl::Time instant = local.has_offset
                           ? absl::FromCivil(civil, absl::FixedTimeZone(local.offset_minutes * 60))
                           : impl_->zone.At(civil).pre;
  absl::CivilSecond utc = absl::ToCivilSecond(instant, absl::UTCTimeZone());
  LocalDateTime out = local;
  out.year = static_cast<int>(utc.year());
  out.month = utc.month();
  out.day = utc.day();
  out.hour = utc.hour();
  out.minute = utc.minute();
  out.second = utc.second();
  out.has_offset = true;
  out.offset_minutes = 0;
  return out;
}

const std::vector<std::string>& IsoDateTimeFormats() {
  static const std::vector<std::string> kFormats = {
      "%Y-%m-%dT%H:%M:%S.%f%z", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M%z",
      "%Y-%m-%dT%H:%M:%S.%f",   "%Y-%m-%dT%H:%M:%S",   "%Y-%m-%dT%H:%M",
      "%Y-%m-%d %H:%M:%S.%f%z", "%Y-%m-%d %H:%M:%S%z", "%Y-%m-%d %H:%M:%S.%f",
      "%Y-%m-%d %H:%M:%S",      "%Y-%m-%d %H:%M"};
  return kFormats;
}

}  // namespace crm::transforms
