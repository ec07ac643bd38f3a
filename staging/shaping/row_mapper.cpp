#include "staging/shaping/row_mapper.h"

#include <algorithm>

#include "core/common/error.h"
#include "core/common/text.h"

namespace crm::staging {
namespace {

using FT = spec::FieldType;
using LT = db::LogicalType;

constexpr const char* kFactSuffixes[] = {"valid", "type", "region", "ext"};
constexpr int kFactCount = 4;

bool GoesThroughPhone(const spec::Entity& e, const spec::Field& f) {
  if (f.type == FT::kPhone) return true;
  for (const spec::SourceMapping& sm : e.from) {
    for (const spec::FieldMapping& m : sm.map) {
      if (m.field == f.name &&
          std::find(m.transforms.begin(), m.transforms.end(), "phone_e164") != m.transforms.end()) {
        return true;
      }
    }
  }
  return false;
}

std::string Located(const std::string& file, const spec::Location& at, const std::string& path) {
  return file + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) + ": " + path;
}

}  // namespace

int EntityLayout::ColumnOf(const std::string& field) const {
  auto it = std::find(columns.begin(), columns.end(), field);
  return it == columns.end() ? -1 : static_cast<int>(it - columns.begin());
}

int EntityLayout::FactColumnOf(const std::string& field) const {
  return ColumnOf(std::string(db::kLineagePrefix) + field + "__" + kFactSuffixes[0]);
}

EntityLayout MakeEntityLayout(const spec::Entity& entity) {
  EntityLayout layout;
  const spec::Field* key = entity.FindField(entity.key);
  layout.key = {entity.key, key ? db::StorageType(*key) : LT::kText};
  layout.columns.push_back(entity.key);
  for (const spec::Field& f : entity.fields) {
    if (f.name == entity.key) continue;
    layout.fields.push_back({f.name, db::StorageType(f)});
    layout.columns.push_back(f.name);
  }
  for (const spec::Field& f : entity.fields) {
    if (!GoesThroughPhone(entity, f)) continue;
    for (const char* suffix : kFactSuffixes) {
      std::string name = std::string(db::kLineagePrefix) + f.name + "__" + suffix;
      db::ValidateIdentifier(name, "phone fact column");
      layout.fact_columns.push_back({name, LT::kText, false});
      layout.columns.push_back(name);
    }
  }
  return layout;
}

void NullWarnings::Merge(const NullWarnings& other) {
  if (counts.size() < other.counts.size()) {
    counts.resize(other.counts.size());
    first_message.resize(other.counts.size());
  }
  for (size_t i = 0; i < other.counts.size(); ++i) {
    if (counts[i] == 0 && other.counts[i] > 0) first_message[i] = other.first_message[i];
    counts[i] += other.counts[i];
  }
}

struct RowMapper::FieldPlan {
  enum class Kind { kFrom, kValue, kTemplate, kConcat } kind = Kind::kFrom;
  std::string field;
  int column = -1;
  int fact_column = -1;
  bool tokenize = false;
  bool boolean = false;  // stored as 1/0, which every dialect's boolean column accepts
  spec::OnError on_error = spec::OnError::kReject;
  int slot = -1;                                          // kFrom
  std::string constant;                                   // kValue
  std::vector<std::pair<std::string, int>> parts;         // kTemplate: literal, then slot or -1
  std::vector<int> slots;                                 // kConcat
  std::string separator;
  std::string source_column;  // named in rejects
  std::vector<ChainStep> steps;

  // The field's input: a view of the raw value for kFrom, else text built in `buffer`.
  std::optional<std::string_view> Input(const RawRow& row, std::string* buffer) const {
    switch (kind) {
      case Kind::kFrom: {
        const auto& v = row.values[static_cast<size_t>(slot)];
        if (!v) return std::nullopt;
        return std::string_view(*v);
      }
      case Kind::kValue:
        return std::string_view(constant);
      case Kind::kTemplate: {
        // SQL's rule: a placeholder with no value makes the whole text NULL, so "L-{ID}" with no
        // ID is a missing key rather than the key "L-".
        buffer->clear();
        for (const auto& [literal, s] : parts) {
          *buffer += literal;
          if (s < 0) continue;
          const auto& v = row.values[static_cast<size_t>(s)];
          if (!v) return std::nullopt;
          *buffer += *v;
        }
        return std::string_view(*buffer);
      }
      case Kind::kConcat: {
        buffer->clear();
        bool any = false;
        for (int s : slots) {
          const auto& v = row.values[static_cast<size_t>(s)];
          if (!v || v->empty()) continue;
          if (any) *buffer += separator;
          *buffer += *v;
          any = true;
        }
        if (!any) return std::nullopt;
        return std::string_view(*buffer);
      }
    }
    return std::nullopt;
  }
};

