#include "loaders/schema_check.h"

#include <algorithm>

#include "core/common/text.h"
#include "core/db/staging_schema.h"
#include "loaders/sql/target_traits.h"
#include "loaders/values.h"

namespace crm::loaders {
namespace {

using FT = spec::FieldType;

enum class Family { kAny, kText, kUuid, kInteger, kNumeric, kBoolean, kDate, kTimestamp, kTime,
                    kBinary };

bool Has(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

Family FamilyOf(const std::string& type) {
  if (type.empty()) return Family::kAny;  // SQLite: a column without a declared type takes all
  if (Has(type, "uuid")) return Family::kUuid;
  if (Has(type, "bool")) return Family::kBoolean;
  if (Has(type, "interval")) return Family::kAny;
  if (Has(type, "int")) return Family::kInteger;
  if (Has(type, "char") || Has(type, "text") || Has(type, "clob") || Has(type, "json") ||
      Has(type, "string") || Has(type, "enum")) {
    return Family::kText;
  }
  if (Has(type, "numeric") || Has(type, "decimal") || Has(type, "real") || Has(type, "double") ||
      Has(type, "float") || Has(type, "money") || Has(type, "number")) {
    return Family::kNumeric;
  }
  if (Has(type, "timestamp") || Has(type, "datetime")) return Family::kTimestamp;
  if (Has(type, "date")) return Family::kDate;
  if (Has(type, "time")) return Family::kTime;
  if (Has(type, "blob") || Has(type, "bytea") || Has(type, "binary")) return Family::kBinary;
  return Family::kAny;
}

// Whether a column of `family` holds the values of a planned column without loss.
bool Fits(Family family, const ColumnPlan& c, bool uuid_ids, bool integer_ids, int64_t scale) {
  if (family == Family::kAny) return true;
  // A constant is the spec author's word for that column; the target refuses what does not fit.
  if (c.role == ColumnRole::kConst) return true;
  if (c.role == ColumnRole::kId || c.role == ColumnRole::kRef) {
    return family == Family::kText || (family == Family::kUuid && uuid_ids) ||
           ((family == Family::kInteger || family == Family::kNumeric) && integer_ids);
  }
  switch (c.type) {
    case FT::kInteger:
      return family == Family::kInteger || family == Family::kNumeric || family == Family::kText;
    case FT::kDecimal:
      return family == Family::kNumeric || family == Family::kText ||
             (family == Family::kInteger && scale == 0);
    case FT::kBoolean:
      return family == Family::kBoolean || family == Family::kInteger || family == Family::kText;
    case FT::kDate:
      return family == Family::kDate || family == Family::kTimestamp || family == Family::kText;
    case FT::kDatetime:
      return family == Family::kTimestamp || family == Family::kText;
    default:
      return family == Family::kText;
  }
}

std::string Located(const spec::Spec& spec, const spec::Location& at, const std::string& path) {
  return spec.path + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) + ": " + path;
}

std::vector<std::string> ColumnNames(const TargetTable& table) {
  std::vector<std::string> names;
  for (const TargetColumn& c : table.columns) names.push_back(c.name);
  return names;
}

std::string Missing(const std::string& column, const std::string& table,
                    const TargetTable& shape) {
  std::string text = "column '" + column + "' does not exist in target table " + table;
  std::string close = ClosestMatch(column, ColumnNames(shape));
  if (!close.empty()) text += " (did you mean '" + close + "'?)";
  return text;
}

class Checker {
 public:
  Checker(const spec::Spec& spec, std::vector<EntityPlan>* plans, Target& target,
          db::Database& staging, const SchemaCheckOptions& options)
      : spec_(spec), plans_(*plans), target_(target), staging_(staging), options_(options),
        staging_traits_(TargetTraitsFor(staging.traits().dialect)) {}

  SchemaCheckResult Run() {
    for (EntityPlan& plan : plans_) CheckEntity(plan);
    return std::move(result_);
  }

