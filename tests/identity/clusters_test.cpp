// Clusters from a Resolution: golden keys from the smallest RecordKey, records sharing a key
// joined ("same key"), and a Resolution that breaks its contract refused.
#include <catch2/catch.hpp>

#include "core/common/error.h"
#include "identity/golden/clusters.h"

namespace crm::identity {
namespace {

Membership Member(int64_t row, const std::string& source, const std::string& key, int64_t cluster,
                  const std::string& rule = "rule 1: same email") {
  Membership m;
  m.row = row;
  m.record = {source, key};
  m.cluster = cluster;
  m.rule = rule;
  return m;
}

std::string Render(const std::vector<Cluster>& clusters) {
  std::string out;
  for (const Cluster& c : clusters) {
    out += c.gold_key + ":";
    for (const ClusterMember& m : c.members) {
      out += " " + m.record.source + "/" + m.record.key + "(" + m.rule + ")";
    }
    out += "\n";
  }
  return out;
}

TEST_CASE("the golden key is the key of the smallest RecordKey, whatever the cluster id says",
          "[identity][clusters]") {
  Resolution r;
  r.members = {Member(1, "webshop", "W-1", 1), Member(2, "legacy", "L-5", 1),
               Member(3, "webshop", "W-4", 3, "singleton")};
  CHECK(Render(MakeClusters(r, 3)) ==
        "L-5: legacy/L-5(rule 1: same email) webshop/W-1(rule 1: same email)\n"
        "W-4: webshop/W-4(singleton)\n");
}

TEST_CASE("records sharing a key in different clusters become one golden record",
          "[identity][clusters]") {
  Resolution r;
  r.members = {Member(1, "legacy", "K-1", 1, "singleton"), Member(2, "webshop", "K-1", 2, "singleton"),
               Member(3, "webshop", "W-2", 2)};
  CHECK(Render(MakeClusters(r, 3)) ==
        "K-1: legacy/K-1(singleton) webshop/K-1(same key) webshop/W-2(rule 1: same email)\n");
}

TEST_CASE("GroupClusters keeps records alone as indexes and builds only clusters of several",
          "[identity][clusters]") {
  Resolution r;
  r.members = {Member(1, "webshop", "W-1", 1), Member(2, "legacy", "L-9", 2, "singleton"),
               Member(3, "legacy", "L-5", 1), Member(4, "webshop", "W-4", 4, "singleton"),
               Member(5, "legacy", "W-4", 5, "singleton")};
  const ClusterGroups groups = GroupClusters(r, 5);
  CHECK(Render(groups.merged) ==
        "L-5: legacy/L-5(rule 1: same email) webshop/W-1(rule 1: same email)\n"
        "W-4: legacy/W-4(same key) webshop/W-4(singleton)\n");
  CHECK(groups.alone == std::vector<size_t>{1});
  // MakeClusters is the same grouping with the records alone as clusters of one.
  CHECK(Render(MakeClusters(r, 5)) ==
        "L-5: legacy/L-5(rule 1: same email) webshop/W-1(rule 1: same email)\n"
        "L-9: legacy/L-9(singleton)\n"
        "W-4: legacy/W-4(same key) webshop/W-4(singleton)\n");
}

TEST_CASE("a Resolution that does not hold every staged record once is an internal error",
          "[identity][clusters]") {
  Resolution r;
  r.members = {Member(1, "legacy", "L-1", 1), Member(1, "legacy", "L-1", 1)};
  CHECK_THROWS_WITH(MakeClusters(r, 2), "identity: matching placed staged row 1 (legacy L-1) twice");
  CHECK_THROWS_WITH(MakeClusters(r, 3),
                    "identity: matching placed 2 record(s) in clusters, but 3 are staged");
  try {
    MakeClusters(r, 3);
  } catch (const Error& e) {
    CHECK(e.category() == ErrorCategory::kInternal);
  }
}

}  // namespace
}  // namespace crm::identity
