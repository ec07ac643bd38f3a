#include "staging/transforms/number.h"

#include "staging/transforms/text_transforms.h"

namespace crm::transforms {
namespace {

const std::vector<std::string> kSpaces = {" ", "\u00A0", "\u202F"};

bool Fail(std::string_view in, std::string* error, const std::string& why) {
  *error = "'" + std::string(in) + "' is not a number: " + why;
  return false;
}

// Length of the separator from `seps` at `s[pos]`, 0 if none.
size_t SeparatorAt(std::string_view s, size_t pos, const std::vector<std::string>& seps) {
  for (const std::string& sep : seps) {
    if (!sep.empty() && s.substr(pos, sep.size()) == sep) return sep.size();
  }
  return 0;
}

}  // namespace

bool TryNumberFormatForLocale(std::string_view locale, NumberFormat* out) {
  std::string lang(locale.substr(0, locale.find_first_of("-_")));
  for (char& c : lang) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  std::string region =
      locale.size() > lang.size() ? std::string(locale.substr(lang.size() + 1)) : "";
  if (lang == "de" && (region == "CH" || region == "ch")) {
    *out = NumberFormat{".", {"'", "\u2019"}};
  } else if (lang == "en") {
    *out = NumberFormat{".", {","}};
  } else if (lang == "c") {
    *out = NumberFormat{".", {}};
  } else if (lang == "de" || lang == "nl" || lang == "es" || lang == "it" || lang == "pt" ||
             lang == "da") {
    *out = NumberFormat{",", {"."}};
  } else if (lang == "fr" || lang == "sv" || lang == "nb" || lang == "fi" || lang == "pl" ||
             lang == "cs") {
    *out = NumberFormat{",", kSpaces};
  } else {
    return false;
  }
  return true;
}

bool TryParseNumber(std::string_view in, const NumberFormat& format, std::string* out,
                    std::string* error) {
  std::string trimmed = Trim(in);
  std::string_view s = trimmed;
  if (s.empty()) return Fail(in, error, "empty");
  std::string result;
  size_t pos = 0;
  if (s[0] == '-' || s[0] == '+') {
    if (s[0] == '-') result.push_back('-');
    ++pos;
  }
  size_t integer_start = result.size();
  size_t group = 0;      // digits in the current group
  bool grouped = false;  // a thousands separator was seen
  while (pos < s.size()) {
    char c = s[pos];
    if (c >= '0' && c <= '9') {
      result.push_back(c);
      ++group;
      ++pos;
      continue;
    }
    size_t sep = SeparatorAt(s, pos, format.thousands);
    if (sep == 0 || s.substr(pos, format.decimal.size()) == format.decimal) break;
    if (group == 0 || group > 3 || (grouped && group != 3)) {
      return Fail(in, error, "digits grouped wrongly");
    }
    grouped = true;
    group = 0;
    pos += sep;
  }
  if (grouped && group != 3) return Fail(in, error, "digits grouped wrongly");
  if (result.size() == integer_start) result.push_back('0');  // ",5" → "0.5"
  bool has_integer = group > 0 || grouped;
  if (pos < s.size() && s.substr(pos, format.decimal.size()) == format.decimal) {
    pos += format.decimal.size();
    size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start) return Fail(in, error, "no digits after the decimal separator");
    result += ".";
    result.append(s.substr(start, pos - start));
    has_integer = true;
  }
  if (!has_integer) return Fail(in, error, "no digits");
  if (pos != s.size()) {
    return Fail(in, error, "unexpected '" + std::string(s.substr(pos, 1)) + "'");
  }
  *out = std::move(result);
  return true;
}

}  // namespace crm::transforms