 private:
  const spec::Spec& spec_;
  std::vector<EntityPlan>& plans_;
  Target& target_;
  db::Database& staging_;
  const SchemaCheckOptions& options_;
  const TargetTraits& staging_traits_;
  SchemaCheckResult result_;

  const EntityPlan* PlanOf(const std::string& entity) const {
    for (const EntityPlan& p : plans_) {
      if (p.entity->name == entity) return &p;
    }
    return nullptr;
  }

  std::string EntityPath(const EntityPlan& plan) const {
    return Located(spec_, plan.entity->location, "entities." + plan.entity->name);
  }

  std::string FieldPath(const EntityPlan& plan, const std::string& field) const {
    const spec::Field* f = plan.entity->FindField(field);
    return Located(spec_, f ? f->location : plan.entity->location,
                   "entities." + plan.entity->name + ".fields." + field);
  }

  std::string ColumnPath(const EntityPlan& plan, const ColumnPlan& c) const {
    if (c.role == ColumnRole::kId) {
      return Located(spec_, plan.entity->location, "entities." + plan.entity->name + ".id_column");
    }
    if (c.role == ColumnRole::kConst) {
      return Located(spec_, plan.entity->location,
                     "entities." + plan.entity->name + ".set." + c.column);
    }
    return FieldPath(plan, c.field);
  }

  // (count, longest) of golden values of `field` longer than `limit` characters.
  std::pair<int64_t, int64_t> Longer(const EntityPlan& plan, const std::string& field,
                                     int64_t limit) {
    const std::string len = std::string(staging_traits_.char_length) + "(" +
                            staging_.Quote(field) + ")";
    long long count = 0, longest = 0;
    soci::indicator ind = soci::i_null;
    long long load = options_.load_id, max = limit;
    staging_.Guard("counting long values of " + field, [&] {
      staging_.session() << "SELECT COUNT(*), MAX(" + len + ") FROM " +
                                staging_.Quote(db::GoldTableName(plan.entity->name)) + " WHERE " +
                                staging_.Quote(db::kColLoad) + " = :l AND " + len + " > :m",
          soci::use(load), soci::use(max), soci::into(count), soci::into(longest, ind);
    });
    return {count, ind == soci::i_ok ? longest : 0};
  }

  int64_t Nulls(const EntityPlan& plan, const std::string& field) {
    long long count = 0, load = options_.load_id;
    staging_.Guard("counting empty values of " + field, [&] {
      staging_.session() << "SELECT COUNT(*) FROM " +
                                staging_.Quote(db::GoldTableName(plan.entity->name)) + " WHERE " +
                                staging_.Quote(db::kColLoad) + " = :l AND " +
                                staging_.Quote(field) + " IS NULL",
          soci::use(load), soci::into(count);
    });
    return count;
  }

  CreateSpec EntityTable(const EntityPlan& plan) const {
    CreateSpec create;
    create.table = plan.table;
    for (const ColumnPlan& c : plan.columns) {
      db::LogicalType type = db::LogicalType::kText;
      const spec::Field* f = plan.entity->FindField(c.field);
      if (c.role != ColumnRole::kId && c.role != ColumnRole::kRef && f) type = db::StorageType(*f);
      create.columns.push_back({c.column, type});
      if (c.role == ColumnRole::kId || c.role == ColumnRole::kKey || (f && f->required)) {
        if (c.role != ColumnRole::kRef) create.not_null.push_back(c.column);
      }
    }
    create.primary_key = {plan.id_column};
    if (plan.id_column != plan.key_column) create.unique_keys.push_back({plan.key_column});
    return create;
  }

  // Describes `table`, creating it when missing and allowed. False when it does not exist.
  bool Ensure(const std::string& table, const CreateSpec& create, const std::string& path,
              TargetTable* shape) {
    *shape = target_.Describe(table);
    if (shape->exists) return true;
    if (!options_.create) {
      result_.problems.push_back(path + ": table '" + table + "' does not exist in the target " +
                                 target_.masked_url() +
                                 " (create the CRM's schema first, or run with --create-target)");
      return false;
    }
    target_.Create(create);
    result_.notes.push_back("created target table " + table);
    *shape = target_.Describe(table);
    return shape->exists;
  }

