// Golden records of the records matching left alone, written inside the staging database.
//
// About 97% of generated contacts match nobody. Their golden record is a copy of the staged row
// and their xref row names it with score 1 and rule "singleton", so both are one INSERT … SELECT
// from stg_<entity> each, in every dialect, with no row passing through this process. The rows
// that must not be copied that way travel in a temporary table of row ids:
//   - the members of clusters of several records (their golden records come from survivorship),
//   - records alone whose score or rule matching set otherwise (their xref row keeps them).
// The caller holds the transaction; the temporary table is emptied before returning (it lasts
// as long as the session, so a second resolution in one session reuses it).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/db/database.h"
#include "core/spec/spec.h"

namespace crm::identity {

// A staged row the set-based copy must leave out of gold_<entity> (merged: survivorship writes its
// golden record and xref row) or copy with its own xref score and rule (not merged).
struct RowException {
  int64_t row = 0;
  bool merged = true;
  double score = 1;
  std::string rule;
};

// Copies every staged row of `load_id` that no exception marks merged into gold_<entity> (one
// member, no provenance) and xref_<entity> (score 1 and rule "singleton" unless an exception
// says otherwise). Database errors propagate as soci errors (the caller guards).
void CopySingletons(db::Database& staging, const spec::Entity& entity, int64_t load_id,
                    int64_t run_id, const std::vector<RowException>& exceptions);

}  // namespace crm::identity
