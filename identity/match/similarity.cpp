#include "identity/match/similarity.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "core/common/text.h"

namespace crm::identity {
namespace {

bool IsAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

// Code points of UTF-8 text; an invalid byte counts as one code point of its own.
std::u32string Decode(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    if (n == 1 || i + n > s.size()) {
      out.push_back(c);
      ++i;
      continue;
    }
    char32_t cp = c & (0x7F >> n);
    for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += n;
  }
  return out;
}

template <typename C>
double JaroWinklerOf(std::basic_string_view<C> a, std::basic_string_view<C> b) {
  if (a.empty() && b.empty()) return 1;
  if (a.empty() || b.empty()) return 0;
  if (a == b) return 1;
  const size_t window = std::max<size_t>(std::max(a.size(), b.size()) / 2, 1) - 1;
  // Names are short: flags on the stack for the common case, the heap for long values.
  std::vector<uint8_t> a_hit(a.size(), 0), b_hit(b.size(), 0);
  size_t matches = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    const size_t lo = i > window ? i - window : 0;
    const size_t hi = std::min(i + window + 1, b.size());
    for (size_t j = lo; j < hi; ++j) {
      if (!b_hit[j] && a[i] == b[j]) {
        a_hit[i] = b_hit[j] = 1;
        ++matches;
        break;
      }
    }
  }
  if (matches == 0) return 0;
  size_t transpositions = 0;
  for (size_t i = 0, j = 0; i < a.size(); ++i) {
    if (!a_hit[i]) continue;
    while (!b_hit[j]) ++j;
    if (a[i] != b[j]) ++transpositions;
    ++j;
  }
  const double m = static_cast<double>(matches);
  const double jaro = (m / a.size() + m / b.size() + (m - transpositions / 2.0) / m) / 3.0;
  size_t prefix = 0;
  while (prefix < 4 && prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  return jaro + prefix * 0.1 * (1 - jaro);
}

template <typename C>
double LevenshteinOf(std::basic_string_view<C> a, std::basic_string_view<C> b) {
  if (a == b) return 1;
  if (a.empty() || b.empty()) return 0;
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return 1.0 - static_cast<double>(row[b.size()]) / std::max(a.size(), b.size());
}

template <typename F>
double OnCodePoints(std::string_view a, std::string_view b, F f) {
  if (IsAscii(a) && IsAscii(b)) return f(a, b);
  const std::u32string wa = Decode(a), wb = Decode(b);
  return f(std::u32string_view(wa), std::u32string_view(wb));
}

std::optional<double> ParseNumber(std::string_view s) {
  s = TrimView(s);
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// Howard Hinnant's days_from_civil: proleptic Gregorian calendar.
long DaysFromCivil(long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

bool Digits(std::string_view s, size_t at, size_t n, unsigned* out) {
  if (at + n > s.size()) return false;
  unsigned v = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + static_cast<unsigned>(s[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

double JaroWinkler(std::string_view a, std::string_view b) {
  return OnCodePoints(a, b, [](auto x, auto y) { return JaroWinklerOf(x, y); });
}

double NormalisedLevenshtein(std::string_view a, std::string_view b) {
  return OnCodePoints(a, b, [](auto x, auto y) { return LevenshteinOf(x, y); });
}

bool LevenshteinAtLeast(std::string_view a, std::string_view b, double threshold) {
  if (!IsAscii(a) || !IsAscii(b)) return NormalisedLevenshtein(a, b) >= threshold;
  if (a == b) return true;
  if (a.empty() || b.empty()) return threshold <= 0;
  const size_t longer = std::max(a.size(), b.size());
  // The most edits that keep 1 - d / longer >= threshold.
  const double allowed = (1 - threshold) * static_cast<double>(longer) + 1e-9;
  if (allowed < 0) return false;
  const size_t k = static_cast<size_t>(allowed);
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > k) return false;
  const size_t kFar = k + 1;  // "more than allowed": cells outside the band
  std::vector<size_t> row(b.size() + 1, kFar), next(b.size() + 1, kFar);
  for (size_t j = 0; j <= std::min(b.size(), k); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    const size_t lo = i > k ? i - k : 0, hi = std::min(b.size(), i + k);
    std::fill(next.begin(), next.end(), kFar);
    if (lo == 0) next[0] = i;
    size_t best = next[0];
    for (size_t j = std::max<size_t>(lo, 1); j <= hi; ++j) {
      const size_t v =
          std::min({row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      next[j] = std::min(v, kFar);
      best = std::min(best, next[j]);
    }
    if (best > k) return false;
    row.swap(next);
  }
  return row[b.size()] <= k;
}

double TokenSet(std::string_view a, std::string_view b) {
  if (a == b) return 1;
  const std::vector<std::string> wa = Split(a, ' '), wb = Split(b, ' ');
  const std::set<std::string> sa(wa.begin(), wa.end()), sb(wb.begin(), wb.end());
  std::vector<std::string> common, only_a, only_b;
  std::set_intersection(sa.begin(), sa.end(), sb.begin(), sb.end(), std::back_inserter(common));
  std::set_difference(sa.begin(), sa.end(), sb.begin(), sb.end(), std::back_inserter(only_a));
  std::set_difference(sb.begin(), sb.end(), sa.begin(), sa.end(), std::back_inserter(only_b));
  const std::string base = Join(common, " ");
  const auto with = [&base](const std::vector<std::string>& rest) {
    const std::string tail = Join(rest, " ");
    return base.empty() ? tail : tail.empty() ? base : base + " " + tail;
  };
  const std::string full_a = with(only_a), full_b = with(only_b);
  double best = NormalisedLevenshtein(full_a, full_b);
  if (!base.empty()) {
    best =
        std::max({best, NormalisedLevenshtein(base, full_a), NormalisedLevenshtein(base, full_b)});
  }
  return best;
}

std::optional<long> DayNumber(std::string_view value) {
  unsigned y = 0, m = 0, d = 0;
  const bool dashed = value.size() >= 10 && value[4] == '-' && value[7] == '-';
  const bool ok =
      dashed ? Digits(value, 0, 4, &y) && Digits(value, 5, 2, &m) && Digits(value, 8, 2, &d)
             : Digits(value, 0, 4, &y) && Digits(value, 4, 2, &m) && Digits(value, 6, 2, &d);
  if (!ok || m < 1 || m > 12 || d < 1) return std::nullopt;
  static constexpr unsigned kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > kDays[m - 1] || (m == 2 && d == 29 && !leap)) return std::nullopt;
  return DaysFromCivil(static_cast<long>(y), m, d);
}

double DateSimilarity(std::string_view a, std::string_view b, double tolerance_days) {
  const std::optional<long> da = DayNumber(a), db = DayNumber(b);
  if (!da || !db) return NormalisedLevenshtein(a, b);
  const double apart = std::fabs(static_cast<double>(*da - *db));
  if (apart <= tolerance_days) return 1;
  return std::max(0.0, 1.0 - (apart - tolerance_days) / 365.0);
}

double NumericSimilarity(std::string_view a, std::string_view b, double tolerance) {
  const std::optional<double> na = ParseNumber(a), nb = ParseNumber(b);
  if (!na || !nb) return NormalisedLevenshtein(a, b);
  const double apart = std::fabs(*na - *nb);
  if (apart <= tolerance) return 1;
  const double scale = std::max(std::fabs(*na), std::fabs(*nb));
  return std::max(0.0, 1.0 - (apart - tolerance) / scale);
}

}  // namespace crm::identity
