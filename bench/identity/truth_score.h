// Scores a clustering against ground truth, as the record-linkage literature does:
//   pairwise precision  true pairs among the pairs put in one cluster
//   pairwise recall     pairs put in one cluster among the true pairs
//   F1                  their harmonic mean
//   purity              share of records whose cluster's majority truth label is their own
// A pair is two records in one cluster; a record alone forms no pair.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace crm::bench {

struct TruthScore {
  int64_t records = 0;
  int64_t predicted_pairs = 0;
  int64_t true_pairs = 0;
  int64_t correct_pairs = 0;
  double precision = 1, recall = 1, f1 = 1, purity = 1;
};

// `cluster[i]` and `truth[i]` label record i (any strings; equal label, same cluster).
TruthScore ScoreClusters(const std::vector<std::string>& cluster,
                         const std::vector<std::string>& truth);

}  // namespace crm::bench
