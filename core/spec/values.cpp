#include "core/spec/values.h"

#include <charconv>
#include <cmath>

#include "core/common/text.h"

namespace crm::spec {

int64_t Amount::Limit(int64_t total) const {
  if (!percent) return static_cast<int64_t>(value);
  return static_cast<int64_t>(std::floor(static_cast<double>(total) * value / 100.0));
}

bool Amount::Exceeded(int64_t failed, int64_t total) const { return failed > Limit(total); }

int64_t Duration::ApproxDays() const {
  switch (unit) {
    case 'w':
      return amount * 7;
    case 'm':
      return amount * 30;
    case 'y':
      return amount * 365;
    default:
      return amount;
  }
}

bool TryParseInteger(std::string_view text, int64_t* out, std::string* error) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    *error = "expected an integer, got '" + std::string(text) + "'";
    return false;
  }
  *out = value;
  return true;
}

bool TryParseNumber(std::string_view text, double* out, std::string* error) {
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() ||
      !std::isfinite(value)) {
    *error = "expected a number, got '" + std::string(text) + "'";
    return false;
  }
  *out = value;
  return true;
}

bool TryParseBool(std::string_view text, bool* out, std::string* error) {
  std::string lower = ToLowerAscii(text);
  if (lower == "true" || lower == "yes") {
    *out = true;
    return true;
  }
  if (lower == "false" || lower == "no") {
    *out = false;
    return true;
  }
  *error = "expected true or false, got '" + std::string(text) + "'";
  return false;
}

bool TryParseAmount(std::string_view text, Amount* out, std::string* error) {
  std::string ignored;
  const std::string bad =
      "expected a count (25) or a percentage (0.5%), got '" + std::string(text) + "'";
  if (!text.empty() && text.back() == '%') {
    double value = 0;
    if (!TryParseNumber(text.substr(0, text.size() - 1), &value, &ignored) || value < 0 ||
        value > 100) {
      *error = bad;
      return false;
    }
    *out = Amount{true, value, std::string(text)};
    return true;
  }
  int64_t count = 0;
  if (!TryParseInteger(text, &count, &ignored) || count < 0) {
    *error = bad;
    return false;
  }
  *out = Amount{false, static_cast<double>(count), std::string(text)};
  return true;
}

bool TryParseDuration(std::string_view text, Duration* out, std::string* error) {
  std::string ignored;
  int64_t amount = 0;
  if (text.size() < 2 || std::string_view("dwmy").find(text.back()) == std::string_view::npos ||
      !TryParseInteger(text.substr(0, text.size() - 1), &amount, &ignored) || amount <= 0) {
    *error = "expected a duration such as 90d, 12w, 6m or 5y, got '" + std::string(text) + "'";
    return false;
  }
  *out = Duration{amount, text.back(), std::string(text)};
  return true;
}

std::string IdentifierProblem(std::string_view name) {
  const std::string quoted = "'" + std::string(name) + "'";
  if (name.empty()) return "the name is empty";
  if (name.size() > 63) return quoted + " is longer than 63 characters";
  auto is_alpha = [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  };
  if (!is_alpha(name[0])) {
    return quoted + " is not a valid identifier: it must start with a letter or '_'";
  }
  for (char c : name) {
    if (!is_alpha(c) && !(c >= '0' && c <= '9')) {
      return quoted + " is not a valid identifier: '" + std::string(1, c) +
             "' is not allowed (letters, digits and '_' only)";
    }
  }
  return "";
}

std::string UrlProblem(std::string_view url) {
  static const char* const kSchemes[] = {"sqlite:",  "postgresql://", "postgres://",
                                         "mysql://", "odbc:",         "csv:"};
  for (const char* scheme : kSchemes) {
    if (StartsWith(url, scheme)) {
      if (url.size() == std::string_view(scheme).size()) {
        return "URL '" + std::string(url) + "' names no database";
      }
      return "";
    }
  }
  size_t colon = url.find(':');
  std::string scheme =
      colon == std::string_view::npos ? std::string(url) : std::string(url.substr(0, colon + 1));
  return "unsupported URL scheme '" + scheme +
         "' (expected sqlite:PATH, postgresql://..., mysql://..., odbc:... or csv:DIR)";
}

}  // namespace crm::spec
