// The validate run's rows in the journal: one _results row per rule (counts, threshold, verdict
// and the statistics as details_json) and one _failures row per kept sample (masked values
// always: reports are re-rendered from the journal without --show-pii), in one transaction.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/db/database.h"
#include "validators/validate.h"

namespace crm::validate {

struct PreviousRun {
  int64_t run_id = 0;
  std::string spec_sha256;  // the spec it ran with: a mapping fix between runs changes it
  std::map<std::string, std::pair<int64_t, int64_t>> rules;  // rule -> (checked, failed)
};

// The newest earlier validate run of the same subset ("" for full runs) that wrote results.
std::optional<PreviousRun> FindPreviousRun(db::Database& db, int64_t run_id,
                                           const std::string& subset);

// The samples written are the masked ones (RuleResult::masked_samples).
void WriteResults(db::Database& db, int64_t run_id, const ValidateResult& result);

// The details_json of one rule's _results row.
std::string RuleDetailsJson(const RuleResult& rule);

}  // namespace crm::validate