  void CheckEntity(EntityPlan& plan) {
    const std::string table_path =
        Located(spec_, plan.entity->location, "entities." + plan.entity->name + ".table");
    TargetTable shape;
    if (plan.id_strategy == spec::IdStrategy::kAutoincrement) {
      // The target numbers the rows: the table and its auto-numbered id are the CRM's to make.
      shape = target_.Describe(plan.table);
      if (!shape.exists) {
        result_.problems.push_back(table_path + ": table '" + plan.table +
                                   "' does not exist in the target " + target_.masked_url() +
                                   " (id_strategy autoincrement: create the CRM's schema first; "
                                   "--create-target cannot make its auto-numbered id)");
        return;
      }
      const TargetColumn* id = shape.Find(plan.id_column);
      if (id == nullptr) {
        result_.problems.push_back(
            Located(spec_, plan.entity->location, "entities." + plan.entity->name + ".id_column") +
            ": " + Missing(plan.id_column, plan.table, shape));
      } else if (!id->has_default) {
        result_.problems.push_back(
            Located(spec_, plan.entity->location, "entities." + plan.entity->name + ".id_column") +
            ": target column " + plan.table + "." + id->name + " is not auto-numbered, but " +
            "id_strategy is autoincrement");
      }
    } else if (!Ensure(plan.table, EntityTable(plan), table_path, &shape)) {
      return;
    }

    // An entity identified by its external id needs no separate id column when the target has
    // none: the key column is the id.
    if (plan.id_column != plan.key_column && plan.id_strategy == spec::IdStrategy::kExternal &&
        shape.Find(plan.id_column) == nullptr) {
      result_.notes.push_back(plan.table + " has no column '" + plan.id_column +
                              "': its key column '" + plan.key_column + "' identifies the rows");
      plan.columns.erase(plan.columns.begin());
      plan.id_column = plan.key_column;
    }

    for (const ColumnPlan& c : plan.columns) CheckColumn(plan, shape, c);

    for (const TargetColumn& tc : shape.columns) {
      if (!tc.not_null || tc.has_default) continue;
      if (plan.IndexOf(tc.name) >= 0) continue;
      bool planned = std::any_of(plan.columns.begin(), plan.columns.end(), [&](const auto& c) {
        return ToLowerAscii(c.column) == ToLowerAscii(tc.name);
      });
      if (planned) continue;
      result_.problems.push_back(EntityPath(plan) + ": target column " + plan.table + "." +
                                 tc.name +
                                 " is NOT NULL without a default, and no field fills it (add "
                                 "a field with `column: " + tc.name + "`)");
    }
    if (shape.Find(plan.key_column) && !shape.IsUnique({plan.key_column})) {
      result_.problems.push_back(
          FieldPath(plan, plan.entity->key) + ": target table " + plan.table +
          " has no primary key or unique index on the key column '" + plan.key_column +
          "': loads could not be idempotent (add a unique index)");
    }
    for (const LinkPlan& link : plan.links) CheckLink(plan, link);
    for (const ValuePlan& value : plan.values) CheckValues(plan, value);
  }

  // Columns of `table` that `written` does not name, NOT NULL and without a default.
  void RequireFilled(const TargetTable& shape, const std::vector<std::string>& written,
                     const std::string& path, const std::string& table, const std::string& what) {
    for (const TargetColumn& tc : shape.columns) {
      if (!tc.not_null || tc.has_default) continue;
      bool filled = std::any_of(written.begin(), written.end(), [&](const std::string& c) {
        return ToLowerAscii(c) == ToLowerAscii(tc.name);
      });
      if (!filled) {
        result_.problems.push_back(path + ": " + what + " column " + table + "." + tc.name +
                                   " is NOT NULL without a default, and nothing fills it (add it "
                                   "to `set`)");
      }
    }
  }

