// One streamed pass over an entity's rows in scope for all its row rules: a single SELECT of
// the key, the lineage and the union of the columns the rules read (as text), in row order, so
// a million records are read once whatever the number of rules, and memory stays bounded.
#pragma once

#include <vector>

#include "core/common/progress.h"
#include "validators/rules/rule.h"

namespace crm::validate {

struct RowRuleRun {
  const RowRule* rule = nullptr;
  Tally* tally = nullptr;
};

void RunRowRules(const RuleContext& context, const std::string& entity,
                 const std::vector<RowRuleRun>& rules, Progress& progress);

}  // namespace crm::validate
