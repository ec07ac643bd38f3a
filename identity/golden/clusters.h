// The clusters a Resolution says, made ready for golden records: grouped, each with its golden
// key, every staged record exactly once.
//
// Two staged records with the same key (two sources mapping to the same external id) cannot be
// two golden records: the key identifies a record of the entity in the target. Clusters holding
// the same key are therefore joined, and a record moved that way carries rule "same key" (as the
// 1:1 pass says for it). The golden key is the key of the member with the smallest RecordKey
// (source, then key): the same customers give the same golden key on every run, whatever order
// matching found them in.
//
// Records left alone (about 97% of generated contacts) are not made into Cluster objects by
// GroupClusters: the golden writer copies them inside the database, so grouping a million records
// costs a few index arrays rather than a million clusters.
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

struct ClusterGroups {
  std::vector<Cluster> merged;  // clusters of two or more records, in golden key order
  std::vector<size_t> alone;    // indexes into Resolution::members of records alone, ascending
};

// Throws crm::Error(kInternal) when `resolution` names a staged row twice or does not hold
// `staged` records (the contract says every record exactly once).
ClusterGroups GroupClusters(const Resolution& resolution, int64_t staged);

// A record alone as its one-member cluster: rule "singleton" unless matching gave it one.
Cluster SingletonCluster(const Membership& member);

// Every cluster, those of one record included, in golden key order (GroupClusters' checks).
std::vector<Cluster> MakeClusters(const Resolution& resolution, int64_t staged);

}  // namespace crm::identity
