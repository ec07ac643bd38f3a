#include "validators/evidence/stats.h"

#include <cmath>
#include <cstdio>

#include "validators/validate.h"

namespace crm::validate {

Interval WilsonInterval(int64_t failed, int64_t checked) {
  if (checked <= 0) return {};
  const double z = 1.959963984540054;  // the 97.5th percentile of the normal distribution
  const double n = static_cast<double>(checked);
  const double p = static_cast<double>(failed) / n;
  const double z2 = z * z;
  const double denominator = 1 + z2 / n;
  const double center = (p + z2 / (2 * n)) / denominator;
  const double half = z * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
  // At 0 or n failures the bound is exactly 0 or 1; rounding would leave a trace of 1e-17.
  return {failed == 0 ? 0.0 : std::max(0.0, center - half),
          failed == checked ? 1.0 : std::min(1.0, center + half)};
}

namespace {

// P(X >= x) for X ~ Binomial(n, p), 0 < p < 1, summed in log space (n may be millions).
double UpperTail(int64_t x, int64_t n, double p) {
  const double log_p = std::log(p), log_q = std::log1p(-p);
  const double log_n = std::lgamma(static_cast<double>(n) + 1);
  double below = 0;
  for (int64_t k = 0; k < x; ++k) {
    below += std::exp(log_n - std::lgamma(static_cast<double>(k) + 1) -
                      std::lgamma(static_cast<double>(n - k) + 1) + k * log_p + (n - k) * log_q);
  }
  return 1 - below;
}

}  // namespace

double ExactLowerBound(int64_t failed, int64_t checked) {
  if (failed <= 0 || checked <= 0) return 0;
  // The tail grows with p: bisect for the p where it reaches 2.5%.
  double low = 0, high = static_cast<double>(failed) / static_cast<double>(checked);
  for (int i = 0; i < 60; ++i) {
    const double mid = (low + high) / 2;
    if (UpperTail(failed, checked, mid) < 0.025) {
      low = mid;
    } else {
      high = mid;
    }
  }
  return low;
}

std::string Trend(std::optional<int64_t> prev_failed, std::optional<int64_t> prev_checked,
                  int64_t failed, int64_t checked) {
  if (!prev_failed || !prev_checked) return "new";
  if (*prev_failed > 0 && failed == 0) return "fixed";
  const double before = *prev_checked > 0 ? static_cast<double>(*prev_failed) / *prev_checked : 0;
  const double now = checked > 0 ? static_cast<double>(failed) / checked : 0;
  // Rates equal to a part in a million are the same: a re-run on the same data gives the same.
  if (std::fabs(now - before) < 1e-6) return "same";
  return now < before ? "better" : "worse";
}

std::string Percent(double fraction) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", fraction * 100);
  std::string s = text;
  s.erase(s.find_last_not_of('0') + 1);
  if (s.back() == '.') s.pop_back();
  return s + "%";
}

}  // namespace crm::validate