  // Every column exists; false when one does not.
  bool RequireColumns(const TargetTable& shape, const std::vector<std::string>& columns,
                      const std::string& path, const std::string& table) {
    bool complete = true;
    for (const std::string& column : columns) {
      if (shape.Find(column) == nullptr) {
        result_.problems.push_back(path + ": " + Missing(column, table, shape));
        complete = false;
      }
    }
    return complete;
  }

  void CheckValues(const EntityPlan& plan, const ValuePlan& value) {
    const std::string path = FieldPath(plan, value.field) + ".values";
    const spec::ValueRows& rows = value.rows;
    const std::vector<std::string> value_columns = ValueRowColumns(value);
    CreateSpec create;
    create.table = rows.table;
    for (const std::string& c : value_columns) create.columns.push_back({c, db::LogicalType::kText});
    create.primary_key = {rows.id_column};
    create.not_null = {rows.id_column};
    TargetTable shape;
    if (Ensure(rows.table, create, path + ".table", &shape)) {
      if (RequireColumns(shape, value_columns, path, rows.table) &&
          !shape.IsUnique({rows.id_column})) {
        result_.problems.push_back(path + ": value table " + rows.table + " has no primary key "
                                   "or unique index on '" + rows.id_column +
                                   "': loads could not be idempotent");
      }
      RequireFilled(shape, value_columns, path, rows.table, "value table");
    }
    const std::vector<std::string> join_columns = JoinRowColumns(value);
    const std::vector<std::string> join_key =
        rows.join.id_column.empty()
            ? std::vector<std::string>{rows.join.column, rows.join.value_column}
            : std::vector<std::string>{rows.join.id_column};
    CreateSpec join_create;
    join_create.table = rows.join.table;
    for (const std::string& c : join_columns) {
      join_create.columns.push_back({c, db::LogicalType::kText});
    }
    join_create.primary_key = join_key;
    join_create.not_null = join_key;
    if (Ensure(rows.join.table, join_create, path + ".join.table", &shape)) {
      if (RequireColumns(shape, join_columns, path + ".join", rows.join.table) &&
          !shape.IsUnique(join_key)) {
        result_.problems.push_back(path + ".join: join table " + rows.join.table +
                                   " has no primary key or unique index on (" +
                                   Join(join_key, ", ") + "): loads could not be idempotent");
      }
      RequireFilled(shape, join_columns, path + ".join", rows.join.table, "join table");
    }
  }

  void CheckColumn(const EntityPlan& plan, const TargetTable& shape, const ColumnPlan& c) {
    const TargetColumn* tc = shape.Find(c.column);
    if (tc == nullptr) {
      result_.problems.push_back(ColumnPath(plan, c) + ": " + Missing(c.column, plan.table, shape));
      return;
    }
    if (c.role == ColumnRole::kConst) return;  // a constant: nothing staged to measure
    bool uuid_ids = plan.id_strategy == spec::IdStrategy::kUuid5;
    bool integer_ids = false;
    if (c.role == ColumnRole::kRef) {
      const EntityPlan* ref = PlanOf(c.ref);
      uuid_ids = ref && ref->id_strategy == spec::IdStrategy::kUuid5;
      integer_ids = ref && ref->id_strategy == spec::IdStrategy::kAutoincrement;
    }
    const spec::Field* f = plan.entity->FindField(c.field);
    if (!Fits(FamilyOf(tc->type), c, uuid_ids, integer_ids, f ? f->scale : 0)) {
      std::string holds = c.role == ColumnRole::kId    ? std::string(uuid_ids ? "uuid" : "text") +
                                                             " ids"
                          : c.role == ColumnRole::kRef ? "the referenced record's id"
                                                       : std::string(spec::Name(c.type)) +
                                                             " values";
      result_.problems.push_back(ColumnPath(plan, c) + ": target column " + plan.table + "." +
                                 tc->name + " is " + tc->type + ", which cannot hold " + holds);
    }
    if (tc->max_length > 0 && FamilyOf(tc->type) != Family::kUuid && !integer_ids) {
      const bool uuid_values =
          (c.role == ColumnRole::kId && plan.id_strategy == spec::IdStrategy::kUuid5) ||
          (c.role == ColumnRole::kRef && uuid_ids);
      int64_t count = 0, longest = 0;
      if (uuid_values) {
        if (tc->max_length < 36) {
          // Every id (or every non-empty reference) is a 36-character UUID.
          count = c.role == ColumnRole::kId ? GoldCount(plan) : GoldCount(plan) - Nulls(plan, c.field);
          longest = 36;
        }
      } else {
        std::tie(count, longest) = Longer(plan, c.field, tc->max_length);
      }
      if (count > 0) {
        result_.problems.push_back(ColumnPath(plan, c) + ": target column " + plan.table + "." +
                                   tc->name + " holds at most " +
                                   std::to_string(tc->max_length) + " characters: " +
                                   std::to_string(count) + " value(s) would be truncated (the " +
                                   "longest has " + std::to_string(longest) + ")");
      }
    }
    if (tc->not_null && c.role != ColumnRole::kId && !tc->has_default) {
      const int64_t nulls = Nulls(plan, c.field);
      if (nulls > 0) {
        result_.warnings.push_back(ColumnPath(plan, c) + ": target column " + plan.table + "." +
                                   tc->name + " is NOT NULL but " + std::to_string(nulls) +
                                   " golden record(s) have no value: the target will refuse them");
      }
    }
  }

