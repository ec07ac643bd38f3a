// Clusters: connected components over the match pairs, with the guard against chaining. A chain
// A~B~C~...~Z can join records that do not resemble each other at all; a cluster larger than
// max_cluster_size, or whose cohesion (the share of its member pairs that match directly) is
// below min_cohesion, is flagged for review or split by dropping its weakest links until every
// part passes. A cluster that holds a pair a person rejected in review is always split that way,
// so a rejection holds even when other links would join the two records.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "identity/match/records.h"

namespace crm::identity {

struct MatchEdge {
  uint32_t a = 0, b = 0;  // record indices
  double score = 0;       // strength: the weakest links are dropped first
};

struct ClusterOptions {
  int64_t max_size = 50;
  double min_cohesion = 0.5;
  bool split = false;  // on_chain: split; false: flag
};

struct Clustering {
  std::vector<uint32_t> representative;  // per record: the cluster member with the smallest
                                         // (source, key)
  std::vector<char> flagged;             // per record: in a flagged chain
  std::vector<int64_t> joined_by;        // per record: index of its strongest kept edge; -1 alone
  std::vector<std::string> warnings;
  int64_t chains_flagged = 0;
  int64_t chains_split = 0;
  int64_t links_dropped = 0;
};

// `rejected` are record pairs (PairCode, sorted) that must not end in one cluster.
Clustering ClusterRecords(const RecordSet& records, const std::vector<MatchEdge>& edges,
                          const std::vector<uint64_t>& rejected, const ClusterOptions& options);

}  // namespace crm::identity
