#include "loaders/row_builder.h"

#include "loaders/values.h"

namespace crm::loaders {

RowBuilder::RowBuilder(const EntityPlan& plan, const std::vector<EntityPlan>& plans,
                       std::string id_namespace, bool timestamp_with_space, bool parent_keys)
    : plan_(plan),
      id_namespace_(std::move(id_namespace)),
      timestamp_with_space_(timestamp_with_space),
      parent_keys_(parent_keys) {
  for (const EntityPlan& p : plans) plans_[p.entity->name] = &p;
  for (size_t i = 0; i < plan.columns.size(); ++i) {
    const ColumnPlan& c = plan.columns[i];
    columns_.push_back(c.column);
    types_.push_back(c.type);
    plan_column_.push_back(static_cast<int>(i));
    if (parent_keys_ && c.role == ColumnRole::kRef) {
      columns_.push_back(c.column + "_external_id");
      types_.push_back(spec::FieldType::kString);
      plan_column_.push_back(-1);
    }
  }
}

BuiltRecord RowBuilder::Build(const GoldRow& gold) const {
  BuiltRecord out;
  out.key = gold.key;
  out.target_id = TargetId(plan_, id_namespace_, gold.key);
  out.ref_keys.assign(plan_.columns.size(), std::nullopt);
  for (size_t i = 0; i < plan_.columns.size(); ++i) {
    const ColumnPlan& c = plan_.columns[i];
    const Value& v = gold.values[i];
    if (c.role == ColumnRole::kRef && v && gold.resolved[i]) out.ref_keys[i] = v;
    switch (c.role) {
      case ColumnRole::kId:
        out.row.push_back(out.target_id);
        break;
      case ColumnRole::kKey:
        out.row.push_back(gold.key);
        break;
      case ColumnRole::kField:
        out.row.push_back(FormatForTarget(c.type, v, timestamp_with_space_));
        break;
      case ColumnRole::kRef: {
        const EntityPlan* ref = plans_.at(c.ref);
        if (v && !gold.resolved[i] && out.unresolved_column.empty()) {
          out.unresolved_column = c.column;
          out.unresolved_message = c.column + ": no golden record of entity '" + c.ref +
                                   "' has key '" + *v + "'";
        }
        out.row.push_back(v && gold.resolved[i] ? Value(TargetId(*ref, id_namespace_, *v))
                                                : std::nullopt);
        if (parent_keys_) out.row.push_back(v && gold.resolved[i] ? v : std::nullopt);
        break;
      }
    }
  }
  for (size_t l = 0; l < plan_.links.size(); ++l) {
    out.links.emplace_back();
    out.link_keys.emplace_back();
    const Value& v = gold.links[l];
    if (!v) continue;
    if (!gold.links_resolved[l]) {
      out.unresolved_links.push_back(plan_.links[l].field + " '" + *v + "'");
      continue;
    }
    const EntityPlan* ref = plans_.at(plan_.links[l].ref);
    Row link{out.target_id, TargetId(*ref, id_namespace_, *v)};
    if (parent_keys_) {
      link.push_back(gold.key);
      link.push_back(*v);
    }
    out.links.back().push_back(std::move(link));
    out.link_keys.back().push_back(*v);
  }
  return out;
}

Row RowBuilder::CanonicalRow(const Row& row, size_t offset) const {
  Row out;
  for (size_t i = 0; i < types_.size() && i + offset < row.size(); ++i) {
    out.push_back(Canonical(types_[i], row[i + offset]));
  }
  return out;
}

}  // namespace crm::loaders
