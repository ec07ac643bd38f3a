#include "loaders/gold_reader.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "core/common/error.h"
#include "core/db/staging_schema.h"
#include "core/db/text_stream.h"
#include "identity/golden/golden_tables.h"

namespace crm::loaders {

GoldReader::GoldReader(db::Database& staging, const EntityPlan& plan, int64_t load_id)
    : staging_(staging), plan_(plan), load_id_(load_id) {
  auto q = [&](std::string_view name) { return staging.Quote(name); };
  // StreamText reads every column as text: SQLite's own API converts any value, elsewhere the
  // query casts (AsText).
  const bool sqlite = staging.traits().dialect == db::Dialect::kSqlite;
  auto text = [&](const std::string& expr) {
    return sqlite ? expr : db::AsText(staging, expr);
  };
  const spec::Entity& e = *plan.entity;
  gold_ = db::GoldTableName(e.name);
  std::string select = "SELECT " + text("g." + q(e.key));
  // A reference holds the referenced record's key as it was staged; that record may have been
  // merged into another's golden record, so the key is looked up in the referenced entity's
  // xref, which maps every staged key to its golden key (the same key for a 1:1 record).
  columns_ = 1;
  auto add_ref = [&](const std::string& field, const std::string& ref_entity) {
    columns_ += 2;
    select += ", " + text("g." + q(field)) + ", (SELECT MIN(x." + q("_crm_gold_key") +
              ") FROM " + q(db::XrefTableName(ref_entity)) + " x WHERE x." + q(db::kColLoad) +
              " = g." + q(db::kColLoad) + " AND x." + q("_crm_source_key") + " = " +
              text("g." + q(field)) + ")";
  };
  for (const ColumnPlan& c : plan.columns) {
    if (c.role == ColumnRole::kRef) {
      add_ref(c.field, c.ref);
    } else if (c.role == ColumnRole::kField) {
      select += ", " + text("g." + q(c.field));
      ++columns_;
    }
  }
  for (const LinkPlan& l : plan.links) add_ref(l.field, l.ref);
  for (const ValuePlan& v : plan.values) select += ", " + text("g." + q(v.field));
  columns_ += plan.values.size();
  if (!plan.values.empty()) {
    select += ", " + text("g." + q(identity::kColSecondary));
    ++columns_;
  }
  select_ = select + " FROM " + q(gold_) + " g WHERE g." + q(db::kColLoad) + " = " +
            std::to_string(load_id);
}

// _crm_secondary is {"<field>": [[value, source, key], ...], ...}; NULL when nothing was kept.
void GoldReader::AddSecondary(const Value& json, GoldRow* row) const {
  if (!json || json->empty()) return;
  Poco::JSON::Object::Ptr object;
  try {
    Poco::JSON::Parser parser;
    object = parser.parse(*json).extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception& e) {
    throw Error(ErrorCategory::kInternal, "golden record " + row->key + " of " +
                                              plan_.entity->name + ": " +
                                              std::string(identity::kColSecondary) +
                                              " is not JSON: " + e.displayText());
  }
  for (size_t v = 0; v < plan_.values.size(); ++v) {
    Poco::JSON::Array::Ptr others = object->getArray(plan_.values[v].field);
    if (others.isNull()) continue;
    for (size_t i = 0; i < others->size(); ++i) {
      Poco::JSON::Array::Ptr one = others->getArray(static_cast<unsigned>(i));
      if (one.isNull() || one->size() == 0 || one->isNull(0)) continue;
      const std::string value = one->getElement<std::string>(0);
      if (!value.empty()) row->values_of[v].list.push_back(value);
    }
  }
}

std::vector<GoldRow> GoldReader::Next(const std::optional<std::string>& after, size_t limit) {
  auto q = [&](std::string_view name) { return staging_.Quote(name); };
  const std::string& key = plan_.entity->key;
  std::string sql = select_;
  if (after) sql += " AND g." + q(key) + " > :after";
  sql += " ORDER BY g." + q(key) + " LIMIT " + std::to_string(limit);
  std::vector<std::string> params;
  if (after) params.push_back(*after);
  std::vector<GoldRow> rows;
  rows.reserve(limit);
  db::StreamText(staging_, sql, columns_, params,
                 "reading the golden records of " + plan_.entity->name, [&](const db::TextRow& r) {
    GoldRow row;
    row.key = r[0].value_or("");
    size_t i = 1;
    // A resolved reference becomes the referenced golden key; an unresolved one keeps the
    // staged key, which the rejection names.
    auto reference = [&](Value* value, bool* resolved) {
      *resolved = r[i + 1].has_value();
      *value = *resolved ? r[i + 1] : r[i];
    };
    row.values.reserve(plan_.columns.size());
    row.resolved.reserve(plan_.columns.size());
    for (const ColumnPlan& c : plan_.columns) {
      if (c.role == ColumnRole::kConst) {
        row.values.push_back(std::nullopt);
        row.resolved.push_back(true);
        continue;
      }
      if (c.role == ColumnRole::kId || c.role == ColumnRole::kKey) {
        row.values.push_back(row.key);
        row.resolved.push_back(true);
        continue;
      }
      Value value;
      bool resolved = true;
      if (c.role == ColumnRole::kRef) {
        reference(&value, &resolved);
      } else {
        value = r[i];
      }
      row.values.push_back(std::move(value));
      row.resolved.push_back(resolved);
      // A reference is two columns (the staged key, the golden key it resolves to), a field one.
      i += c.role == ColumnRole::kRef ? 2 : 1;
    }
    for (size_t l = 0; l < plan_.links.size(); ++l) {
      Value value;
      bool resolved = false;
      reference(&value, &resolved);
      row.links.push_back(std::move(value));
      row.links_resolved.push_back(resolved);
      i += 2;
    }
    for (size_t v = 0; v < plan_.values.size(); ++v) {
      GoldValues values;
      if (const Value& golden = r[i++]; golden && !golden->empty()) {
        values.list.push_back(*golden);
        values.first_is_golden = true;
      }
      row.values_of.push_back(std::move(values));
    }
    if (!plan_.values.empty()) AddSecondary(r[i], &row);
    rows.push_back(std::move(row));
  });
  return rows;
}

int64_t GoldReader::CountUpTo(const std::string& last) {
  long long count = 0, load = load_id_;
  std::string bound = last;
  staging_.Guard("counting the golden records of " + plan_.entity->name, [&] {
    staging_.session() << "SELECT COUNT(*) FROM " + staging_.Quote(gold_) + " WHERE " +
                              staging_.Quote(db::kColLoad) + " = :l AND " +
                              staging_.Quote(plan_.entity->key) + " <= :k",
        soci::use(load), soci::use(bound), soci::into(count);
  });
  return count;
}

int64_t GoldReader::Count() {
  long long count = 0, load = load_id_;
  staging_.Guard("counting the golden records of " + plan_.entity->name, [&] {
    staging_.session() << "SELECT COUNT(*) FROM " + staging_.Quote(gold_) + " WHERE " +
                              staging_.Quote(db::kColLoad) + " = :l",
        soci::use(load), soci::into(count);
  });
  return count;
}

}  // namespace crm::loaders
