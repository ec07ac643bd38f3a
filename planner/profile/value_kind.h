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
};

// Accumulates evidence about one column. Cheap checks run on every value; the expensive ones
// (phone, country, dates) may be sampled, and `sampled()` says whether they were.
class ColumnKindCounter {
 public:
  explicit ColumnKindCounter(std::string default_region = "");
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

}  // namespace crm::plan
