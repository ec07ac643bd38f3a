// Streams the golden records of one entity out of staging in key order, a batch at a time
// (keyset pagination: `key > last ORDER BY key LIMIT n`, so memory stays bounded and a resume
// starts exactly after its last finished batch). References are resolved in the same query,
// through the referenced entity's xref: a staged key merged into another record's golden record
// resolves to that golden record's key.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/db/database.h"
#include "loaders/plan.h"
#include "loaders/target.h"

namespace crm::loaders {

// The values of a field with value rows: the golden value first (when it has one), then the
// secondary values survivorship kept (gold_<entity>._crm_secondary), in that order.
struct GoldValues {
  std::vector<std::string> list;
  bool first_is_golden = false;
};

struct GoldRow {
  std::string key;
  std::vector<Value> values;    // per plan column: the golden value (kId: the key; kRef: the
                                // referenced golden key, or the key as staged when unresolved)
  std::vector<bool> resolved;   // per plan column: kRef whose referenced record exists
  std::vector<Value> links;     // per plan link: the referenced golden key (or as staged)
  std::vector<bool> links_resolved;
  std::vector<GoldValues> values_of;  // per plan value
};

class GoldReader {
 public:
  GoldReader(db::Database& staging, const EntityPlan& plan, int64_t load_id);

  // At most `limit` rows with a key after `after` (from the first when nullopt), in key order.
  std::vector<GoldRow> Next(const std::optional<std::string>& after, size_t limit);

  // Golden records with a key up to and including `last` (what a resume skips).
  int64_t CountUpTo(const std::string& last);
  int64_t Count();

 private:
  void AddSecondary(const Value& json, GoldRow* row) const;

  db::Database& staging_;
  const EntityPlan& plan_;
  int64_t load_id_;
  std::string select_;  // up to WHERE; Next adds the key condition, order and limit
  size_t columns_ = 0;  // of select_, every one text
  std::string gold_;
};

}  // namespace crm::loaders
