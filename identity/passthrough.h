// The 1:1 identity pass: every staged record of stg_<entity> becomes its own golden record in
// gold_<entity>, with one xref_<entity> row (score 1, rule "1:1") saying which staged record it
// came from. It is the stand-in for identity resolution (blocking, matching, survivorship): the
// cutover reads only gold_* and xref_*, so replacing this pass changes nothing downstream.
//
// Two staged records with the same key (two sources mapping to the same external id) cannot be
// two golden records of one entity: the first staged (lowest _crm_row, i.e. the first source in
// spec order) is the golden record and the others join it with rule "same key".
//
// Everything runs set-based inside the staging database, in one transaction per entity.
#pragma once

#include <cstdint>
#include <string>

#include "core/db/database.h"
#include "core/spec/spec.h"

namespace crm::identity {

inline constexpr std::string_view kRuleOneToOne = "1:1";
inline constexpr std::string_view kRuleSameKey = "same key";

struct GoldenCounts {
  std::string entity;
  int64_t staged = 0;  // stg_<entity> rows of the load
  int64_t golden = 0;  // gold_<entity> rows of the load
  int64_t merged = 0;  // staged records that joined another record's golden record
  bool built = false;  // false: gold_<entity> already held this load (made by an earlier run)
};

// Number of gold_<entity> rows of `load_id`; 0 when the table does not exist.
int64_t CountGoldenRecords(db::Database& staging, const spec::Entity& entity, int64_t load_id);

// Makes gold_<entity> and xref_<entity> for `load_id` unless gold_<entity> already holds records
// of that load (`rebuild`: whatever it holds), and removes the rows of every other load from both (staging keeps one load, as
// the stage does). `run_id` is written into gold's _crm_run. golden = staged - merged holds on
// return; a difference is crm::Error(kInternal). Database errors are crm::Error(kIo).
GoldenCounts EnsureGoldenRecords(db::Database& staging, const spec::Entity& entity,
                                 int64_t load_id, int64_t run_id, bool rebuild = false);

}  // namespace crm::identity
