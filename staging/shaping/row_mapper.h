// Mapping one source's raw rows to stg_<entity> rows: scope, the field mappings with their
// transform chains, phone facts, tokens and the key. Pure computation over rows held in memory —
// no database access — so worker threads run it on batches (a RowMapper is immutable once built
// and thread-safe).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/common/reject.h"
#include "core/db/staging_schema.h"
#include "core/spec/spec.h"
#include "staging/shaping/date_orders.h"
#include "staging/shaping/step_memo.h"
#include "staging/shaping/token.h"
#include "staging/shaping/transform_chain.h"
#include "staging/shaping/where.h"

namespace crm::staging {

// The stg_<entity> columns after the lineage ones: the key, the other fields in spec order, then
// the phone facts of every field that is a phone or goes through phone_e164 in some source:
// _crm_<field>__valid, __type, __region, __ext. Fact columns carry the lineage prefix so they can
// never clash with a spec field.
struct EntityLayout {
  db::FieldColumn key;
  std::vector<db::FieldColumn> fields;        // without the key
  std::vector<db::ColumnDef> fact_columns;
  std::vector<std::string> columns;           // key, fields, facts: the order of MappedRow values

  int ColumnOf(const std::string& field) const;      // -1 when not a column
  int FactColumnOf(const std::string& field) const;  // first of its 4 facts, -1 when none
};

// Throws crm::Error(kSpec) when a fact column name would not be a valid identifier.
EntityLayout MakeEntityLayout(const spec::Entity& entity);

struct RawRow {
  int64_t row_id = 0;  // _crm_row
  int64_t line = -1;
  int64_t offset = -1;
  std::string hash;
  std::vector<std::optional<std::string>> values;  // by RowMapper::columns() slot; nullopt: NULL
};

struct MappedRow {
  enum class Outcome { kStaged, kOutOfScope, kRejected } outcome = Outcome::kStaged;
  int64_t line = -1, offset = -1;
  std::string hash;
  std::string key;
  std::vector<std::optional<std::string>> values;  // by EntityLayout::columns
  // When rejected:
  RejectKind kind = RejectKind::kTransform;
  std::string column, raw, message;
};

// Per-field counts of values nulled by on_error: null, with the first message seen.
struct NullWarnings {
  std::vector<int64_t> counts;  // by mapping index
  std::vector<std::string> first_message;
  void Merge(const NullWarnings& other);
};

class RowMapper {
 public:
  // Maps entity.from[mapping_index]. `source_columns`: the source's column names as the source
  // spells them (_source_columns). Throws crm::Error(kSpec) located in the spec
  // ("migration.yaml:40:9: entities.contact.from[0].where: unknown column 'Stauts' (did you mean
  // 'Status'?)") for an unknown column, a bad filter or a bad transform. `date_orders`: the
  // order decided for fields whose date formats read both ways (DecideDateOrders).
  RowMapper(const spec::Spec& spec, const spec::Entity& entity, size_t mapping_index,
            const EntityLayout& layout, const std::vector<std::string>& source_columns,
            const Tokenizer* tokenizer, const DateOrders& date_orders = {});
  ~RowMapper();

  // Source columns the mapper reads, in slot order (RawRow::values).
  const std::vector<std::string>& columns() const { return columns_; }
  size_t field_count() const;
  const std::string& field_name(size_t i) const;

  // Maps one row; `warnings` is sized by field_count(). `memos`: the calling thread's results
  // of pure steps, sized by memo_count() (nullptr: none kept).
  void Map(const RawRow& row, MappedRow* out, NullWarnings* warnings,
           StepMemos* memos = nullptr) const;
  size_t memo_count() const { return memo_count_; }

 private:
  struct FieldPlan;
  int Slot(const std::string& column, const std::string& where,
           const std::vector<std::string>& source_columns);

  const EntityLayout& layout_;
  std::vector<std::string> columns_;
  std::optional<WhereFilter> where_;
  std::vector<int> where_slots_;
  std::vector<std::unique_ptr<FieldPlan>> plans_;  // country fields first (phones read them)
  int key_plan_ = -1;
  int region_plan_ = -1;
  size_t memo_count_ = 0;
  const Tokenizer* tokenizer_;
};

}  // namespace crm::staging
