#include "identity/match/fellegi_sunter.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "identity/match/parallel.h"

namespace crm::identity {
namespace {

// EM keeps every probability inside (0, 1): a field that agrees on every matched pair would
// otherwise veto every pair where it disagrees, whatever the other fields say.
constexpr double kFloor = 1e-4;
constexpr double kTolerance = 1e-7;

double Clamp(double p) { return std::clamp(p, kFloor, 1 - kFloor); }

int State(AgreementPattern pattern, size_t field) {
  return static_cast<int>((pattern >> (2 * field)) & 3);
}

}  // namespace

AgreementPattern PatternOf(const std::vector<FieldComparison>& comparisons,
                           const RecordSet& records, uint32_t a, uint32_t b) {
  AgreementPattern pattern = 0;
  for (size_t i = 0; i < comparisons.size() && i < kMaxComparedFields; ++i) {
    const FieldOutcome o = CompareField(comparisons[i], records, a, b, false);
    const AgreementPattern state = o.missing ? 0 : o.agrees ? 2 : 1;
    pattern |= state << (2 * i);
  }
  return pattern;
}

std::vector<double> RandomPairAgreement(const std::vector<FieldComparison>& comparisons,
                                        const RecordSet& records, int64_t samples) {
  const size_t n = std::min(comparisons.size(), kMaxComparedFields);
  const uint64_t size = records.size();
  std::vector<double> rates(n, -1);
  if (size < 2) return rates;
  const uint64_t all_pairs = size * (size - 1) / 2;
  const uint64_t count = std::min<uint64_t>(all_pairs, static_cast<uint64_t>(samples));
  const unsigned workers = MatchThreads();
  std::vector<std::vector<int64_t>> agree(workers, std::vector<int64_t>(n, 0));
  std::vector<std::vector<int64_t>> present(workers, std::vector<int64_t>(n, 0));
  ParallelFor(count, workers, [&](size_t begin, size_t end, unsigned w) {
    for (size_t i = begin; i < end; ++i) {
      // splitmix64 of the sample's index: the same pairs on every run and any thread count.
      uint64_t z = (i + 1) * 0x9E3779B97F4A7C15ull;
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
      z ^= z >> 31;
      const uint32_t a = static_cast<uint32_t>(z % size);
      uint32_t b = static_cast<uint32_t>((z >> 32) % (size - 1));
      if (b >= a) ++b;
      for (size_t f = 0; f < n; ++f) {
        const FieldOutcome o = CompareField(comparisons[f], records, a, b, false);
        if (o.missing) continue;
        ++present[w][f];
        if (o.agrees) ++agree[w][f];
      }
    }
  });
  for (size_t f = 0; f < n; ++f) {
    int64_t a = 0, p = 0;
    for (unsigned w = 0; w < workers; ++w) a += agree[w][f], p += present[w][f];
    if (p > 0) rates[f] = static_cast<double>(a) / static_cast<double>(p);
  }
  return rates;
}

FsModel EstimateModel(const std::vector<FieldComparison>& comparisons,
                      const std::unordered_map<AgreementPattern, int64_t>& counts,
                      const std::vector<double>& random_u, bool em, int64_t max_iterations) {
  const size_t n = std::min(comparisons.size(), kMaxComparedFields);
  FsModel model;
  model.m.assign(n, 0.9);
  model.u.assign(n, 0.1);
  model.estimated.assign(n, false);
  std::vector<std::pair<AgreementPattern, double>> table(counts.begin(), counts.end());
  std::sort(table.begin(), table.end());  // a fixed order: the same sums on every run
  // u from random pairs is final; EM moves m and λ only.
  std::vector<bool> fit_m(n, false);
  for (size_t f = 0; f < n; ++f) {
    if (comparisons[f].spec.m) {
      model.m[f] = Clamp(*comparisons[f].spec.m);
    } else {
      model.estimated[f] = em;
      fit_m[f] = em;
    }
    if (comparisons[f].spec.u) {
      model.u[f] = Clamp(*comparisons[f].spec.u);
    } else if (em && f < random_u.size() && random_u[f] >= 0) {
      model.estimated[f] = true;
      model.u[f] = Clamp(random_u[f]);
    }
  }
  for (model.iterations = 0; model.iterations < max_iterations; ++model.iterations) {
    std::vector<double> m_agree(n, 0), m_present(n, 0);
    double matched = 0, total = 0;
    for (const auto& [pattern, count] : table) {
      const double g = MatchProbability(model, pattern);
      matched += g * count;
      total += count;
      for (size_t f = 0; f < n; ++f) {
        const int s = State(pattern, f);
        if (s == 0) continue;
        m_present[f] += g * count;
        if (s == 2) m_agree[f] += g * count;
      }
    }
    double change = 0;
    const double lambda = total > 0 ? Clamp(matched / total) : model.lambda;
    change = std::max(change, std::fabs(lambda - model.lambda));
    model.lambda = lambda;
    for (size_t f = 0; em && f < n; ++f) {
      if (fit_m[f] && m_present[f] > 0) {
        const double m = Clamp(m_agree[f] / m_present[f]);
        change = std::max(change, std::fabs(m - model.m[f]));
        model.m[f] = m;
      }
    }
    if (change < kTolerance) {
      model.converged = true;
      ++model.iterations;
      break;
    }
  }
  return model;
}

double MatchProbability(const FsModel& model, AgreementPattern pattern) {
  return ProbabilityOfWeight(MatchWeight(model, pattern));
}

double MatchWeight(const FsModel& model, AgreementPattern pattern) {
  double weight = std::log(model.lambda) - std::log(1 - model.lambda);
  for (size_t f = 0; f < model.m.size(); ++f) {
    const int s = State(pattern, f);
    if (s == 2) weight += std::log(model.m[f]) - std::log(model.u[f]);
    if (s == 1) weight += std::log(1 - model.m[f]) - std::log(1 - model.u[f]);
  }
  return weight;
}

}  // namespace crm::identity
