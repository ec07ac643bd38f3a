#include "loaders/plan.h"

#include "core/common/error.h"
#include "loaders/values.h"

namespace crm::loaders {
namespace {

std::string Located(const spec::Spec& spec, const spec::Location& at, const std::string& path) {
  return spec.path + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) + ": " + path;
}

}  // namespace

std::vector<std::string> EntityPlan::ColumnNames() const {
  std::vector<std::string> names;
  for (const ColumnPlan& c : columns) names.push_back(c.column);
  return names;
}

int EntityPlan::IndexOf(const std::string& column) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].column == column) return static_cast<int>(i);
  }
  return -1;
}

std::vector<EntityPlan> PlanEntities(const spec::Spec& spec) {
  std::vector<EntityPlan> plans;
  for (const spec::Entity* e : spec.EntitiesInLoadOrder()) {
    EntityPlan plan;
    plan.entity = e;
    plan.table = e->table.empty() ? e->name : e->table;
    plan.id_strategy = e->id_strategy.value_or(spec.cutover.id_strategy);
    if (plan.id_strategy == spec::IdStrategy::kAutoincrement) {
      throw Error(ErrorCategory::kSpec,
                  Located(spec, e->location, "entities." + e->name + ".id_strategy") +
                      ": autoincrement is not supported by this build's cutover: use uuid5 or "
                      "external, whose ids a resume and a rollback can recompute");
    }
    const spec::Field* key = e->FindField(e->key);
    plan.key_column = key ? key->column : e->key;
    plan.id_column = e->id_column.empty() ? plan.key_column : e->id_column;
    if (plan.id_column != plan.key_column) {
      plan.columns.push_back({plan.id_column, e->key, spec::FieldType::kString, ColumnRole::kId,
                              "", 0});
    }
    plan.columns.push_back({plan.key_column, e->key, key ? key->type : spec::FieldType::kString,
                            ColumnRole::kKey, "", key ? key->max_length : 0});
    for (const spec::Field& f : e->fields) {
      if (f.name == e->key) continue;
      if (f.link) {
        plan.links.push_back({f.name, f.link->table, f.link->column, f.link->ref_column, f.ref});
        continue;
      }
      plan.columns.push_back({f.column, f.name, f.ref.empty() ? f.type : spec::FieldType::kString,
                              f.ref.empty() ? ColumnRole::kField : ColumnRole::kRef, f.ref,
                              f.max_length});
    }
    for (const spec::Field& f : e->fields) {
      if (const spec::Entity* ref = f.ref.empty() ? nullptr : spec.FindEntity(f.ref)) {
        plan.ref_keys[ref->name] = ref->key;
      }
    }
    plans.push_back(std::move(plan));
  }
  return plans;
}

std::string TargetId(const EntityPlan& plan, const std::string& id_namespace,
                     const std::string& key) {
  if (plan.id_strategy == spec::IdStrategy::kUuid5) return Uuid5(id_namespace, key);
  return key;
}

}  // namespace crm::loaders
