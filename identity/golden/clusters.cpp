#include "identity/golden/clusters.h"

#include <algorithm>
#include <functional>
#include <string_view>
#include <utility>

#include "core/common/error.h"
#include "identity/match/union_find.h"
#include "identity/passthrough.h"

namespace crm::identity {
namespace {

// (value, member index) pairs sorted: contiguous pairs sort several times faster than indexes
// whose comparison reaches into the 100-byte members.
std::vector<std::pair<int64_t, uint32_t>> SortedBy(const std::vector<Membership>& members,
                                                   int64_t Membership::*field) {
  std::vector<std::pair<int64_t, uint32_t>> out(members.size());
  for (uint32_t i = 0; i < members.size(); ++i) out[i] = {members[i].*field, i};
  std::sort(out.begin(), out.end());
  return out;
}

// The first member (in member order) of each member's key: an open-addressing table of member
// indexes hashed by key, which costs 8 bytes a record where sorting by key compared strings
// through the members.
std::vector<uint32_t> FirstOfKey(const std::vector<Membership>& members) {
  const size_t n = members.size();
  size_t capacity = 1024;
  while (capacity < 2 * n) capacity *= 2;
  std::vector<uint32_t> slots(capacity, UINT32_MAX);
  std::vector<uint32_t> first(n);
  const std::hash<std::string_view> hash;
  for (uint32_t i = 0; i < n; ++i) {
    const std::string& key = members[i].record.key;
    for (size_t s = hash(key) & (capacity - 1);; s = (s + 1) & (capacity - 1)) {
      if (slots[s] == UINT32_MAX) {
        slots[s] = first[i] = i;
        break;
      }
      if (members[slots[s]].record.key == key) {
        first[i] = slots[s];
        break;
      }
    }
  }
  return first;
}

ClusterMember MemberOf(const Membership& m) {
  return {m.row, m.record, m.score, m.rule, m.flagged};
}

}  // namespace

ClusterGroups GroupClusters(const Resolution& resolution, int64_t staged) {
  const std::vector<Membership>& members = resolution.members;
  const size_t n = members.size();
  if (static_cast<int64_t>(n) != staged) {
    throw Error(ErrorCategory::kInternal,
                "identity: matching placed " + std::to_string(n) +
                    " record(s) in clusters, but " + std::to_string(staged) + " are staged");
  }
  if (n >= UINT32_MAX) {
    throw Error(ErrorCategory::kInternal, "identity: too many records in one load");
  }
  {
    const std::vector<std::pair<int64_t, uint32_t>> by_row = SortedBy(members, &Membership::row);
    for (size_t i = 1; i < n; ++i) {
      if (by_row[i].first != by_row[i - 1].first) continue;
      const Membership& m = members[by_row[i].second];
      throw Error(ErrorCategory::kInternal, "identity: matching placed staged row " +
                                                std::to_string(m.row) + " (" + m.record.source +
                                                " " + m.record.key + ") twice");
    }
  }
  UnionFind groups(n);
  {
    const std::vector<std::pair<int64_t, uint32_t>> by_cluster =
        SortedBy(members, &Membership::cluster);
    for (size_t i = 1; i < n; ++i) {
      if (by_cluster[i].first == by_cluster[i - 1].first) {
        groups.Union(by_cluster[i].second, by_cluster[i - 1].second);
      }
    }
  }
  // Records sharing a key join one golden record; remember which ones moved for that reason.
  // Visited in member order, each against the first record of its key, as the rule reads.
  std::vector<uint32_t> first_of_key = FirstOfKey(members);
  std::vector<bool> joined_by_key(n, false);
  for (uint32_t i = 0; i < n; ++i) {
    const uint32_t other = first_of_key[i];
    if (other != i && groups.Find(i) != groups.Find(other)) {
      groups.Union(i, other);
      joined_by_key[i] = true;
    }
  }
  first_of_key = {};

  std::vector<uint32_t> size(n, 0);
  for (uint32_t i = 0; i < n; ++i) ++size[groups.Find(i)];
  ClusterGroups out;
  std::vector<uint32_t> slot(n, UINT32_MAX);  // root -> index into out.merged
  for (uint32_t i = 0; i < n; ++i) {
    const uint32_t root = groups.Find(i);
    if (size[root] == 1) {
      out.alone.push_back(i);
      continue;
    }
    if (slot[root] == UINT32_MAX) {
      slot[root] = static_cast<uint32_t>(out.merged.size());
      out.merged.emplace_back();
      out.merged.back().members.reserve(size[root]);
    }
    Cluster& c = out.merged[slot[root]];
    ClusterMember member = MemberOf(members[i]);
    if (joined_by_key[i]) {
      member.score = 1;
      member.rule = std::string(kRuleSameKey);
    }
    c.flagged = c.flagged || member.flagged;
    c.members.push_back(std::move(member));
  }
  for (Cluster& c : out.merged) {
    std::sort(c.members.begin(), c.members.end(),
              [](const ClusterMember& a, const ClusterMember& b) { return a.record < b.record; });
    c.gold_key = c.members.front().record.key;
  }
  std::sort(out.merged.begin(), out.merged.end(),
            [](const Cluster& a, const Cluster& b) { return a.gold_key < b.gold_key; });
  return out;
}

Cluster SingletonCluster(const Membership& member) {
  Cluster c;
  c.gold_key = member.record.key;
  c.flagged = member.flagged;
  c.members.push_back(MemberOf(member));
  if (c.members.front().rule.empty()) c.members.front().rule = std::string(kRuleSingleton);
  return c;
}

std::vector<Cluster> MakeClusters(const Resolution& resolution, int64_t staged) {
  ClusterGroups groups = GroupClusters(resolution, staged);
  std::vector<Cluster> clusters = std::move(groups.merged);
  for (size_t i : groups.alone) clusters.push_back(SingletonCluster(resolution.members[i]));
  std::sort(clusters.begin(), clusters.end(),
            [](const Cluster& a, const Cluster& b) { return a.gold_key < b.gold_key; });
  return clusters;
}

}  // namespace crm::identity
