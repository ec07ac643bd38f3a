#include "planner/profile/value_kind.h"

#include <algorithm>
#include <array>
#include <map>
#include <mutex>
#include <utility>

#include "core/common/error.h"
#include "core/common/text.h"
#include "staging/transforms/boolean.h"
#include "staging/transforms/country.h"
#include "staging/transforms/date_time.h"
#include "staging/transforms/email.h"
#include "staging/transforms/number.h"
#include "staging/transforms/phone.h"

namespace crm::plan {
namespace {

constexpr size_t kKinds = static_cast<size_t>(ValueKind::kText) + 1;
constexpr size_t kExamplesPerKind = 3;
constexpr int64_t kExampleLookups = 1000;  // non-fitting values searched for distinct examples

size_t Index(ValueKind kind) { return static_cast<size_t>(kind); }

// Ties between kinds go to the more specific one: a column of "0"/"1" is boolean, not integer.
constexpr std::array<ValueKind, 8> kPrecedence = {
    ValueKind::kEmail,   ValueKind::kDateTime, ValueKind::kDate,    ValueKind::kPhone,
    ValueKind::kBoolean, ValueKind::kCountry,  ValueKind::kInteger, ValueKind::kDecimal};

// Kinds whose parsers run on every value; the others only on the sample.
bool CheckedOnEveryValue(ValueKind kind) {
  return kind == ValueKind::kBoolean || kind == ValueKind::kInteger || kind == ValueKind::kDecimal;
}

// A date format with what its value must start with, so a value is tried only with the few
// formats that can read it (the parser itself is cheap, but twenty formats per value are not).
struct DateCandidate {
  std::string format;
  bool has_time = false;
  int lead = 0;        // what the value starts with: 4 = a four-digit year, 2 = one or two
                       // digits, 0 = a month name
  char separator = 0;  // the character right after that first part
};

std::vector<DateCandidate> BuildDateCandidates() {
  std::vector<DateCandidate> out;
  for (const std::string& format : CandidateDateFormats()) {
    DateCandidate c;
    c.format = format;
    c.has_time = format.find("%H") != std::string::npos || format.find("%I") != std::string::npos;
    char first = format.size() > 1 ? format[1] : 0;
    c.lead = first == 'Y' ? 4 : first == 'b' || first == 'B' ? 0 : 2;
    c.separator = format.size() > 2 ? format[2] : 0;
    out.push_back(std::move(c));
  }
  return out;
}

const std::vector<DateCandidate>& DateCandidates() {
  static const std::vector<DateCandidate> kCandidates = BuildDateCandidates();
  return kCandidates;
}

// One normaliser per region for the whole process: building one is not free and its memo of
// parsed numbers is worth sharing between the columns of a run. Normalize is thread-safe.
const transforms::PhoneNormalizer& SharedPhoneNormalizer(const std::string& region) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<transforms::PhoneNormalizer>> by_region;
  std::lock_guard<std::mutex> lock(mutex);
  std::unique_ptr<transforms::PhoneNormalizer>& slot = by_region[region];
  if (!slot) {
    transforms::PhoneOptions options;
    options.default_region = region;
    slot = std::make_unique<transforms::PhoneNormalizer>(options);
  }
  return *slot;
}

// Character classes of a trimmed value, counted in one pass: the cheap filter every value goes
// through before any parser sees it.
struct Shape {
  size_t digits = 0;
  size_t letters = 0;    // ASCII letters
  size_t non_ascii = 0;  // bytes >= 0x80
  size_t at_signs = 0;
  size_t date_marks = 0;    // - / . : , + and spaces
  size_t phone_marks = 0;   // - / . ( ) + and spaces
  size_t ext_letters = 0;   // letters of "ext", "extn", "x" (phone extensions)
  size_t other = 0;         // anything else
  size_t lead_digits = 0;   // digits before the first other character
  size_t lead_letters = 0;  // letters before the first other character
  char after_lead = 0;      // the character after that leading run
};

Shape ShapeOf(std::string_view v) {
  Shape s;
  bool in_lead = true;
  for (size_t i = 0; i < v.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(v[i]);
    bool digit = c >= '0' && c <= '9';
    bool letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    if (digit) {
      ++s.digits;
    } else if (letter) {
      ++s.letters;
      char lower = static_cast<char>(c | 0x20);
      if (lower == 'e' || lower == 'x' || lower == 't' || lower == 'n') ++s.ext_letters;
    } else if (c >= 0x80) {
      ++s.non_ascii;
    } else if (c == '@') {
      ++s.at_signs;
    } else {
      bool date_mark =
          c == '-' || c == '/' || c == '.' || c == ':' || c == ',' || c == '+' || c == ' ';
      bool phone_mark =
          c == '-' || c == '/' || c == '.' || c == '(' || c == ')' || c == '+' || c == ' ';
      s.date_marks += date_mark;
      s.phone_marks += phone_mark;
      s.other += !date_mark && !phone_mark;
    }
    if (in_lead) {
      bool continues = s.lead_letters == 0 ? digit || (letter && s.lead_digits == 0) : letter;
      if (continues) {
        (digit ? s.lead_digits : s.lead_letters)++;
      } else {
        in_lead = false;
        s.after_lead = static_cast<char>(c);
      }
    }
  }
  return s;
}

bool IsInteger(std::string_view v, const Shape& s) {
  size_t sign = v[0] == '-' || v[0] == '+' ? 1 : 0;
  return s.digits > 0 && s.digits + sign == v.size();
}

// Digits, the separators of English and German numbers and a leading sign: what TryParseNumber
// could accept with the two formats tried.
bool MayBeDecimal(std::string_view v, const Shape& s) {
  if (s.digits == 0 || s.letters || s.non_ascii || v.size() > 40) return false;
  for (size_t i = 0; i < v.size(); ++i) {
    char c = v[i];
    bool sign = i == 0 && (c == '-' || c == '+');
    if (!sign && !(c >= '0' && c <= '9') && c != '.' && c != ',') {
      return false;
    }
  }
  return true;
}

// Every word TryParseBoolean knows starts with one of these letters or is "\u2713", so most text
// never reaches it.
bool MayBeBoolean(std::string_view v, const Shape& s) {
  if (v.size() > 9) return false;  // "unchecked" is the longest word
  if (s.digits) return v.size() == 1 && (v[0] == '0' || v[0] == '1');
  char first = static_cast<char>(v[0] | 0x20);
  return std::string_view("tyoxjwvscfnu-").find(first) != std::string_view::npos ||
         static_cast<unsigned char>(v[0]) == 0xE2;
}

bool MayBePhone(std::string_view v, const Shape& s) {
  if (s.digits < 6 || s.digits > 20 || s.at_signs || s.non_ascii || s.other) return false;
  if (s.letters != s.ext_letters || s.letters > 4) return false;
  // A bare number is an identifier or an amount unless it is written as phones are: with a
  // trunk or international prefix.
  if (s.digits == v.size() && v[0] != '0') return false;
  return s.phone_marks + s.digits + s.letters == v.size();
}

bool MayBeCountry(std::string_view v, const Shape& s) {
  return s.digits == 0 && s.at_signs == 0 && (s.letters + s.non_ascii) >= 2 && v.size() <= 60;
}

bool MayBeDate(std::string_view v, const Shape& s) {
  return s.digits >= 3 && s.at_signs == 0 && s.non_ascii == 0 && s.other == 0 && s.letters <= 11 &&
         v.size() <= 40 && (s.lead_digits > 0 || s.lead_letters >= 3);
}

// -1 month before day ("%m/%d/%Y"), 1 day before month, 0 neither or year first.
int DayFirst(std::string_view format) {
  size_t d = format.find("%d");
  size_t m = format.find("%m");
  if (d == std::string_view::npos || m == std::string_view::npos) return 0;
  if (format.find("%Y") < std::min(d, m)) return 0;
  return d < m ? 1 : -1;
}

bool CandidateFits(const DateCandidate& c, const Shape& s) {
  int lead = s.lead_digits == 4 ? 4 : s.lead_digits == 1 || s.lead_digits == 2 ? 2 : -1;
  if (s.lead_digits == 0 && s.lead_letters >= 3) lead = 0;
  return lead == c.lead && s.after_lead == c.separator;
}

}  // namespace

