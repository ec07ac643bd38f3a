// What the cutover writes where, derived from the spec alone: per entity its target table, the
// id and key columns, one column per field (a ref field's column holds the referenced record's
// target id) and the link tables of many-to-many references, in load order.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/spec/spec.h"

namespace crm::loaders {

enum class ColumnRole { kId, kKey, kField, kRef, kConst };

struct ColumnPlan {
  std::string column;  // target column
  std::string field;   // the gold_<entity> column it comes from; for kId the key field
  spec::FieldType type = spec::FieldType::kString;
  ColumnRole role = ColumnRole::kField;
  std::string ref;     // kRef: the referenced entity
  int64_t max_length = 0;  // the spec's max_length (the target's is checked separately)
  std::string value;       // kConst: the constant (entities.<e>.set)
};

// A many-to-many field: one row per value, laid out as LinkRowColumns: (this id, referenced id),
// then the row's own id (a UUIDv5 of the pair) when id_column is set, then the `set` constants.
struct LinkPlan {
  std::string field, table, column, ref_column, ref;
  std::string id_column;
  spec::ColumnValues set;
};

// A multi field whose values are rows of their own table (fields.<f>.values): per value one
// value row (ValueRowColumns: id, value, set...) and one join row (JoinRowColumns: [id], record
// id, value id, set...).
struct ValuePlan {
  std::string field;
  spec::FieldType type = spec::FieldType::kString;
  spec::ValueRows rows;
};

struct EntityPlan {
  const spec::Entity* entity = nullptr;
  std::string table;
  spec::IdStrategy id_strategy = spec::IdStrategy::kExternal;
  std::string key_column;  // target column of the entity key
  std::string id_column;   // target column of the target id; equals key_column when the key is it
  std::vector<ColumnPlan> columns;  // the id column first (when separate), then the key, fields
  std::vector<LinkPlan> links;
  std::vector<ValuePlan> values;
  std::map<std::string, std::string> ref_keys;  // referenced entity → its key field
  // False (store_key: false): no column holds the key; key_column is the id column and a row is
  // found by TargetId of its key (RowKey).
  bool store_key = true;

  std::vector<std::string> ColumnNames() const;
  int IndexOf(const std::string& column) const;  // -1 when not planned
};

// Entities in load order: each after those it depends on (depends_on, ref and link fields); a
// cycle through references is loaded in spec order. With id_strategy autoincrement the id column
// is not written (the target numbers the rows) and the ids are read back by key: such an
// entity must keep its key in a column, and has no link or value tables (spec checks).
std::vector<EntityPlan> PlanEntities(const spec::Spec& spec);

// The target id of a record of `plan` with entity key `key`: the key itself, or its UUIDv5 in
// `id_namespace`. For autoincrement only the target knows it: the key stands in until it is
// read back.
std::string TargetId(const EntityPlan& plan, const std::string& id_namespace,
                     const std::string& key);

// What the key column of a record with entity key `key` holds: the key, or (store_key: false)
// the id made from it.
std::string RowKey(const EntityPlan& plan, const std::string& id_namespace,
                   const std::string& key);

// Column names of the rows of a link, a value table and a join table, in row order.
std::vector<std::string> LinkRowColumns(const LinkPlan& link);
std::vector<std::string> ValueRowColumns(const ValuePlan& value);
std::vector<std::string> JoinRowColumns(const ValuePlan& value);

// The id of a value row (UUIDv5 of the table and the lower-cased value) and of a join row.
std::string ValueRowId(const ValuePlan& value, const std::string& id_namespace,
                       const std::string& text);
std::string JoinRowId(const ValuePlan& value, const std::string& id_namespace,
                      const std::string& record_id, const std::string& value_id);

// A `set` template with {value}, {value_upper}, {value_lower} and {primary} replaced.
std::string ExpandTemplate(const std::string& templ, const std::string& value, bool primary);

}  // namespace crm::loaders
