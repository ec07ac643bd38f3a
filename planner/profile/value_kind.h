// What a value looks like: the content evidence shared by `plan` (a column's inferred type and the
// share of values that fit) and `init` (a column full of emails is mapped to email). The checks
// reuse the stage's own parsers (staging/transforms), so "looks like a date" here means "the stage
// would parse it with this format".
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace crm::plan {

enum class ValueKind {
  kEmpty,    // empty or only whitespace
  kEmail,
  kPhone,    // parses as a phone number (for the column's region when given)
  kDate,     // a calendar date in one of the candidate formats
  kDateTime,
  kInteger,
  kDecimal,
  kBoolean,  // yes/no, true/false, 0/1 spelled as words, y/n, ja/nein, oui/non, si/no ...
  kCountry,  // an ISO 3166 code or a country name in one of the languages iso-codes has
  kText,     // none of the above
};

std::string_view Name(ValueKind kind);  // "email", "phone", "date", ... "text"

// The inferred type of one column from the values seen, with the evidence behind it.
struct ColumnKind {
  ValueKind kind = ValueKind::kText;
  double share = 0;                 // of the non-empty values checked, the share that fits `kind`
  int64_t checked = 0;              // non-empty values classified
  std::string date_format;          // kDate/kDateTime: the strptime-style format that fits best
  std::vector<std::string> examples_not_fitting;  // a few values that do not fit (unmasked)

  // Added for the draft mapping and the plan's findings.
  int64_t empty = 0;             // empty or blank values seen (not in `checked`)
  int64_t sample_checked = 0;    // non-empty values the sampled parsers saw (== checked unless
                                 // sampled); the share of email, phone, country, date, datetime
                                 // and text is over these
  double date_format_share = 0;  // kDate/kDateTime: share of the sample that `date_format` reads
  // kDate/kDateTime: every candidate format that reads a sampled value, most values first,
  // without those that read day and month the other way round from `date_format` (the first).
  std::vector<std::string> date_formats;
  std::string number_locale;  // kDecimal: "en" (1,234.56) or "de" (1.234,56), whichever
                              // reads more values ("en" on a tie)
  // kText: the kind that came closest and its share (kText, 0 when nothing fitted at all), so a
  // column of 70% emails can say so. For any other kind, `kind` and `share` again.
  ValueKind closest = ValueKind::kText;
  double closest_share = 0;
};

// How much work a counter does. The defaults keep profiling within a small factor of reading.
struct ColumnKindOptions {
  // Phone region (alpha-2) for national numbers; empty: only numbers with a country code parse.
  // Must be empty or a region libphonenumber knows (crm::Error kUsage otherwise).
  std::string default_region;
  // The expensive parsers (email, phone, country, date, datetime) see every one of the first
  // `check_all_first` non-empty values, then every `then_every`-th. 1 checks everything.
  int64_t check_all_first = 1000;
  int64_t then_every = 32;
};

// Accumulates evidence about one column. Cheap checks run on every value; the expensive ones
// (email, phone, country, dates) may be sampled, and `sampled()` says whether they were.
//
// A value counts for every kind it fits ("1" is an integer, a decimal and a boolean); the result
// is the kind with the highest share, ties going to the more specific kind in this order: email,
// datetime, date, phone, boolean, country, integer, decimal. Integers count as decimals, so a
// column of "12" and "12.5" is decimal. A value fits a kind when the stage's parser reads it:
//   email          TryNormalizeEmail
//   phone          PhoneNormalizer parses it; a value of digits only needs a leading 0 or +
//   date/datetime  TryParseLocalDateTime with one of CandidateDateFormats()
//   integer        an optional sign and digits
//   decimal        TryParseNumber with English or German separators
//   boolean        TryParseBoolean
//   country        CountryResolver::Default(); only values with a letter and no digit
// Not thread-safe: one counter per column.
class ColumnKindCounter {
 public:
  explicit ColumnKindCounter(std::string default_region = "");
  explicit ColumnKindCounter(ColumnKindOptions options);
  ~ColumnKindCounter();
  ColumnKindCounter(ColumnKindCounter&&) noexcept;
  ColumnKindCounter& operator=(ColumnKindCounter&&) noexcept;

  void Add(std::string_view value);
  // The kind with the highest share among the non-empty values; kText when none reaches
  // `min_share`.
  ColumnKind Result(double min_share = 0.8) const;
  bool sampled() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The date and date-time formats tried, day-first before month-first (a column that never proves
// its order reads day-first): ISO, "31/01/2021", "01/31/2021", "31.01.2021", "31-01-2021",
// "31/01/21", "4 Mar 2021", "Mar 4, 2021", ... with and without a time of day.
const std::vector<std::string>& CandidateDateFormats();

}  // namespace crm::plan