  int64_t GoldCount(const EntityPlan& plan) {
    long long count = 0, load = options_.load_id;
    staging_.Guard("counting golden records", [&] {
      staging_.session() << "SELECT COUNT(*) FROM " +
                                staging_.Quote(db::GoldTableName(plan.entity->name)) + " WHERE " +
                                staging_.Quote(db::kColLoad) + " = :l",
          soci::use(load), soci::into(count);
    });
    return count;
  }

  void CheckLink(const EntityPlan& plan, const LinkPlan& link) {
    const std::string path = FieldPath(plan, link.field) + ".link";
    const std::vector<std::string> columns = LinkRowColumns(link);
    // With an id of its own the row is identified by it; else by the pair.
    const std::vector<std::string> key =
        link.id_column.empty() ? std::vector<std::string>{link.column, link.ref_column}
                               : std::vector<std::string>{link.id_column};
    CreateSpec create;
    create.table = link.table;
    for (const std::string& c : columns) create.columns.push_back({c, db::LogicalType::kText});
    create.primary_key = key;
    create.not_null = {link.column, link.ref_column};
    if (!link.id_column.empty()) create.not_null.push_back(link.id_column);
    TargetTable shape;
    if (!Ensure(link.table, create, path + ".table", &shape)) return;
    if (RequireColumns(shape, columns, path, link.table) && !shape.IsUnique(key)) {
      result_.problems.push_back(path + ": link table " + link.table +
                                 " has no primary key or unique index on (" + Join(key, ", ") +
                                 "): loads could not be idempotent" +
                                 (link.id_column.empty() ? " (or give the link an id_column)"
                                                         : ""));
    }
    for (const TargetColumn& tc : shape.columns) {
      if (!tc.not_null || tc.has_default) continue;
      if (std::any_of(columns.begin(), columns.end(), [&](const std::string& c) {
            return ToLowerAscii(c) == ToLowerAscii(tc.name);
          })) {
        continue;
      }
      result_.problems.push_back(path + ": link table column " + link.table + "." + tc.name +
                                 " is NOT NULL without a default, and the link does not fill it");
    }
  }
};

}  // namespace

SchemaCheckResult CheckTargetSchema(const spec::Spec& spec, std::vector<EntityPlan>* plans,
                                    Target& target, db::Database& staging,
                                    const SchemaCheckOptions& options) {
  if (!target.is_database()) return {};
  return Checker(spec, plans, target, staging, options).Run();
}

}  // namespace crm::loaders
