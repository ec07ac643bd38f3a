// MakeRule: the check kind picks the class; the staged table must hold every column the rule
// names (a spec changed since the last stage may name a field stg_<entity> does not have yet).
#include <algorithm>

#include "core/common/error.h"
#include "validators/rules/rule.h"

namespace crm::validate {
namespace {

void CheckColumns(const spec::Spec& spec, const spec::Rule& rule, db::Database& db,
                  const RunScope& scope) {
  std::vector<std::string> qualified = rule.fields;
  if (!rule.by.empty()) qualified.push_back(rule.by);
  std::vector<std::string> entities;
  for (const std::string& q : qualified) entities.push_back(q.substr(0, q.find('.')));
  if (qualified.empty()) entities.push_back(rule.entity);
  std::map<std::string, std::vector<std::string>> columns;
  for (size_t i = 0; i < entities.size(); ++i) {
    const std::string& entity = entities[i];
    if (entity != rule.entity) {
      RuleError(spec, rule,
                "'" + qualified[i] + "' is not a field of entity '" + rule.entity +
                    "': the fields of one rule belong to one entity");
    }
    const EntityScope& e = scope.Of(entity);
    if (!e.exists) {
      RuleError(spec, rule,
                "entity '" + entity + "' has no staged table " + e.table +
                    ": stage it first (does it have a `from` mapping?)");
    }
    if (!columns.count(entity)) columns[entity] = db.ListColumns(e.table);
    if (i >= qualified.size()) continue;
    const std::string field = qualified[i].substr(qualified[i].find('.') + 1);
    const auto& have = columns[entity];
    if (std::find(have.begin(), have.end(), field) == have.end()) {
      RuleError(spec, rule,
                "field '" + qualified[i] + "' is not a column of " + e.table +
                    ": the spec changed since the last stage; run `crm-migrate stage` again");
    }
  }
}

}  // namespace

std::unique_ptr<Rule> MakeRule(const spec::Spec& spec, const spec::Rule& rule, db::Database& db,
                               const RunScope& scope) {
  CheckColumns(spec, rule, db, scope);
  switch (rule.check) {
    case spec::RuleCheck::kRequired:
      return MakeRequiredRule(spec, rule);
    case spec::RuleCheck::kFormat:
      return MakeFormatRule(spec, rule, db);
    case spec::RuleCheck::kAllowed:
      return MakeAllowedRule(spec, rule);
    case spec::RuleCheck::kRange:
    case spec::RuleCheck::kLength:
      return MakeRangeRule(spec, rule);
    case spec::RuleCheck::kUnique:
      return MakeUniqueRule(spec, rule);
    case spec::RuleCheck::kReference:
      return MakeReferenceRule(spec, rule);
    case spec::RuleCheck::kStale:
      return MakeStaleRule(spec, rule);
    case spec::RuleCheck::kConflict:
      return MakeConflictRule(spec, rule);
    case spec::RuleCheck::kSql:
      return MakeSqlRule(spec, rule);
    case spec::RuleCheck::kConsistent:
      return MakeConsistentRule(spec, rule, db);
  }
  RuleError(spec, rule, "unknown check");
}

}  // namespace crm::validate
