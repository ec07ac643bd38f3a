// Value types of the spec grammar that are more than a string: counts-or-percentages and
// durations, plus the checks every scalar of the grammar goes through. Pure functions; the
// phases use Amount and Duration to apply what the spec says.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace crm::spec {

// A threshold written as a count (`25`) or a percentage of the rows (`0.5%`).
struct Amount {
  bool percent = false;
  double value = 0;  // a count, or a percentage (0.5 for "0.5%")
  std::string text = "0";

  // The largest number of failures allowed out of `total`.
  int64_t Limit(int64_t total) const;
  // True when `failed` out of `total` goes over the threshold.
  bool Exceeded(int64_t failed, int64_t total) const;
};

// A period such as `90d`, `12w`, `6m` (months) or `5y`.
struct Duration {
  int64_t amount = 0;
  char unit = 'd';  // d | w | m | y
  std::string text;

  // Whole days, counting a month as 30 days and a year as 365.
  int64_t ApproxDays() const;
};

// Each TryParse returns false and sets *error to a message fragment ("expected ..., got '...'")
// when `text` is not of the type.
bool TryParseAmount(std::string_view text, Amount* out, std::string* error);
bool TryParseDuration(std::string_view text, Duration* out, std::string* error);
bool TryParseInteger(std::string_view text, int64_t* out, std::string* error);
bool TryParseNumber(std::string_view text, double* out, std::string* error);
bool TryParseBool(std::string_view text, bool* out, std::string* error);

// Empty when `name` is a valid identifier (`^[A-Za-z_][A-Za-z0-9_]{0,62}$`), else what is wrong.
std::string IdentifierProblem(std::string_view name);

// Empty when `url` has a scheme the toolkit connects to (sqlite:, postgresql://, postgres://,
// mysql://, odbc:, csv:), else what is wrong.
std::string UrlProblem(std::string_view url);

}  // namespace crm::spec
