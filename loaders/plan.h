// What the cutover writes where, derived from the spec alone: per entity its target table, the
// id and key columns, one column per field (a ref field's column holds the referenced record's
// target id) and the link tables of many-to-many references, in load order.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/spec/spec.h"

namespace crm::loaders {

enum class ColumnRole { kId, kKey, kField, kRef };

struct ColumnPlan {
  std::string column;  // target column
  std::string field;   // the gold_<entity> column it comes from; for kId the key field
  spec::FieldType type = spec::FieldType::kString;
  ColumnRole role = ColumnRole::kField;
  std::string ref;     // kRef: the referenced entity
  int64_t max_length = 0;  // the spec's max_length (the target's is checked separately)
};

struct LinkPlan {  // a many-to-many field: one row (this id, referenced id) per value
  std::string field, table, column, ref_column, ref;
};

struct EntityPlan {
  const spec::Entity* entity = nullptr;
  std::string table;
  spec::IdStrategy id_strategy = spec::IdStrategy::kExternal;
  std::string key_column;  // target column of the entity key
  std::string id_column;   // target column of the target id; equals key_column when the key is it
  std::vector<ColumnPlan> columns;  // the id column first (when separate), then the key, fields
  std::vector<LinkPlan> links;
  std::map<std::string, std::string> ref_keys;  // referenced entity → its key field

  std::vector<std::string> ColumnNames() const;
  int IndexOf(const std::string& column) const;  // -1 when not planned
};

// Entities in load order: each after those it depends on (depends_on, ref and link fields); a
// cycle through references is loaded in spec order. Throws crm::Error(kSpec) for
// id_strategy autoincrement, which this build's cutover does not make (the ids are deterministic
// so a resume and a rollback can name every row).
std::vector<EntityPlan> PlanEntities(const spec::Spec& spec);

// The target id of a record of `plan` with entity key `key`: the key itself, or its UUIDv5 in
// `id_namespace`.
std::string TargetId(const EntityPlan& plan, const std::string& id_namespace,
                     const std::string& key);

}  // namespace crm::loaders
