// The target schema check the cutover runs before the first row (and the dry run reports):
// introspects every table the plan writes and lists every way the target does not fit the spec —
// a missing table or column, a type that cannot hold the field, a NOT NULL column nothing fills,
// a declared length shorter than values of the golden records (with how many would be
// truncated, counted set-based in staging), a key without a unique index (loads could not be
// idempotent). Each problem names the spec location (`migration.yaml:62:7: entities.contact.
// fields.note`) so the list reads like the spec checker's.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/db/database.h"
#include "core/spec/spec.h"
#include "loaders/plan.h"
#include "loaders/target.h"

namespace crm::loaders {

struct SchemaCheckOptions {
  bool create = false;   // create missing tables from the plan instead of reporting them
  int64_t load_id = 0;   // the golden records counted for lengths and NULLs
};

struct SchemaCheckResult {
  std::vector<std::string> problems;  // the target does not fit: nothing may be written
  std::vector<std::string> warnings;  // rows the target will refuse, columns left to defaults
  std::vector<std::string> notes;     // tables created, id columns adapted
};

// May adapt `plans`: with id_strategy external and a target table without the id column, the key
// column identifies the rows (noted). A CSV export has no schema: nothing is checked.
SchemaCheckResult CheckTargetSchema(const spec::Spec& spec, std::vector<EntityPlan>* plans,
                                    Target& target, db::Database& staging,
                                    const SchemaCheckOptions& options);

}  // namespace crm::loaders
