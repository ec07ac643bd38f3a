// ResolveEntity (resolution.h): load the compact records, block, score the candidate pairs by
// rules or Fellegi-Sunter on every core, let review decisions overrule, cluster.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <unordered_map>

#include "core/common/error.h"
#include "identity/match/blocking.h"
#include "identity/match/clustering.h"
#include "identity/match/fellegi_sunter.h"
#include "identity/match/parallel.h"
#include "identity/match/resolution.h"
#include "identity/match/rules.h"
#include "identity/match/scoring.h"

namespace crm::identity {
namespace {

// The fields matching reads: those of the blocking keys, the comparisons and the rules, once
// each, in that order.
std::vector<std::string> UsedFields(const spec::Match& match) {
  std::vector<std::string> fields;
  const auto add = [&fields](const std::string& f) {
    if (std::find(fields.begin(), fields.end(), f) == fields.end()) fields.push_back(f);
  };
  for (const std::string& key : match.block) {
    for (const std::string& f : BlockKeyFields(key)) add(f);
  }
  for (const spec::Compare& c : match.compare) add(c.field);
  for (const spec::MatchRule& rule : match.when) {
    for (const auto* list : {&rule.same, &rule.similar, &rule.different}) {
      for (const std::string& f : *list) add(f);
    }
  }
  return fields;
}

// A decided pair, by record index.
struct Decision {
  uint64_t pair = 0;
  bool accept = false;
};

std::vector<Decision> MapDecisions(const RecordSet& records,
                                   const std::vector<ReviewDecision>& decisions,
                                   std::vector<std::string>* warnings) {
  std::map<RecordKey, uint32_t> wanted;
  for (const ReviewDecision& d : decisions) wanted[d.a] = wanted[d.b] = UINT32_MAX;
  for (uint32_t r = 0; r < records.size() && !wanted.empty(); ++r) {
    auto it =
        wanted.find({records.source_names[records.sources[r]], std::string(records.keys[r])});
    if (it != wanted.end() && it->second == UINT32_MAX) it->second = r;
  }
  std::map<uint64_t, bool> last;  // a later line about the same pair replaces an earlier one
  for (const ReviewDecision& d : decisions) {
    const uint32_t a = wanted[d.a], b = wanted[d.b];
    if (a == UINT32_MAX || b == UINT32_MAX || a == b) {
      const RecordKey& missing = a == UINT32_MAX ? d.a : d.b;
      warnings->push_back("review decision about " + d.a.source + "/" + d.a.key + " and " +
                          d.b.source + "/" + d.b.key + " ignored: " +
                          (a == b && a != UINT32_MAX
                               ? std::string("both name one record")
                               : "no staged record " + missing.source + "/" + missing.key));
      continue;
    }
    last[PairCode(std::min(a, b), std::max(a, b))] = d.accept;
  }
  std::vector<Decision> out;
  for (const auto& entry : last) out.push_back({entry.first, entry.second});
  return out;
}

// Review decisions overrule: an accepted pair is a match (added when blocking never proposed
// it), a rejected one is dropped. Returns the rejected pairs, sorted.
std::vector<uint64_t> ApplyDecisions(const std::vector<Decision>& decisions, std::vector<Hit>* hits,
                                     Resolution* out) {
  std::sort(hits->begin(), hits->end(), [](const Hit& x, const Hit& y) { return x.pair < y.pair; });
  std::vector<uint64_t> rejected;
  int64_t accepted = 0;
  for (const Decision& d : decisions) {
    auto it = std::lower_bound(hits->begin(), hits->end(), d.pair,
                               [](const Hit& h, uint64_t p) { return h.pair < p; });
    const bool present = it != hits->end() && it->pair == d.pair;
    if (d.accept) {
      ++accepted;
      if (present) {
        *it = {d.pair, 1, -2, Verdict::kMatch};
      } else {
        hits->insert(it, {d.pair, 1, -2, Verdict::kMatch});
      }
    } else {
      rejected.push_back(d.pair);
      if (present) hits->erase(it);
    }
  }
  out->counts.push_back({"review_accepted", accepted});
  out->counts.push_back({"review_rejected", static_cast<int64_t>(rejected.size())});
  return rejected;
}

// The comparisons whose similarities a scored pair lists: the compare entries, then the fields
// rules name that have none.
std::vector<FieldComparison> ShownComparisons(const std::vector<FieldComparison>& comparisons,
                                              const std::vector<CompiledRule>& rules) {
  std::vector<FieldComparison> shown = comparisons;
  for (const CompiledRule& rule : rules) {
    for (const auto* list : {&rule.same, &rule.similar, &rule.different}) {
      for (const FieldComparison& c : *list) {
        const bool known = std::any_of(shown.begin(), shown.end(), [&c](const FieldComparison& s) {
          return s.spec.field == c.spec.field;
        });
        if (!known) shown.push_back(c);
      }
    }
  }
  return shown;
}

}  // namespace

Resolution ResolveEntity(db::Database& staging, const spec::Entity& entity, int64_t load_id,
                         const std::vector<ReviewDecision>& decisions, Progress& progress) {
  if (!entity.match) {
    throw Error(ErrorCategory::kInternal, "identity: entity '" + entity.name + "' has no match");
  }
  const spec::Match& match = *entity.match;
  Resolution out;
  const RecordSet records = LoadRecords(staging, entity, load_id, UsedFields(match), progress);
  if (records.size() >= UINT32_MAX) {
    throw Error(ErrorCategory::kInternal, "identity: too many records in one load");
  }
  out.counts.push_back({"records", static_cast<int64_t>(records.size())});

  progress.Begin("identity: blocking " + entity.name, -1);
  const std::vector<BlockKey> keys = ParseBlockKeys(match.block, records);
  Candidates candidates = GenerateCandidates(keys, records, match.max_block_size);
  progress.Advance(static_cast<int64_t>(candidates.pairs.size()));
  progress.End();
  for (const std::string& w : candidates.warnings) progress.Note(w);
  out.warnings = candidates.warnings;
  out.counts.push_back({"blocks", candidates.blocks});
  out.counts.push_back({"skipped_blocks", candidates.skipped_blocks});
  out.counts.push_back({"pairs_generated", candidates.pairs_generated});
  out.counts.push_back({"pairs_compared", static_cast<int64_t>(candidates.pairs.size())});

  progress.Begin("identity: comparing " + entity.name,
                 static_cast<int64_t>(candidates.pairs.size()));
  const std::vector<FieldComparison> comparisons = ResolveComparisons(match, records);
  std::vector<CompiledRule> rules;
  std::vector<Hit> hits;
  if (match.method == spec::MatchMethod::kRules) {
    rules = CompileRules(match, comparisons, records);
    hits = ScoreByRules(candidates.pairs, rules, records);
  } else {
    hits = ScoreByFellegiSunter(candidates.pairs, keys, comparisons, records, match, &out);
  }
  progress.Advance(static_cast<int64_t>(candidates.pairs.size()));
  progress.End();
  candidates.pairs = {};  // freed before the pairs that matter are built

  const std::vector<uint64_t> rejected =
      ApplyDecisions(MapDecisions(records, decisions, &out.warnings), &hits, &out);

  // Scored pairs, and the match graph's edges in the same order as out.matches.
  const std::vector<FieldComparison> shown = ShownComparisons(comparisons, rules);
  std::vector<MatchEdge> edges;
  for (const Hit& h : hits) {
    const uint32_t a = PairFirst(h.pair), b = PairSecond(h.pair);
    ScoredPair p;
    p.a = records.rows[a];
    p.b = records.rows[b];
    p.score = h.score;
    p.rule = h.rule == -2  ? "review: accepted"
             : h.rule >= 0 ? rules[static_cast<size_t>(h.rule)].name
                           : "fellegi_sunter";
    p.verdict = h.verdict;
    for (const FieldComparison& c : shown) {
      const FieldOutcome o = CompareField(c, records, a, b);
      if (!o.missing) p.similarity.emplace_back(c.spec.field, o.similarity);
    }
    if (h.verdict == Verdict::kMatch) {
      edges.push_back({a, b, h.score});
      out.matches.push_back(std::move(p));
    } else {
      out.possible.push_back(std::move(p));
    }
  }
  out.counts.push_back({"matches", static_cast<int64_t>(out.matches.size())});
  out.counts.push_back({"possible", static_cast<int64_t>(out.possible.size())});

  const Clustering clusters =
      ClusterRecords(records, edges, rejected,
                     {match.max_cluster_size, match.min_cohesion, match.on_chain == "split"});
  for (const std::string& w : clusters.warnings) progress.Note(w);
  out.warnings.insert(out.warnings.end(), clusters.warnings.begin(), clusters.warnings.end());

  int64_t in_clusters = 0, clusters_of_many = 0;
  out.members.reserve(records.size());
  for (uint32_t r = 0; r < records.size(); ++r) {
    Membership m;
    m.row = records.rows[r];
    m.record = {records.source_names[records.sources[r]], std::string(records.keys[r])};
    m.cluster = records.rows[clusters.representative[r]];
    m.flagged = clusters.flagged[r] != 0;
    const int64_t e = clusters.joined_by[r];
    if (e >= 0) {
      m.score = out.matches[static_cast<size_t>(e)].score;
      m.rule = out.matches[static_cast<size_t>(e)].rule;
      ++in_clusters;
      if (clusters.representative[r] == r) ++clusters_of_many;
    } else {
      m.rule = "singleton";
    }
    out.members.push_back(std::move(m));
  }
  const int64_t clusters_total =
      static_cast<int64_t>(records.size()) - in_clusters + clusters_of_many;
  out.counts.push_back({"clusters", clusters_total});
  out.counts.push_back({"clusters_of_two_or_more", clusters_of_many});
  out.counts.push_back({"merged", static_cast<int64_t>(records.size()) - clusters_total});
  out.counts.push_back({"chains_flagged", clusters.chains_flagged});
  out.counts.push_back({"chains_split", clusters.chains_split});
  out.counts.push_back({"links_dropped", clusters.links_dropped});
  return out;
}

}  // namespace crm::identity
