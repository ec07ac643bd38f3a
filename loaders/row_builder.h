// One golden record → the rows the target gets: the entity row (ids made, references resolved to
// target ids, values formatted for the target) and its link rows. Used by the load and by the
// reconciliation, so both mean the same row.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/spec/spec.h"
#include "loaders/gold_reader.h"
#include "loaders/plan.h"
#include "loaders/target.h"

namespace crm::loaders {

struct BuiltRecord {
  std::string key;
  std::string target_id;
  Row row;                               // by RowBuilder::columns()
  std::vector<std::vector<Row>> links;   // per plan link: rows by LinkRowColumns
  std::vector<std::vector<Row>> value_rows;  // per plan value: rows by ValueRowColumns
  std::vector<std::vector<Row>> join_rows;   // per plan value: rows by JoinRowColumns
  std::string unresolved_column;         // a single-valued reference whose record is missing
  std::string unresolved_message;
  std::vector<std::string> unresolved_links;  // link values whose record is missing
  std::vector<Value> ref_keys;                  // per plan column: the referenced key (kRef)
  std::vector<std::vector<std::string>> link_keys;  // per plan link: referenced key per row
};

class RowBuilder {
 public:
  // `plans`: every entity's plan (references need the referenced entity's id strategy).
  // `parent_keys`: CSV export adds, after each reference column, `<column>_external_id` holding
  // the referenced record's external id (SaaS import tools match parents on it).
  RowBuilder(const EntityPlan& plan, const std::vector<EntityPlan>& plans,
             std::string id_namespace, bool timestamp_with_space, bool parent_keys);

  const std::vector<std::string>& columns() const { return columns_; }
  const std::vector<spec::FieldType>& types() const { return types_; }

  BuiltRecord Build(GoldRow gold) const;  // its values are moved into the rows
  // The record's target id is `id` (the target holds the row already under an id of its own):
  // the id column, link rows and join rows follow.
  void Retarget(BuiltRecord* record, const std::string& id) const;
  // Recomputes the own id of link row `row` of plan link `l` after its ids changed.
  void FinishLink(size_t l, Row* row) const;
  // The canonical form of a row of columns() (or of a row read back: key first, then columns()).
  Row CanonicalRow(const Row& row, size_t offset = 0) const;
  // RowHash(CanonicalRow(row, offset)), without building the canonical row.
  uint64_t CanonicalHash(const Row& row, size_t offset = 0) const;

 private:
  const EntityPlan& plan_;
  std::map<std::string, const EntityPlan*> plans_;
  std::string id_namespace_;
  bool timestamp_with_space_;
  bool parent_keys_;
  std::vector<std::string> columns_;
  std::vector<spec::FieldType> types_;
  std::vector<int> plan_column_;  // per column: the plan column, or -1 for a parent key column
};

}  // namespace crm::loaders