RowMapper::~RowMapper() = default;

int RowMapper::Slot(const std::string& column, const std::string& where,
                    const std::vector<std::string>& source_columns) {
  if (std::find(source_columns.begin(), source_columns.end(), column) == source_columns.end()) {
    std::string message = where + ": unknown column '" + column + "'";
    std::string close = ClosestMatch(column, source_columns);
    if (!close.empty()) message += " (did you mean '" + close + "'?)";
    throw Error(ErrorCategory::kSpec, message);
  }
  auto it = std::find(columns_.begin(), columns_.end(), column);
  if (it != columns_.end()) return static_cast<int>(it - columns_.begin());
  columns_.push_back(column);
  return static_cast<int>(columns_.size() - 1);
}

RowMapper::RowMapper(const spec::Spec& spec, const spec::Entity& entity, size_t mapping_index,
                     const EntityLayout& layout, const std::vector<std::string>& source_columns,
                     const Tokenizer* tokenizer, const DateOrders& date_orders)
    : layout_(layout), tokenizer_(tokenizer) {
  const spec::SourceMapping& sm = entity.from.at(mapping_index);
  const spec::Source* source = spec.FindSource(sm.source);
  if (source == nullptr) throw Error(ErrorCategory::kSpec, "unknown source '" + sm.source + "'");
  std::string path = "entities." + entity.name + ".from[" + std::to_string(mapping_index) + "]";
  if (!sm.where.empty()) {
    std::string where = Located(spec.path, sm.location, path + ".where");
    WhereFilter filter;
    std::string error;
    if (!WhereFilter::TryParse(sm.where, &filter, &error)) {
      throw Error(ErrorCategory::kSpec, where + ": " + error + " in '" + sm.where + "'");
    }
    for (const std::string& c : filter.columns()) {
      where_slots_.push_back(Slot(c, where, source_columns));
    }
    where_ = std::move(filter);
  }
  std::vector<const spec::FieldMapping*> ordered;
  for (const spec::FieldMapping& m : sm.map) ordered.push_back(&m);
  // Country fields first: a phone field reads national numbers in the row's country.
  std::stable_sort(ordered.begin(), ordered.end(), [&](const auto* a, const auto* b) {
    const spec::Field* fa = entity.FindField(a->field);
    const spec::Field* fb = entity.FindField(b->field);
    return (fa && fa->type == FT::kCountry) > (fb && fb->type == FT::kCountry);
  });
  for (const spec::FieldMapping* m : ordered) {
    const spec::Field* field = entity.FindField(m->field);
    std::string at = Located(spec.path, m->location, path + ".map." + m->field);
    if (field == nullptr) throw Error(ErrorCategory::kSpec, at + ": unknown field");
    auto plan = std::make_unique<FieldPlan>();
    plan->field = m->field;
    plan->column = layout.ColumnOf(m->field);
    plan->fact_column = layout.FactColumnOf(m->field);
    plan->tokenize = field->pii == spec::PiiMode::kTokenize;
    plan->boolean = field->type == FT::kBoolean && !plan->tokenize;
    plan->on_error = m->on_error;
    plan->separator = m->separator;
    if (m->value) {
      plan->kind = FieldPlan::Kind::kValue;
      plan->constant = *m->value;
    } else if (!m->templ.empty()) {
      plan->kind = FieldPlan::Kind::kTemplate;
      std::string literal;
      for (size_t i = 0; i < m->templ.size(); ++i) {
        size_t close = m->templ.find('}', i);
        if (m->templ[i] != '{' || close == std::string::npos) {
          literal += m->templ[i];
          continue;
        }
        std::string name = m->templ.substr(i + 1, close - i - 1);
        if (plan->source_column.empty()) plan->source_column = name;
        plan->parts.emplace_back(literal, Slot(name, at + ".template", source_columns));
        literal.clear();
        i = close;
      }
      plan->parts.emplace_back(literal, -1);
    } else if (!m->concat.empty()) {
      plan->kind = FieldPlan::Kind::kConcat;
      for (const std::string& c : m->concat) {
        plan->slots.push_back(Slot(c, at + ".concat", source_columns));
      }
      plan->source_column = m->concat.front();
    } else {
      plan->slot = Slot(m->from, at + ".from", source_columns);
      plan->source_column = m->from;
    }
    auto order = date_orders.find(m->field);
    plan->steps = BuildChain(spec, *source, *field, *m, at,
                             order == date_orders.end() ? transforms::DateOrder::kUnknown
                                                        : order->second);
    for (ChainStep& step : plan->steps) {
      if (IsMemoizable(step.name)) step.memo = static_cast<int>(memo_count_++);
    }
    if (m->field == entity.key) key_plan_ = static_cast<int>(plans_.size());
    if (region_plan_ < 0 && field->type == FT::kCountry) {
      region_plan_ = static_cast<int>(plans_.size());
    }
    plans_.push_back(std::move(plan));
  }
}

