#include "identity/golden/clusters.h"

#include <algorithm>
#include <map>
#include <numeric>

#include "core/common/error.h"
#include "identity/passthrough.h"

namespace crm::identity {
namespace {

class UnionFind {
 public:
  explicit UnionFind(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), size_t{0}); }
  size_t Find(size_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void Join(size_t a, size_t b) { parent_[Find(a)] = Find(b); }

 private:
  std::vector<size_t> parent_;
};

}  // namespace

std::vector<Cluster> MakeClusters(const Resolution& resolution, int64_t staged) {
  const std::vector<Membership>& members = resolution.members;
  if (static_cast<int64_t>(members.size()) != staged) {
    throw Error(ErrorCategory::kInternal,
                "identity: matching placed " + std::to_string(members.size()) +
                    " record(s) in clusters, but " + std::to_string(staged) + " are staged");
  }
  UnionFind groups(members.size());
  std::map<int64_t, size_t> first_of_cluster;
  std::map<int64_t, size_t> seen_rows;
  std::map<std::string, size_t> first_of_key;
  for (size_t i = 0; i < members.size(); ++i) {
    if (!seen_rows.emplace(members[i].row, i).second) {
      throw Error(ErrorCategory::kInternal, "identity: matching placed staged row " +
                                                std::to_string(members[i].row) + " (" +
                                                members[i].record.source + " " +
                                                members[i].record.key + ") twice");
    }
    auto cluster = first_of_cluster.emplace(members[i].cluster, i);
    if (!cluster.second) groups.Join(i, cluster.first->second);
  }
  // Records sharing a key join one golden record; remember which ones moved for that reason.
  std::vector<bool> joined_by_key(members.size(), false);
  for (size_t i = 0; i < members.size(); ++i) {
    auto key = first_of_key.emplace(members[i].record.key, i);
    if (key.second) continue;
    const size_t other = key.first->second;
    if (groups.Find(i) != groups.Find(other)) {
      groups.Join(i, other);
      joined_by_key[i] = true;
    }
  }
  std::map<size_t, Cluster> by_root;
  for (size_t i = 0; i < members.size(); ++i) {
    const Membership& m = members[i];
    Cluster& c = by_root[groups.Find(i)];
    ClusterMember member{m.row, m.record, m.score, m.rule, m.flagged};
    if (joined_by_key[i]) {
      member.score = 1;
      member.rule = std::string(kRuleSameKey);
    }
    c.flagged = c.flagged || m.flagged;
    c.members.push_back(std::move(member));
  }
  std::vector<Cluster> clusters;
  clusters.reserve(by_root.size());
  for (auto& entry : by_root) {
    Cluster& c = entry.second;
    std::sort(c.members.begin(), c.members.end(),
              [](const ClusterMember& a, const ClusterMember& b) { return a.record < b.record; });
    c.gold_key = c.members.front().record.key;
    if (c.members.size() == 1 && c.members.front().rule.empty()) {
      c.members.front().rule = std::string(kRuleSingleton);
    }
    clusters.push_back(std::move(c));
  }
  std::sort(clusters.begin(), clusters.end(),
            [](const Cluster& a, const Cluster& b) { return a.gold_key < b.gold_key; });
  return clusters;
}

}  // namespace crm::identity
