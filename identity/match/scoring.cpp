#include "identity/match/scoring.h"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <type_traits>
#include <unordered_map>

#include "core/common/error.h"
#include "identity/match/fellegi_sunter.h"
#include "identity/match/parallel.h"

namespace crm::identity {
namespace {

// Random record pairs that estimate u: enough for rates of 1e-4 to show, a fraction of a second.
constexpr int64_t kRandomPairs = 100000;

// Compared fields whose patterns (2 bits each) fit 32 bits.
constexpr size_t kFieldsIn32BitPattern = 16;

// Per blocking key: the pattern bits of the compared fields its terms name, and the key's value
// per record as a 32-bit id (0: empty), equal exactly when the records' key hashes are equal; a
// pair sharing a key's value agrees on those fields by construction. Ids rather than the 64-bit
// hashes halve what the keys hold while the pairs are scored.
struct KeyMask {
  AgreementPattern fields = 0;
  std::vector<uint32_t> ids;
};

std::vector<uint32_t> KeyValueIds(const BlockKey& key, const RecordSet& records) {
  const std::vector<uint64_t> hashes = RecordKeyHashes(key, records);
  std::vector<uint64_t> distinct;
  for (const uint64_t h : hashes) {
    if (h != 0) distinct.push_back(h);
  }
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  // The hashes are uniform, so their top bits index a table of where each bucket starts in
  // `distinct` and a record's id is a step or two from there: a binary search per record would
  // miss the cache at every level.
  const int bits = std::clamp(static_cast<int>(std::bit_width(distinct.size())), 1, 30);
  const int shift = 64 - bits;
  std::vector<uint32_t> start((size_t{1} << bits) + 1);
  for (size_t bucket = 0, i = 0; bucket < start.size(); ++bucket) {
    while (i < distinct.size() && (distinct[i] >> shift) < bucket) ++i;
    start[bucket] = static_cast<uint32_t>(i);
  }
  std::vector<uint32_t> ids(hashes.size(), 0);
  ParallelFor(hashes.size(), MatchThreads(), [&](size_t begin, size_t end, unsigned) {
    for (size_t r = begin; r < end; ++r) {
      if (hashes[r] == 0) continue;
      size_t i = start[hashes[r] >> shift];
      while (distinct[i] != hashes[r]) ++i;  // present: `distinct` holds every nonzero hash
      ids[r] = static_cast<uint32_t>(i + 1);
    }
  });
  return ids;
}

std::vector<KeyMask> KeyMasks(const std::vector<BlockKey>& keys,
                              const std::vector<FieldComparison>& comparisons,
                              const RecordSet& records) {
  std::vector<KeyMask> masks;
  for (const BlockKey& key : keys) {
    KeyMask mask;
    for (size_t i = 0; i < comparisons.size(); ++i) {
      for (const BlockTerm& term : key.terms) {
        if (term.field == comparisons[i].field) mask.fields |= AgreementPattern{3} << (2 * i);
      }
    }
    mask.ids = KeyValueIds(key, records);
    masks.push_back(std::move(mask));
  }
  return masks;
}

// m of each field as EM finds it on the pairs of every blocking key whose terms do not name the
// field (Splink's training per blocking rule: a key's pairs agree on its own fields by
// construction, so they say nothing about those fields' m), averaged weighted by pairs; u fixed
// to the random-pair rates. Fields no key leaves free keep the default 0.9.
template <typename StoredPattern>
std::vector<FieldComparison> TrainPerKey(const std::vector<uint64_t>& pairs,
                                         const std::vector<StoredPattern>& patterns,
                                         const std::vector<KeyMask>& masks,
                                         const std::vector<FieldComparison>& comparisons,
                                         const std::vector<double>& random_u,
                                         const spec::Match& match) {
  const unsigned workers = MatchThreads();
  using Counts = std::unordered_map<AgreementPattern, int64_t>;
  std::vector<std::vector<Counts>> partial(workers, std::vector<Counts>(masks.size()));
  ParallelFor(pairs.size(), workers, [&](size_t begin, size_t end, unsigned w) {
    for (size_t i = begin; i < end; ++i) {
      const uint32_t a = PairFirst(pairs[i]), b = PairSecond(pairs[i]);
      for (size_t k = 0; k < masks.size(); ++k) {
        if (masks[k].ids[a] != 0 && masks[k].ids[a] == masks[k].ids[b]) {
          ++partial[w][k][WithoutBlocked(patterns[i], masks[k].fields)];
        }
      }
    }
  });
  std::vector<double> m_sum(comparisons.size(), 0), m_weight(comparisons.size(), 0);
  for (size_t k = 0; k < masks.size(); ++k) {
    Counts counts;
    int64_t total = 0;
    for (unsigned w = 0; w < workers; ++w) {
      for (const auto& entry : partial[w][k])
        counts[entry.first] += entry.second, total += entry.second;
    }
    if (total == 0) continue;
    const FsModel model =
        EstimateModel(comparisons, counts, random_u, match.em, match.em_max_iterations);
    for (size_t f = 0; f < comparisons.size(); ++f) {
      if ((masks[k].fields >> (2 * f)) & 3) continue;
      m_sum[f] += model.m[f] * static_cast<double>(total);
      m_weight[f] += static_cast<double>(total);
    }
  }
  std::vector<FieldComparison> fixed = comparisons;
  for (size_t f = 0; f < fixed.size(); ++f) {
    if (!fixed[f].spec.m && m_weight[f] > 0) fixed[f].spec.m = m_sum[f] / m_weight[f];
    if (!fixed[f].spec.u && f < random_u.size() && random_u[f] >= 0) fixed[f].spec.u = random_u[f];
  }
  return fixed;
}

}  // namespace

std::vector<Hit> ScoreByRules(const std::vector<uint64_t>& pairs,
                              const std::vector<CompiledRule>& rules, const RecordSet& records) {
  std::vector<std::vector<Hit>> found(MatchThreads());
  ParallelFor(pairs.size(), MatchThreads(), [&](size_t begin, size_t end, unsigned w) {
    for (size_t i = begin; i < end; ++i) {
      const RuleOutcome o = ApplyRules(rules, records, PairFirst(pairs[i]), PairSecond(pairs[i]));
      if (o.rule >= 0 && o.verdict != Verdict::kNonMatch) {
        found[w].push_back({pairs[i], o.score, o.rule, o.verdict});
      }
    }
  });
  std::vector<Hit> hits;
  for (const std::vector<Hit>& part : found) hits.insert(hits.end(), part.begin(), part.end());
  return hits;
}

namespace {

// ScoreByFellegiSunter with each pair's pattern held as StoredPattern, which must have the 2 bits
// of every compared field.
template <typename StoredPattern>
std::vector<Hit> ScoreWithPatterns(const std::vector<uint64_t>& pairs,
                                   const std::vector<BlockKey>& keys,
                                   const std::vector<FieldComparison>& comparisons,
                                   const RecordSet& records, const spec::Match& match,
                                   Resolution* out) {
  static_assert(std::is_unsigned_v<StoredPattern>);
  assert(comparisons.size() * 2 <= sizeof(StoredPattern) * 8);
  std::vector<StoredPattern> patterns(pairs.size());
  std::vector<std::unordered_map<AgreementPattern, int64_t>> partial(MatchThreads());
  ParallelFor(pairs.size(), MatchThreads(), [&](size_t begin, size_t end, unsigned w) {
    for (size_t i = begin; i < end; ++i) {
      patterns[i] = static_cast<StoredPattern>(
          PatternOf(comparisons, records, PairFirst(pairs[i]), PairSecond(pairs[i])));
      ++partial[w][patterns[i]];
    }
  });
  std::unordered_map<AgreementPattern, int64_t> counts;
  for (const auto& part : partial) {
    for (const auto& entry : part) counts[entry.first] += entry.second;
  }
  const std::vector<double> random_u =
      match.em ? RandomPairAgreement(comparisons, records, kRandomPairs) : std::vector<double>();
  const std::vector<FieldComparison> trained =
      match.em ? TrainPerKey(pairs, patterns, KeyMasks(keys, comparisons, records), comparisons,
                             random_u, match)
               : comparisons;
  // With m and u settled, EM over every candidate's full pattern moves λ alone.
  const FsModel model = EstimateModel(trained, counts, {}, match.em, match.em_max_iterations);
  for (size_t f = 0; f < model.m.size(); ++f) {
    const bool estimated = match.em && (!comparisons[f].spec.m || !comparisons[f].spec.u);
    out->weights.push_back({comparisons[f].spec.field, model.m[f], model.u[f], estimated});
  }
  char lambda[128];
  std::snprintf(lambda, sizeof lambda,
                "fellegi_sunter: %zu agreement patterns, share of matching candidates %.4f, EM "
                "%s after %d iterations",
                counts.size(), model.lambda, model.converged ? "converged" : "stopped",
                model.iterations);
  out->counts.push_back({"agreement_patterns", static_cast<int64_t>(counts.size())});
  if (!model.converged) out->warnings.push_back(lambda);
  // EM's λ is the share of matches among the candidates; the match probability of a pair weighs
  // every field against u of random pairs, so its prior is the share among all pairs (blocking
  // only spares comparing the pairs that cannot match).
  FsModel scoring = model;
  const double all_pairs =
      0.5 * static_cast<double>(records.size()) * static_cast<double>(records.size() - 1);
  scoring.lambda = std::clamp(
      model.lambda * static_cast<double>(pairs.size()) / std::max(all_pairs, 1.0), 1e-15, 0.5);
  // Term frequency: two records sharing a common value ("@inbox.example", "Smith") agree by
  // chance more often than the field's u says; the weight of an equal value uses the value's own
  // share of the records when that is larger.
  std::vector<std::vector<uint32_t>> frequency(comparisons.size());
  std::vector<double> present(comparisons.size(), 0);
  for (size_t f = 0; f < comparisons.size(); ++f) {
    const FieldValues& values = records.fields[static_cast<size_t>(comparisons[f].field)];
    frequency[f].assign(values.values.size(), 0);
    for (uint32_t id : values.ids) ++frequency[f][id];
    present[f] = static_cast<double>(records.size() - frequency[f][0]);
  }
  // Per full pattern; counts holds each pattern that occurs once.
  std::unordered_map<AgreementPattern, double> weight_of;
  for (const auto& entry : counts) weight_of[entry.first] = MatchWeight(scoring, entry.first);
  std::vector<std::vector<Hit>> found(MatchThreads());
  ParallelFor(pairs.size(), MatchThreads(), [&](size_t begin, size_t end, unsigned w) {
    for (size_t i = begin; i < end; ++i) {
      const uint32_t a = PairFirst(pairs[i]), b = PairSecond(pairs[i]);
      double weight = weight_of.at(patterns[i]);
      for (size_t f = 0; f < comparisons.size(); ++f) {
        const uint32_t id = records.fields[static_cast<size_t>(comparisons[f].field)].ids[a];
        if (!comparisons[f].spec.u && id != 0 &&
            id == records.fields[static_cast<size_t>(comparisons[f].field)].ids[b]) {
          const double share = static_cast<double>(frequency[f][id]) / present[f];
          if (share > scoring.u[f]) weight -= std::log(share) - std::log(scoring.u[f]);
        }
      }
      const double p = ProbabilityOfWeight(weight);
      if (p >= match.match_threshold) {
        found[w].push_back({pairs[i], p, -1, Verdict::kMatch});
      } else if (p >= match.possible_threshold) {
        found[w].push_back({pairs[i], p, -1, Verdict::kPossible});
      }
    }
  });
  std::vector<Hit> hits;
  for (const std::vector<Hit>& part : found) hits.insert(hits.end(), part.begin(), part.end());
  return hits;
}

}  // namespace

std::vector<Hit> ScoreByFellegiSunter(const std::vector<uint64_t>& pairs,
                                      const std::vector<BlockKey>& keys,
                                      const std::vector<FieldComparison>& comparisons,
                                      const RecordSet& records, const spec::Match& match,
                                      Resolution* out) {
  if (comparisons.size() > kMaxComparedFields) {
    throw Error(ErrorCategory::kSpec, "fellegi_sunter compares at most " +
                                          std::to_string(kMaxComparedFields) + " fields");
  }
  // A pattern per candidate pair is held for all of scoring: 32 bits hold the 16 fields specs
  // compare in practice and halve that; more fields keep the full 64.
  if (comparisons.size() <= kFieldsIn32BitPattern) {
    return ScoreWithPatterns<uint32_t>(pairs, keys, comparisons, records, match, out);
  }
  return ScoreWithPatterns<uint64_t>(pairs, keys, comparisons, records, match, out);
}

}  // namespace crm::identity