std::string_view Name(ValueKind kind) {
  switch (kind) {
    case ValueKind::kEmpty:
      return "empty";
    case ValueKind::kEmail:
      return "email";
    case ValueKind::kPhone:
      return "phone";
    case ValueKind::kDate:
      return "date";
    case ValueKind::kDateTime:
      return "datetime";
    case ValueKind::kInteger:
      return "integer";
    case ValueKind::kDecimal:
      return "decimal";
    case ValueKind::kBoolean:
      return "boolean";
    case ValueKind::kCountry:
      return "country";
    case ValueKind::kText:
      return "text";
  }
  return "text";
}

const std::vector<std::string>& CandidateDateFormats() {
  static const std::vector<std::string> kFormats = [] {
    std::vector<std::string> out = {"%Y-%m-%d", "%Y/%m/%d",  "%Y.%m.%d", "%d/%m/%Y", "%m/%d/%Y",
                                    "%d.%m.%Y", "%m.%d.%Y",  "%d-%m-%Y", "%m-%d-%Y", "%d/%m/%y",
                                    "%m/%d/%y", "%d.%m.%y",  "%d-%m-%y", "%d %b %Y", "%d-%b-%Y",
                                    "%d-%b-%y", "%b %d, %Y", "%b %d %Y"};
    for (const std::string& iso : transforms::IsoDateTimeFormats()) out.push_back(iso);
    for (const char* format :
         {"%Y/%m/%d %H:%M:%S", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%m/%d/%Y %H:%M:%S",
          "%m/%d/%Y %H:%M", "%m/%d/%Y %I:%M %p", "%m/%d/%Y %I:%M:%S %p", "%d.%m.%Y %H:%M:%S",
          "%d.%m.%Y %H:%M", "%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M"}) {
      out.emplace_back(format);
    }
    return out;
  }();
  return kFormats;
}

