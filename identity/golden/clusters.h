// The clusters a Resolution says, made ready for golden records: grouped, each with its golden
// key, every staged record exactly once.
//
// Two staged records with the same key (two sources mapping to the same external id) cannot be
// two golden records: the key identifies a record of the entity in the target. Clusters holding
// the same key are therefore joined, and a record moved that way carries rule "same key" (as the
// 1:1 pass says for it). The golden key is the key of the member with the smallest RecordKey
// (source, then key): the same customers give the same golden key on every run, whatever order
// matching found them in.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "identity/match/resolution.h"

namespace crm::identity {

inline constexpr std::string_view kRuleSingleton = "singleton";

struct ClusterMember {
  int64_t row = 0;
  RecordKey record;
  double score = 1;
  std::string rule;
  bool flagged = false;
};

struct Cluster {
  std::string gold_key;
  std::vector<ClusterMember> members;  // by RecordKey: the representative first
  bool flagged = false;                // a member is in a cluster the chaining guard flagged
};

// The clusters in golden key order. Throws crm::Error(kInternal) when `resolution` names a staged
// row twice or does not hold `staged` records (the contract says every record exactly once).
std::vector<Cluster> MakeClusters(const Resolution& resolution, int64_t staged);

}  // namespace crm::identity
