#include "loaders/gold_reader.h"

#include "core/db/staging_schema.h"
#include "loaders/sql/sql_target.h"
#include "loaders/sql/target_traits.h"

namespace crm::loaders {

GoldReader::GoldReader(db::Database& staging, const EntityPlan& plan, int64_t load_id)
    : staging_(staging), plan_(plan), load_id_(load_id) {
  const TargetTraits& traits = TargetTraitsFor(staging.traits().dialect);
  auto q = [&](std::string_view name) { return staging.Quote(name); };
  auto text = [&](const std::string& expr) {
    return std::string(traits.text_cast_open) + expr + std::string(traits.text_cast_close);
  };
  const spec::Entity& e = *plan.entity;
  gold_ = db::GoldTableName(e.name);
  std::string select = "SELECT " + text("g." + q(e.key));
  std::string joins;
  int n = 0;
  auto add_ref = [&](const std::string& field, const std::string& ref_key,
                     const std::string& ref_entity) {
    const std::string alias = "r" + std::to_string(++n);
    select += ", " + text("g." + q(field)) + ", CASE WHEN " + alias + "." + q(ref_key) +
              " IS NULL THEN 0 ELSE 1 END";
    joins += " LEFT JOIN " + q(db::GoldTableName(ref_entity)) + " " + alias + " ON " + alias +
             "." + q(db::kColLoad) + " = g." + q(db::kColLoad) + " AND " + alias + "." +
             q(ref_key) + " = g." + q(field);
  };
  for (const ColumnPlan& c : plan.columns) {
    if (c.role == ColumnRole::kRef) {
      add_ref(c.field, plan.ref_keys.at(c.ref), c.ref);
    } else if (c.role == ColumnRole::kField) {
      select += ", " + text("g." + q(c.field)) + ", 1";
    }
  }
  for (const LinkPlan& l : plan.links) add_ref(l.field, plan.ref_keys.at(l.ref), l.ref);
  select_ = select + " FROM " + q(gold_) + " g" + joins + " WHERE g." + q(db::kColLoad) + " = " +
            std::to_string(load_id);
}

std::vector<GoldRow> GoldReader::Next(const std::optional<std::string>& after, size_t limit) {
  auto q = [&](std::string_view name) { return staging_.Quote(name); };
  const std::string& key = plan_.entity->key;
  std::string sql = select_;
  if (after) sql += " AND g." + q(key) + " > :after";
  sql += " ORDER BY g." + q(key) + " LIMIT " + std::to_string(limit);
  std::vector<GoldRow> rows;
  staging_.Guard("reading the golden records of " + plan_.entity->name, [&] {
    std::string last = after.value_or("");
    soci::details::prepare_temp_type prepared = (staging_.session().prepare << sql);
    if (after) prepared, soci::use(last);
    soci::rowset<soci::row> result(prepared);
    for (const soci::row& r : result) {
      GoldRow row;
      row.key = CellText(r, 0).value_or("");
      size_t i = 1;
      for (const ColumnPlan& c : plan_.columns) {
        if (c.role == ColumnRole::kId || c.role == ColumnRole::kKey) {
          row.values.push_back(row.key);
          row.resolved.push_back(true);
          continue;
        }
        row.values.push_back(CellText(r, i));
        row.resolved.push_back(CellText(r, i + 1).value_or("0") == "1");
        i += 2;
      }
      for (size_t l = 0; l < plan_.links.size(); ++l) {
        row.links.push_back(CellText(r, i));
        row.links_resolved.push_back(CellText(r, i + 1).value_or("0") == "1");
        i += 2;
      }
      rows.push_back(std::move(row));
    }
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
