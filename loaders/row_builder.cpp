#include "loaders/row_builder.h"

#include <set>

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

BuiltRecord RowBuilder::Build(GoldRow gold) const {
  BuiltRecord out;
  out.key = gold.key;
  out.target_id = TargetId(plan_, id_namespace_, gold.key);
  out.ref_keys.assign(plan_.columns.size(), std::nullopt);
  out.row.reserve(columns_.size());
  for (size_t i = 0; i < plan_.columns.size(); ++i) {
    const ColumnPlan& c = plan_.columns[i];
    Value& v = gold.values[i];
    if (c.role == ColumnRole::kRef && v && gold.resolved[i]) out.ref_keys[i] = v;
    switch (c.role) {
      case ColumnRole::kId:
        out.row.push_back(out.target_id);
        break;
      case ColumnRole::kKey:
        out.row.push_back(gold.key);
        break;
      case ColumnRole::kConst:
        out.row.push_back(c.value);
        break;
      case ColumnRole::kField:
        out.row.push_back(FormatForTarget(c.type, std::move(v), timestamp_with_space_));
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
    const LinkPlan& lp = plan_.links[l];
    const EntityPlan* ref = plans_.at(lp.ref);
    Row link{out.target_id, TargetId(*ref, id_namespace_, *v)};
    if (!lp.id_column.empty()) link.push_back(std::nullopt);  // FinishLink
    for (const auto& [column, value] : lp.set) link.push_back(value);
    if (parent_keys_) {
      link.push_back(gold.key);
      link.push_back(*v);
    }
    FinishLink(l, &link);
    out.links.back().push_back(std::move(link));
    out.link_keys.back().push_back(*v);
  }
  for (size_t p = 0; p < plan_.values.size(); ++p) {
    const ValuePlan& vp = plan_.values[p];
    out.value_rows.emplace_back();
    out.join_rows.emplace_back();
    const GoldValues& values = gold.values_of[p];
    std::set<std::string> seen;  // ids: values that differ only in case are one row
    for (size_t i = 0; i < values.list.size(); ++i) {
      const std::string& text = values.list[i];
      const std::string value_id = ValueRowId(vp, id_namespace_, text);
      if (!seen.insert(value_id).second) continue;
      const bool primary = i == 0 && values.first_is_golden;
      Row value_row{value_id, text};
      for (const auto& [column, templ] : vp.rows.set) {
        value_row.push_back(ExpandTemplate(templ, text, primary));
      }
      out.value_rows.back().push_back(std::move(value_row));
      Row join;
      if (!vp.rows.join.id_column.empty()) {
        join.push_back(JoinRowId(vp, id_namespace_, out.target_id, value_id));
      }
      join.push_back(out.target_id);
      join.push_back(value_id);
      for (const auto& [column, templ] : vp.rows.join.set) {
        join.push_back(ExpandTemplate(templ, text, primary));
      }
      out.join_rows.back().push_back(std::move(join));
    }
  }
  return out;
}

void RowBuilder::FinishLink(size_t l, Row* row) const {
  const LinkPlan& lp = plan_.links[l];
  if (lp.id_column.empty()) return;
  (*row)[2] = Uuid5(id_namespace_, lp.table + ":" + row->at(0).value_or("") + ":" +
                                       row->at(1).value_or(""));
}

void RowBuilder::Retarget(BuiltRecord* record, const std::string& id) const {
  if (record->target_id == id) return;
  record->target_id = id;
  const int id_index = plan_.IndexOf(plan_.id_column);
  if (id_index >= 0 && plan_.columns[static_cast<size_t>(id_index)].role == ColumnRole::kId) {
    record->row[static_cast<size_t>(id_index)] = id;
  }
  for (size_t l = 0; l < record->links.size(); ++l) {
    for (Row& link : record->links[l]) {
      link[0] = id;
      FinishLink(l, &link);
    }
  }
  for (size_t p = 0; p < record->join_rows.size(); ++p) {
    const ValuePlan& vp = plan_.values[p];
    const size_t at = vp.rows.join.id_column.empty() ? 0 : 1;
    for (Row& join : record->join_rows[p]) {
      join[at] = id;
      if (at == 1) join[0] = JoinRowId(vp, id_namespace_, id, join[2].value_or(""));
    }
  }
}

Row RowBuilder::CanonicalRow(const Row& row, size_t offset) const {
  Row out;
  for (size_t i = 0; i < types_.size() && i + offset < row.size(); ++i) {
    out.push_back(Canonical(types_[i], row[i + offset]));
  }
  return out;
}

uint64_t RowBuilder::CanonicalHash(const Row& row, size_t offset) const {
  RowHasher hasher;
  for (size_t i = 0; i < types_.size() && i + offset < row.size(); ++i) {
    const Value& value = row[i + offset];
    if (value && !CanonicalIsText(types_[i])) {
      hasher.AddText(CanonicalText(types_[i], *value));
    } else {
      hasher.Add(value);  // the canonical form of text is the text
    }
  }
  return hasher.value();
}

}  // namespace crm::loaders
