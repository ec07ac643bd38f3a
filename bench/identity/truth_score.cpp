#include "bench/identity/truth_score.h"

#include <algorithm>
#include <map>
#include <utility>

namespace crm::bench {
namespace {

int64_t Pairs(int64_t n) { return n * (n - 1) / 2; }

}  // namespace

TruthScore ScoreClusters(const std::vector<std::string>& cluster,
                         const std::vector<std::string>& truth) {
  TruthScore s;
  s.records = static_cast<int64_t>(cluster.size());
  std::map<std::string, int64_t> per_cluster, per_truth;
  std::map<std::pair<std::string, std::string>, int64_t> both;
  for (size_t i = 0; i < cluster.size(); ++i) {
    ++per_cluster[cluster[i]];
    ++per_truth[truth[i]];
    ++both[{cluster[i], truth[i]}];
  }
  for (const auto& entry : per_cluster) s.predicted_pairs += Pairs(entry.second);
  for (const auto& entry : per_truth) s.true_pairs += Pairs(entry.second);
  std::map<std::string, int64_t> majority;  // per cluster: its largest truth group
  for (const auto& entry : both) {
    s.correct_pairs += Pairs(entry.second);
    int64_t& m = majority[entry.first.first];
    m = std::max(m, entry.second);
  }
  int64_t pure = 0;
  for (const auto& entry : majority) pure += entry.second;
  if (s.predicted_pairs > 0) s.precision = double(s.correct_pairs) / double(s.predicted_pairs);
  if (s.true_pairs > 0) s.recall = double(s.correct_pairs) / double(s.true_pairs);
  s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0;
  if (s.records > 0) s.purity = double(pure) / double(s.records);
  return s;
}

}  // namespace crm::bench