struct ColumnKindCounter::State {
  ColumnKindOptions options;
  const transforms::PhoneNormalizer* phones = nullptr;
  const transforms::CountryResolver* countries = nullptr;  // loaded on the first country check
  transforms::EmailOptions email_options;
  transforms::NumberFormat en_numbers;
  transforms::NumberFormat de_numbers;
  transforms::DateFormatOptions date_options;

  int64_t empty = 0;
  int64_t checked = 0;         // non-empty values
  int64_t sample_checked = 0;  // non-empty values the sampled parsers saw
  std::array<int64_t, kKinds> hits{};
  int64_t en_hits = 0;
  int64_t de_hits = 0;
  std::vector<int64_t> format_hits = std::vector<int64_t>(DateCandidates().size(), 0);
  std::array<std::vector<std::string>, kKinds> examples;
  std::array<int64_t, kKinds> example_lookups{};

  // Scratch space the parsers write into, reused so the common path does not allocate.
  std::string scratch;
  std::string error;
  transforms::LocalDateTime date;

  bool InSample() const {
    int64_t n = checked;  // ordinal of the value being added among the non-empty ones
    if (n < options.check_all_first) return true;
    return options.then_every <= 1 || (n - options.check_all_first) % options.then_every == 0;
  }

  void Note(ValueKind kind, bool fits, std::string_view value) {
    if (fits) {
      ++hits[Index(kind)];
      return;
    }
    // Looking for distinct examples stops after a while: a column of two repeated values must
    // not compare every value against them forever.
    int64_t& looked = example_lookups[Index(kind)];
    std::vector<std::string>& list = examples[Index(kind)];
    if (list.size() >= kExamplesPerKind || looked >= kExampleLookups) return;
    ++looked;
    for (const std::string& seen : list) {
      if (seen == value) return;
    }
    list.emplace_back(value);
  }

