// The crosswalk CSV: one line per staged record — entity, source, source line, the staged key,
// the golden record it went into and the target table and id it was loaded as — so the
// integrations that pointed at the old systems can be repointed. Read from xref_<entity> and
// _crosswalk, in golden key order (the records merged into one golden record together): the
// order of xref_'s index and of _crosswalk, so nothing is sorted and each id is looked up next
// to the one before. Written to a .part file and moved into place when complete.
#pragma once

#include <cstdint>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "core/db/database.h"
#include "core/spec/spec.h"
#include "loaders/plan.h"

namespace crm::loaders {

class CrosswalkWriter {
 public:
  // Opens <cutover.crosswalk>.part and writes the header. Throws crm::Error(kIo).
  CrosswalkWriter(const spec::Spec& spec, db::Database& staging, int64_t load_id);
  ~CrosswalkWriter();  // removes the .part file unless Commit ran

  // The lines of `plan`'s staged records whose golden key is after `after` and up to `last`
  // (no bound where nullopt), in golden key order: a fresh load writes a batch's lines once
  // its target ids are in _crosswalk.
  void Write(const EntityPlan& plan, const std::optional<std::string>& after,
             const std::optional<std::string>& last);
  // Closes the file and moves it into place; returns its path.
  std::string Commit();

 private:
  db::Database& staging_;
  int64_t load_id_;
  std::string path_, part_;
  std::ofstream out_;
  bool committed_ = false;
};

// The whole crosswalk of `plans` at once (a resume or a retry of rejects).
std::string WriteCrosswalk(const spec::Spec& spec, db::Database& staging,
                           const std::vector<EntityPlan>& plans, int64_t load_id);

}  // namespace crm::loaders
