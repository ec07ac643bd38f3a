#include "validators/rules/format_values.h"

#include <map>

namespace crm::validate {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool Digits(std::string_view s, size_t at, size_t n, int* out) {
  if (at + n > s.size()) return false;
  int v = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (!IsDigit(s[i])) return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

bool IsAtext(unsigned char c) {
  return IsAlpha(static_cast<char>(c)) || IsDigit(static_cast<char>(c)) || c >= 0x80 ||
         std::string_view("!#$%&'*+/=?^_`{|}~-").find(static_cast<char>(c)) !=
             std::string_view::npos;
}

}  // namespace

bool IsEmail(std::string_view v, std::string* why) {
  if (v.size() > 254) return *why = "longer than 254 characters", false;
  size_t at = v.find('@');
  if (at == std::string_view::npos) return *why = "no '@'", false;
  if (v.find('@', at + 1) != std::string_view::npos) return *why = "more than one '@'", false;
  std::string_view local = v.substr(0, at), domain = v.substr(at + 1);
  if (local.empty()) return *why = "empty local part", false;
  if (local.size() > 64) return *why = "local part longer than 64 characters", false;
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
    return *why = "misplaced dot in the local part", false;
  }
  for (unsigned char c : local) {
    if (c != '.' && !IsAtext(c)) return *why = "invalid character in the local part", false;
  }
  if (domain.empty()) return *why = "empty domain", false;
  size_t labels = 0;
  std::string_view last;
  for (size_t start = 0;;) {
    size_t dot = domain.find('.', start);
    std::string_view label =
        domain.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (label.empty() || label.size() > 63) return *why = "empty or overlong domain label", false;
    if (label.front() == '-' || label.back() == '-') return *why = "domain label edge '-'", false;
    for (unsigned char c : label) {
      if (!(IsAlpha(static_cast<char>(c)) || IsDigit(static_cast<char>(c)) || c == '-' ||
            c >= 0x80)) {
        return *why = "invalid character in the domain", false;
      }
    }
    ++labels;
    last = label;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (labels < 2) return *why = "domain without a dot", false;
  if (last.size() < 2) return *why = "top-level domain shorter than 2 letters", false;
  for (char c : last) {
    if (!IsAlpha(c)) return *why = "top-level domain not letters", false;
  }
  return true;
}

bool IsIsoDate(std::string_view v) {
  int y = 0, m = 0, d = 0;
  if (v.size() != 10 || v[4] != '-' || v[7] != '-') return false;
  if (!Digits(v, 0, 4, &y) || !Digits(v, 5, 2, &m) || !Digits(v, 8, 2, &d)) return false;
  if (m < 1 || m > 12 || d < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int days = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
  return d <= days;
}

bool IsIsoDatetime(std::string_view v) {
  if (v.size() < 16 || !IsIsoDate(v.substr(0, 10)) || (v[10] != 'T' && v[10] != ' ')) {
    return false;
  }
  int h = 0, mi = 0, s = 0;
  if (!Digits(v, 11, 2, &h) || v[13] != ':' || !Digits(v, 14, 2, &mi) || h > 23 || mi > 59) {
    return false;
  }
  size_t at = 16;
  if (at < v.size() && v[at] == ':') {
    if (!Digits(v, at + 1, 2, &s) || s > 60) return false;
    at += 3;
    if (at < v.size() && v[at] == '.') {
      size_t start = ++at;
      while (at < v.size() && IsDigit(v[at])) ++at;
      if (at == start) return false;
    }
  }
  if (at == v.size()) return true;
  if (v[at] == 'Z') return at + 1 == v.size();
  if (v[at] != '+' && v[at] != '-') return false;
  int oh = 0, om = 0;
  if (!Digits(v, at + 1, 2, &oh) || oh > 14) return false;
  at += 3;
  if (at == v.size()) return true;
  if (v[at] == ':') ++at;
  return Digits(v, at, 2, &om) && om <= 59 && at + 2 == v.size();
}

std::string PostalCodePattern(std::string_view country) {
  // Countries whose codes have one fixed shape; others are not checked rather than guessed.
  static const std::map<std::string, std::string, std::less<>> kPatterns = {
      {"AT", "[1-9][0-9]{3}"},
      {"BE", "[1-9][0-9]{3}"},
      {"CH", "[1-9][0-9]{3}"},
      {"DE", "[0-9]{5}"},
      {"DK", "[1-9][0-9]{3}"},
      {"ES", "(0[1-9]|[1-4][0-9]|5[0-2])[0-9]{3}"},
      {"FR", "[0-9]{5}"},
      {"GB", "[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}"},
      {"IT", "[0-9]{5}"},
      {"LU", "[0-9]{4}"},
      {"NL", "[1-9][0-9]{3} ?[A-Z]{2}"},
      {"NO", "[0-9]{4}"},
      {"PL", "[0-9]{2}-[0-9]{3}"},
      {"PT", "[0-9]{4}-[0-9]{3}"},
      {"SE", "[1-9][0-9]{2} ?[0-9]{2}"},
      {"TR", "[0-9]{5}"},
      {"US", "[0-9]{5}(-[0-9]{4})?"},
  };
  auto it = kPatterns.find(country);
  return it == kPatterns.end() ? "" : it->second;
}

}  // namespace crm::validate