  bool CheckDates(std::string_view v, const Shape& shape, bool* datetime) {
    bool date_fits = false;
    *datetime = false;
    if (!MayBeDate(v, shape)) return false;
    const std::vector<DateCandidate>& candidates = DateCandidates();
    for (size_t i = 0; i < candidates.size(); ++i) {
      if (!CandidateFits(candidates[i], shape)) continue;
      if (!transforms::TryParseLocalDateTime(v, candidates[i].format, date_options, &date,
                                             nullptr)) {
        continue;
      }
      ++format_hits[i];
      (candidates[i].has_time ? *datetime : date_fits) = true;
    }
    return date_fits;
  }

  bool CheckPhone(std::string_view v, const Shape& shape) {
    return MayBePhone(v, shape) && phones->Normalize(v).parsed;
  }

  bool CheckCountry(std::string_view v, const Shape& shape) {
    if (!MayBeCountry(v, shape)) return false;
    if (!countries) countries = &transforms::CountryResolver::Default();
    return countries->TryResolve(v, &scratch, &error);
  }
};

ColumnKindCounter::ColumnKindCounter(std::string default_region)
    : ColumnKindCounter(ColumnKindOptions{std::move(default_region)}) {}

ColumnKindCounter::ColumnKindCounter(ColumnKindOptions options)
    : state_(std::make_unique<State>()) {
  if (!options.default_region.empty() &&
      !transforms::IsSupportedPhoneRegion(options.default_region)) {
    throw Error(ErrorCategory::kUsage,
                "unknown phone region '" + options.default_region +
                    "': give an ISO 3166 alpha-2 code libphonenumber knows, such as NL or US");
  }
  if (options.check_all_first < 0) options.check_all_first = 0;
  if (options.then_every < 1) options.then_every = 1;
  state_->phones = &SharedPhoneNormalizer(options.default_region);
  state_->options = std::move(options);
  transforms::TryNumberFormatForLocale("en", &state_->en_numbers);
  transforms::TryNumberFormatForLocale("de", &state_->de_numbers);
}

ColumnKindCounter::~ColumnKindCounter() = default;
ColumnKindCounter::ColumnKindCounter(ColumnKindCounter&&) noexcept = default;
ColumnKindCounter& ColumnKindCounter::operator=(ColumnKindCounter&&) noexcept = default;

void ColumnKindCounter::Add(std::string_view value) {
  State& s = *state_;
  std::string_view v = TrimView(value);
  if (v.empty()) {
    ++s.empty;
    return;
  }
  Shape shape = ShapeOf(v);
  bool in_sample = s.InSample();
  ++s.checked;

  bool parsed_boolean = false;
  if (MayBeBoolean(v, shape)) {
    bool ignored = false;
    parsed_boolean = transforms::TryParseBoolean(v, &ignored);
  }
  s.Note(ValueKind::kBoolean, parsed_boolean, v);
  bool integer = IsInteger(v, shape);
  s.Note(ValueKind::kInteger, integer, v);
  bool en = false;
  bool de = false;
  if (integer) {
    en = true;  // an integer reads the same whatever the separators
  } else if (MayBeDecimal(v, shape)) {
    // German separators are tried only where they can change the outcome (a comma, or a value
    // English separators refuse), so a column of plain decimals builds no error messages.
    en = transforms::TryParseNumber(v, s.en_numbers, &s.scratch, &s.error);
    if (!en || v.find(',') != std::string_view::npos) {
      de = transforms::TryParseNumber(v, s.de_numbers, &s.scratch, &s.error);
    }
  }
  s.en_hits += en;
  s.de_hits += de;
  s.Note(ValueKind::kDecimal, en || de, v);
  bool any = parsed_boolean || integer || en || de;
  if (!in_sample) return;

  ++s.sample_checked;
  bool email = shape.at_signs == 1 &&
               transforms::TryNormalizeEmail(v, s.email_options, &s.scratch, &s.error);
  s.Note(ValueKind::kEmail, email, v);
  bool datetime = false;
  bool date = s.CheckDates(v, shape, &datetime);
  s.Note(ValueKind::kDate, date, v);
  s.Note(ValueKind::kDateTime, datetime, v);
  bool phone = s.CheckPhone(v, shape);
  s.Note(ValueKind::kPhone, phone, v);
  bool country = s.CheckCountry(v, shape);
  s.Note(ValueKind::kCountry, country, v);
  any = any || email || date || datetime || phone || country;
  if (!any) ++s.hits[Index(ValueKind::kText)];
}