size_t RowMapper::field_count() const { return plans_.size(); }
const std::string& RowMapper::field_name(size_t i) const { return plans_[i]->field; }

void RowMapper::Map(const RawRow& row, MappedRow* out, NullWarnings* warnings,
                    StepMemos* memos) const {
  out->line = row.line;
  out->offset = row.offset;
  out->hash = row.hash;
  out->outcome = MappedRow::Outcome::kStaged;
  // `out` may be a recycled row (map_pool.h): nothing of its previous row may show.
  out->column.clear();
  out->raw.clear();
  out->message.clear();
  if (where_) {
    std::vector<std::optional<std::string_view>> values;
    values.reserve(where_slots_.size());
    for (int s : where_slots_) {
      const auto& v = row.values[static_cast<size_t>(s)];
      values.push_back(v ? std::optional<std::string_view>(*v) : std::nullopt);
    }
    if (!where_->Matches(values)) {
      out->outcome = MappedRow::Outcome::kOutOfScope;
      return;
    }
  }
  out->values.assign(layout_.columns.size(), std::nullopt);
  std::string region;
  transforms::TransformResult result;
  std::string error;
  std::string built;  // a template's or concat's input
  for (size_t i = 0; i < plans_.size(); ++i) {
    const FieldPlan& plan = *plans_[i];
    std::optional<std::string_view> input = plan.Input(row, &built);
    // The value after each step: a view of the input until a step produces text in `owned`, so
    // a field without transforms is copied once, into the output row.
    bool has_value = input.has_value();
    std::string_view value = input.value_or(std::string_view());
    std::string owned;
    std::vector<std::string> facts;
    for (const ChainStep& step : plan.steps) {
      if (!has_value) break;
      error.clear();
      bool ok;
      if (memos != nullptr && step.memo >= 0) {
        StepMemo& memo = (*memos)[static_cast<size_t>(step.memo)];
        ok = memo.Apply(*step.transform, value, &result, &error);
      } else {
        ok = step.transform->Apply(value, transforms::RowContext{region}, &result, &error);
      }
      if (!ok) {
        if (step.keep_on_failure) {
          if (step.phone) facts = {"false", "", "", ""};
          continue;
        }
        std::string message = plan.field + ": " + step.name + ": " + error;
        if (plan.on_error == spec::OnError::kReject) {
          out->outcome = MappedRow::Outcome::kRejected;
          out->kind = RejectKind::kTransform;
          out->column = plan.source_column;
          out->raw = std::string(input.value_or(std::string_view()));
          out->message = std::move(message);
          return;
        }
        if (warnings->counts[i]++ == 0) warnings->first_message[i] = std::move(message);
        has_value = false;
        facts.clear();
        break;
      }
      if (result.is_null) {
        has_value = false;
      } else {
        owned.swap(result.value);
        value = owned;
        if (step.phone) facts = std::move(result.facts);
      }
    }
    if (static_cast<int>(i) == region_plan_ && has_value) region.assign(value);
    if (static_cast<int>(i) == key_plan_) {
      if (!has_value || TrimView(value).empty()) {
        out->outcome = MappedRow::Outcome::kRejected;
        out->kind = RejectKind::kMissingKey;
        out->column = plan.source_column;
        out->raw = std::string(input.value_or(std::string_view()));
        out->message = plan.field + ": the key is empty";
        return;
      }
      out->key.assign(value);
    }
    if (plan.fact_column >= 0 && has_value) {
      for (int k = 0; k < kFactCount && k < static_cast<int>(facts.size()); ++k) {
        if (!facts[k].empty()) out->values[static_cast<size_t>(plan.fact_column + k)] = facts[k];
      }
    }
    if (plan.column < 0 || !has_value) continue;
    std::optional<std::string>& slot = out->values[static_cast<size_t>(plan.column)];
    if (plan.tokenize) {
      slot = tokenizer_->Token(value);
    } else if (plan.boolean) {
      slot = value == "true" ? "1" : "0";
    } else if (value.data() == owned.data()) {
      slot = std::move(owned);
    } else {
      slot.emplace(value);
    }
  }
  if (key_plan_ < 0) {
    out->outcome = MappedRow::Outcome::kRejected;
    out->kind = RejectKind::kMissingKey;
    out->message = layout_.key.name + ": this source does not map the key";
  }
}

}  // namespace crm::staging
