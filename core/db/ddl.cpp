#include "core/db/ddl.h"

#include <algorithm>
#include <cstdio>

namespace crm::db {
namespace {

bool IsKeyColumn(const TableDef& table, const std::string& column) {
  auto in = [&](const std::vector<std::string>& list) {
    return std::find(list.begin(), list.end(), column) != list.end();
  };
  if (in(table.primary_key)) return true;
  return std::any_of(table.indexes.begin(), table.indexes.end(),
                     [&](const IndexDef& index) { return in(index.columns); });
}

std::string ColumnList(const DialectTraits& traits, const std::vector<std::string>& columns) {
  std::string out;
  for (size_t i = 0; i < columns.size(); ++i) {
    out += (i ? ", " : "") + QuoteIdentifier(traits, columns[i], "column name");
  }
  return out;
}

// FNV-1a: a stable, dependency-free hash for shortening names; not security relevant.
uint32_t Fnv1a(const std::string& s) {
  uint32_t h = 2166136261u;
  for (unsigned char c : s) h = (h ^ c) * 16777619u;
  return h;
}

}  // namespace

std::string IndexName(const std::string& table, size_t n) {
  std::string name = table + "_ix" + std::to_string(n);
  if (name.size() <= kMaxIdentifierLength) return name;
  char hash[16];
  std::snprintf(hash, sizeof(hash), "_%08x", Fnv1a(table));
  std::string suffix = std::string(hash) + "_ix" + std::to_string(n);
  return table.substr(0, kMaxIdentifierLength - suffix.size()) + suffix;
}

std::vector<std::string> RenderCreateTable(const DialectTraits& traits, const TableDef& table) {
  std::vector<std::string> lines;
  if (!table.auto_id.empty()) {
    lines.push_back(QuoteIdentifier(traits, table.auto_id, "column name") + " " +
                    std::string(table.ids_reusable ? traits.auto_id_reusable : traits.auto_id));
  }
  for (const ColumnDef& column : table.columns) {
    std::string_view type = column.type == LogicalType::kText && IsKeyColumn(table, column.name)
                                ? traits.key_text
                                : SqlType(traits, column.type);
    lines.push_back(QuoteIdentifier(traits, column.name, "column name") + " " + std::string(type) +
                    (column.not_null ? " NOT NULL" : ""));
  }
  if (table.auto_id.empty() && !table.primary_key.empty()) {
    lines.push_back("PRIMARY KEY (" + ColumnList(traits, table.primary_key) + ")");
  }
  std::vector<std::string> index_statements;
  for (size_t i = 0; i < table.indexes.size(); ++i) {
    const IndexDef& index = table.indexes[i];
    std::string name = QuoteIdentifier(traits, IndexName(table.name, i + 1), "index name");
    std::string unique = index.unique ? "UNIQUE " : "";
    if (traits.inline_indexes) {
      lines.push_back(unique + "INDEX " + name + " (" + ColumnList(traits, index.columns) + ")");
    } else {
      index_statements.push_back("CREATE " + unique + "INDEX IF NOT EXISTS " + name + " ON " +
                                 QuoteIdentifier(traits, table.name, "table name") + " (" +
                                 ColumnList(traits, index.columns) + ")");
    }
  }
  std::string create =
      "CREATE TABLE IF NOT EXISTS " + QuoteIdentifier(traits, table.name, "table name") + " (\n";
  for (size_t i = 0; i < lines.size(); ++i) {
    create += "  " + lines[i] + (i + 1 < lines.size() ? ",\n" : "\n");
  }
  create += ")" + std::string(table.clustered ? traits.clustered_option : "") +
            std::string(traits.table_options);
  std::vector<std::string> out{create};
  out.insert(out.end(), index_statements.begin(), index_statements.end());
  return out;
}

std::vector<std::string> RenderDropIndexes(const DialectTraits& traits, const TableDef& table) {
  std::vector<std::string> out;
  if (traits.inline_indexes) return out;
  for (size_t i = 0; i < table.indexes.size(); ++i) {
    out.push_back("DROP INDEX IF EXISTS " +
                  QuoteIdentifier(traits, IndexName(table.name, i + 1), "index name"));
  }
  return out;
}

std::string RenderAddColumn(const DialectTraits& traits, const std::string& table,
                            const ColumnDef& column) {
  return "ALTER TABLE " + QuoteIdentifier(traits, table, "table name") + " ADD COLUMN " +
         QuoteIdentifier(traits, column.name, "column name") + " " +
         std::string(SqlType(traits, column.type));
}

}  // namespace crm::db
