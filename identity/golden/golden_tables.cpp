#include "identity/golden/golden_tables.h"

#include <algorithm>

#include "core/db/staging_schema.h"

namespace crm::identity {
namespace {

void CreateOrExtend(db::Database& staging, const db::TableDef& def) {
  staging.Guard("creating " + def.name, [&] {
    const std::vector<std::string> existing = staging.ListColumns(def.name);
    if (!existing.empty()) {
      for (const db::ColumnDef& column : def.columns) {
        if (std::find(existing.begin(), existing.end(), column.name) != existing.end()) continue;
        staging.Execute(db::RenderAddColumn(staging.traits(), def.name, column));
      }
    }
    // Creates the table when missing, and any index an older table lacks.
    db::CreateTable(staging, def);
  });
}

}  // namespace

db::TableDef GoldenTableDef(const spec::Entity& entity) {
  db::FieldColumn key{entity.key, db::LogicalType::kText};
  std::vector<db::FieldColumn> fields;
  for (const spec::Field& f : entity.fields) {
    if (f.name == entity.key) {
      key.type = db::StorageType(f);
    } else {
      fields.push_back({f.name, db::StorageType(f)});
    }
  }
  db::TableDef def = db::GoldTableDef(entity.name, key, fields);
  def.columns.push_back({std::string(kColProvenance), db::LogicalType::kJson, false});
  def.columns.push_back({std::string(kColSecondary), db::LogicalType::kJson, false});
  return def;
}

db::TableDef CrosswalkTableDef(const spec::Entity& entity) {
  db::TableDef def = db::XrefTableDef(entity.name);
  def.indexes.push_back({{std::string(db::kColLoad), std::string(kColSourceKey)}, false});
  return def;
}

void EnsureGoldenTables(db::Database& staging, const spec::Entity& entity) {
  CreateOrExtend(staging, GoldenTableDef(entity));
  CreateOrExtend(staging, CrosswalkTableDef(entity));
}

}  // namespace crm::identity