bool ColumnKindCounter::sampled() const { return state_->sample_checked < state_->checked; }

ColumnKind ColumnKindCounter::Result(double min_share) const {
  const State& s = *state_;
  ColumnKind out;
  out.checked = s.checked;
  out.empty = s.empty;
  out.sample_checked = s.sample_checked;
  if (s.checked == 0) {
    out.kind = out.closest = ValueKind::kEmpty;
    out.share = out.closest_share = s.empty > 0 ? 1.0 : 0.0;
    return out;
  }
  auto share_of = [&s](ValueKind kind) {
    int64_t total = CheckedOnEveryValue(kind) ? s.checked : s.sample_checked;
    return total > 0 ? static_cast<double>(s.hits[Index(kind)]) / static_cast<double>(total) : 0;
  };
  ValueKind best = ValueKind::kText;
  double best_share = 0;
  for (ValueKind kind : kPrecedence) {
    double share = share_of(kind);
    if (share > best_share) {
      best = kind;
      best_share = share;
    }
  }
  out.closest = best;
  out.closest_share = best_share;
  if (best == ValueKind::kText || best_share < min_share) {
    out.kind = ValueKind::kText;
    out.share = share_of(ValueKind::kText);
    return out;
  }
  out.kind = best;
  out.share = best_share;
  out.examples_not_fitting = s.examples[Index(best)];
  if (best == ValueKind::kDate || best == ValueKind::kDateTime) {
    const std::vector<DateCandidate>& candidates = DateCandidates();
    int64_t most = 0;
    for (size_t i = 0; i < candidates.size(); ++i) {
      if (candidates[i].has_time != (best == ValueKind::kDateTime)) continue;
      if (s.format_hits[i] > most) {  // strictly more: day-first, listed first, wins a tie
        most = s.format_hits[i];
        out.date_format = candidates[i].format;
      }
    }
    out.date_format_share = static_cast<double>(most) / static_cast<double>(s.sample_checked);
    std::vector<std::pair<int64_t, size_t>> used;  // (hits, candidate), most hits first
    for (size_t i = 0; i < candidates.size(); ++i) {
      if (candidates[i].has_time != (best == ValueKind::kDateTime) || s.format_hits[i] == 0) {
        continue;
      }
      used.emplace_back(s.format_hits[i], i);
    }
    std::stable_sort(used.begin(), used.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    // The order of the most used format that has one wins; the other order's formats read the
    // same values differently and would make them ambiguous.
    int order = 0;
    for (const auto& u : used) {
      int this_order = DayFirst(candidates[u.second].format);
      if (order == 0) order = this_order;
      if (this_order != 0 && this_order != order) continue;
      out.date_formats.push_back(candidates[u.second].format);
    }
  }
  if (best == ValueKind::kDecimal) out.number_locale = s.de_hits > s.en_hits ? "de" : "en";
  return out;
}

}  // namespace crm::plan
