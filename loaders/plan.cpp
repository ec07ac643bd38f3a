#include "loaders/plan.h"

#include "core/common/error.h"
#include "core/common/text.h"
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
    plan.store_key = e->store_key;
    if (!plan.store_key && plan.id_strategy != spec::IdStrategy::kUuid5) {
      // The spec check reports this; a plan must never lose the way back to its rows.
      throw Error(ErrorCategory::kSpec,
                  Located(spec, e->location, "entities." + e->name + ".store_key") +
                      ": store_key: false needs id_strategy uuid5");
    }
    const spec::Field* key = e->FindField(e->key);
    plan.id_column = e->id_column.empty() ? (key ? key->column : e->key) : e->id_column;
    plan.key_column = plan.store_key ? (key ? key->column : e->key) : plan.id_column;
    // An autoincrement id is the target's to make: it is never written, only read back by key.
    if (plan.id_column != plan.key_column || !plan.store_key) {
      if (plan.id_strategy != spec::IdStrategy::kAutoincrement) {
        plan.columns.push_back({plan.id_column, e->key, spec::FieldType::kString,
                                ColumnRole::kId, "", 0, ""});
      }
    }
    if (plan.store_key) {
      plan.columns.push_back({plan.key_column, e->key, key ? key->type : spec::FieldType::kString,
                              ColumnRole::kKey, "", key ? key->max_length : 0, ""});
    }
    for (const spec::Field& f : e->fields) {
      if (f.name == e->key) continue;
      if (f.link) {
        plan.links.push_back({f.name, f.link->table, f.link->column, f.link->ref_column, f.ref,
                              f.link->id_column, f.link->set});
        continue;
      }
      if (f.values) {
        plan.values.push_back({f.name, f.type, *f.values});
        continue;
      }
      plan.columns.push_back({f.column, f.name, f.ref.empty() ? f.type : spec::FieldType::kString,
                              f.ref.empty() ? ColumnRole::kField : ColumnRole::kRef, f.ref,
                              f.max_length, ""});
    }
    for (const auto& [column, value] : e->set) {
      plan.columns.push_back({column, "", spec::FieldType::kString, ColumnRole::kConst, "", 0,
                              value});
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

std::string RowKey(const EntityPlan& plan, const std::string& id_namespace,
                   const std::string& key) {
  return plan.store_key ? key : TargetId(plan, id_namespace, key);
}

std::vector<std::string> LinkRowColumns(const LinkPlan& link) {
  std::vector<std::string> columns{link.column, link.ref_column};
  if (!link.id_column.empty()) columns.push_back(link.id_column);
  for (const auto& [column, value] : link.set) columns.push_back(column);
  return columns;
}

std::vector<std::string> ValueRowColumns(const ValuePlan& value) {
  std::vector<std::string> columns{value.rows.id_column, value.rows.column};
  for (const auto& [column, text] : value.rows.set) columns.push_back(column);
  return columns;
}

std::vector<std::string> JoinRowColumns(const ValuePlan& value) {
  const spec::ValueJoin& join = value.rows.join;
  std::vector<std::string> columns;
  if (!join.id_column.empty()) columns.push_back(join.id_column);
  columns.push_back(join.column);
  columns.push_back(join.value_column);
  for (const auto& [column, text] : join.set) columns.push_back(column);
  return columns;
}

// Ids are UUIDv5 of names that say what they identify, so ids of different tables never meet.
std::string ValueRowId(const ValuePlan& value, const std::string& id_namespace,
                       const std::string& text) {
  return Uuid5(id_namespace, value.rows.table + ":" + ToLowerAscii(text));
}

std::string JoinRowId(const ValuePlan& value, const std::string& id_namespace,
                      const std::string& record_id, const std::string& value_id) {
  return Uuid5(id_namespace, value.rows.join.table + ":" + record_id + ":" + value_id);
}

std::string ExpandTemplate(const std::string& templ, const std::string& value, bool primary) {
  if (templ.find('{') == std::string::npos) return templ;
  std::string upper = value;
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  const std::pair<std::string_view, std::string> substitutions[] = {
      {"{value}", value},
      {"{value_upper}", upper},
      {"{value_lower}", ToLowerAscii(value)},
      {"{primary}", primary ? "1" : "0"},
  };
  std::string out;
  for (size_t i = 0; i < templ.size();) {
    bool replaced = false;
    for (const auto& [name, text] : substitutions) {
      if (templ.compare(i, name.size(), name) == 0) {
        out += text;
        i += name.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += templ[i++];
  }
  return out;
}

}  // namespace crm::loaders
