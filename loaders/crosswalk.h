// The crosswalk CSV: one line per staged record — entity, source, source line, the staged key,
// the golden record it went into and the target table and id it was loaded as — so the
// integrations that pointed at the old systems can be repointed. Entities in load order, each
// in golden key order (the records merged into one golden record together, by source and line).
#pragma once

#include <cstdint>
#include <fstream>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/db/database.h"
#include "core/spec/spec.h"
#include "loaders/plan.h"
#include "loaders/target.h"

namespace crm::loaders {

// Writes the crosswalk to a .part file, a golden key range at a time, and moves it into place
// on Commit; destroyed before that, it removes the part file (a cutover that stopped leaves no
// crosswalk). The target ids are those the load recorded in _crosswalk for the range.
class CrosswalkWriter {
 public:
  CrosswalkWriter(const spec::Spec& spec, db::Database& staging, int64_t load_id);
  ~CrosswalkWriter();
  CrosswalkWriter(const CrosswalkWriter&) = delete;
  CrosswalkWriter& operator=(const CrosswalkWriter&) = delete;

  // The lines of `plan`'s staged records whose golden key is after `after` and up to `last`
  // (nullopt: no bound). Calls go through the entities in load order, each in key order.
  void Write(const EntityPlan& plan, const std::optional<std::string>& after,
             const std::optional<std::string>& last);
  // Every line of `plan`, a range of a bounded number of target ids at a time.
  void WriteAll(const EntityPlan& plan);
  // Moves the file into place; returns its path.
  std::string Commit();

 private:
  // The target ids of `plan`'s golden keys in (after, last], at most `limit` (0: no limit);
  // returns the last key read.
  std::optional<std::string> ReadIds(const EntityPlan& plan,
                                     const std::optional<std::string>& after,
                                     const std::optional<std::string>& last, size_t limit);
  void WriteMembers(const EntityPlan& plan, const std::optional<std::string>& after,
                    const std::optional<std::string>& last);
  void Flush(const EntityPlan& plan);
  void Send();

  struct Member {
    std::string source;
    std::optional<long long> line;
    std::string source_key;
  };

  db::Database& staging_;
  int64_t load_id_;
  std::string path_, part_;
  std::ofstream out_;
  bool committed_ = false;
  std::unordered_map<std::string, Value> ids_;  // golden key → target id, of one range
  std::string gold_;                             // the golden key of members_
  std::vector<Member> members_;
  std::string lines_;  // lines not yet written to out_
};

}  // namespace crm::loaders
