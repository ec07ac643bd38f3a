#include "loaders/sql/sql_target.h"

#include "core/db/cells.h"

#include <algorithm>

#include "core/common/text.h"
#include "core/db/ddl.h"

namespace crm::loaders {
namespace {

// The driver's own words, without SOCI's echo of the statement and its bound vectors (which
// can run to kilobytes and hold no more information than the table name already given).
std::string OneLine(std::string text) {
  for (std::string_view echo : {" while executing ", " while preparing "}) {
    if (size_t at = text.find(echo); at != std::string::npos) text.resize(at);
  }
  for (std::string_view prefix : {"sqlite3_statement_backend::loadOne: ",
                                  "sqlite3_statement_backend::loadRS: ",
                                  "sqlite3_statement_backend::prepare: "}) {
    if (text.rfind(prefix, 0) == 0) text.erase(0, prefix.size());
  }
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

// "varchar(40)" → 40; character types only (numeric(12,2) declares digits, not characters).
int64_t LengthFromType(const std::string& type) {
  if (type.find("char") == std::string::npos) return 0;
  size_t open = type.find('(');
  if (open == std::string::npos) return 0;
  int64_t n = 0;
  for (size_t i = open + 1; i < type.size() && type[i] >= '0' && type[i] <= '9'; ++i) {
    n = n * 10 + (type[i] - '0');
  }
  return n;
}

}  // namespace

Value CellText(const soci::row& row, size_t i) {
  if (row.get_indicator(i) == soci::i_null) return std::nullopt;
  return db::CellText(row, i);
}

SqlTarget::SqlTarget(std::unique_ptr<db::Database> db, const TargetTraits& traits)
    : db_(std::move(db)), traits_(traits) {
  for (std::string_view sql : traits_.session_setup) db_->Execute(std::string(sql));
}

TargetTable SqlTarget::Describe(const std::string& table) {
  TargetTable shape;
  Run("reading the columns of " + table, [&] {
    std::string name = table;
    soci::rowset<soci::row> rows =
        (db_->session().prepare << std::string(traits_.describe_columns), soci::use(name));
    for (const soci::row& r : rows) {
      TargetColumn c;
      c.name = CellText(r, 0).value_or("");
      c.type = ToLowerAscii(CellText(r, 1).value_or(""));
      c.not_null = CellText(r, 2).value_or("0") == "1";
      c.has_default = CellText(r, 3).value_or("0") == "1";
      Value length = CellText(r, 4);
      if (length && !length->empty()) {
        c.max_length = std::stoll(*length);
      } else if (traits_.length_in_type) {
        c.max_length = LengthFromType(c.type);
      }
      shape.columns.push_back(std::move(c));
    }
  });
  shape.exists = !shape.columns.empty();
  if (!shape.exists) return shape;
  Run("reading the unique keys of " + table, [&] {
    std::string name = table;
    std::string current;
    soci::rowset<soci::row> rows =
        (db_->session().prepare << std::string(traits_.unique_columns), soci::use(name));
    for (const soci::row& r : rows) {
      std::string key = CellText(r, 0).value_or("");
      if (shape.unique_keys.empty() || key != current) shape.unique_keys.emplace_back();
      current = key;
      shape.unique_keys.back().push_back(CellText(r, 1).value_or(""));
    }
    if (traits_.primary_key_columns.empty()) return;
    std::vector<std::string> pk;
    soci::rowset<soci::row> pk_rows =
        (db_->session().prepare << std::string(traits_.primary_key_columns), soci::use(name));
    for (const soci::row& r : pk_rows) pk.push_back(CellText(r, 0).value_or(""));
    if (!pk.empty()) shape.unique_keys.push_back(pk);
  });
  return shape;
}

void SqlTarget::Create(const CreateSpec& table) {
  db::TableDef def;
  def.name = table.table;
  for (const auto& [name, type] : table.columns) {
    bool not_null = std::find(table.not_null.begin(), table.not_null.end(), name) !=
                    table.not_null.end();
    def.columns.push_back({name, type, not_null});
  }
  def.primary_key = table.primary_key;
  for (const auto& key : table.unique_keys) def.indexes.push_back({key, true});
  Run("creating " + table.table, [&] {
    for (const std::string& sql : db::RenderCreateTable(db_->traits(), def)) {
      db_->session() << sql;
    }
  });
}

void SqlTarget::Begin() {
  Run("starting a transaction", [&] { db_->session().begin(); });
}
void SqlTarget::Commit() {
  Run("committing", [&] { db_->session().commit(); });
}
void SqlTarget::Rollback() {
  try {
    db_->session().rollback();
  } catch (const std::exception&) {
    // The connection is gone or no transaction is open: either way nothing was committed.
  }
}
void SqlTarget::Savepoint(const std::string& name) {
  Run("setting a savepoint", [&] { db_->session() << "SAVEPOINT " + db_->Quote(name); });
}
void SqlTarget::ReleaseSavepoint(const std::string& name) {
  Run("releasing a savepoint", [&] { db_->session() << "RELEASE SAVEPOINT " + db_->Quote(name); });
}
void SqlTarget::RollbackToSavepoint(const std::string& name) {
  Run("rolling back to a savepoint",
      [&] { db_->session() << "ROLLBACK TO SAVEPOINT " + db_->Quote(name); });
}

std::string SqlTarget::InsertSql(const WriteSpec& spec, size_t rows) const {
  const db::DialectTraits& t = db_->traits();
  std::string sql = "INSERT INTO " + db_->Quote(spec.table, "table name") + " (";
  for (size_t i = 0; i < spec.columns.size(); ++i) {
    sql += (i ? ", " : "") + db_->Quote(spec.columns[i], "column name");
  }
  sql += ") VALUES ";
  size_t p = 0;
  for (size_t r = 0; r < rows; ++r) {
    sql += r ? ", (" : "(";
    for (size_t i = 0; i < spec.columns.size(); ++i) {
      sql += (i ? ", :p" : ":p") + std::to_string(++p);
    }
    sql += ")";
  }
  if (t.upsert == db::UpsertStyle::kOnConflict) {
    sql += " ON CONFLICT (";
    for (size_t i = 0; i < spec.conflict_keys.size(); ++i) {
      sql += (i ? ", " : "") + db_->Quote(spec.conflict_keys[i], "key column");
    }
    sql += ")";
    if (spec.update_columns.empty()) return sql + " DO NOTHING";
    sql += " DO UPDATE SET ";
    for (size_t i = 0; i < spec.update_columns.size(); ++i) {
      const std::string c = db_->Quote(spec.update_columns[i], "column name");
      sql += (i ? ", " : "") + c + " = excluded." + c;
    }
    return sql;
  }
  sql += " ON DUPLICATE KEY UPDATE ";
  if (spec.update_columns.empty()) {
    const std::string k = db_->Quote(spec.conflict_keys.at(0), "key column");
    return sql + k + " = " + k;
  }
  for (size_t i = 0; i < spec.update_columns.size(); ++i) {
    const std::string c = db_->Quote(spec.update_columns[i], "column name");
    sql += (i ? ", " : "") + c + " = VALUES(" + c + ")";
  }
  return sql;
}

void SqlTarget::Write(const WriteSpec& spec, const std::vector<Row>& rows) {
  if (rows.empty()) return;
  const size_t n = spec.columns.size();
  std::vector<std::vector<std::string>> values(n);
  std::vector<std::vector<soci::indicator>> indicators(n);
  for (size_t i = 0; i < n; ++i) {
    values[i].reserve(rows.size());
    indicators[i].reserve(rows.size());
  }
  for (const Row& row : rows) {
    for (size_t i = 0; i < n; ++i) {
      values[i].push_back(row[i].value_or(std::string()));
      indicators[i].push_back(row[i] ? soci::i_ok : soci::i_null);
    }
  }
  const std::string sql = InsertSql(spec);
  Run("writing " + spec.table, [&] {
    soci::statement st(db_->session());
    for (size_t i = 0; i < n; ++i) st.exchange(soci::use(values[i], indicators[i]));
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
    st.execute(true);
  });
}

std::vector<Row> SqlTarget::Read(const std::string& table, const std::string& key_column,
                                 const std::vector<std::string>& columns,
                                 const std::vector<std::string>& keys) {
  std::vector<Row> found;
  auto cast = [&](const std::string& c) {
    return std::string(traits_.text_cast_open) + db_->Quote(c, "column name") +
           std::string(traits_.text_cast_close);
  };
  std::string select = "SELECT " + cast(key_column);
  for (const std::string& c : columns) select += ", " + cast(c);
  select += " FROM " + db_->Quote(table, "table name") + " WHERE " +
            db_->Quote(key_column, "column name") + " IN (";
  for (size_t start = 0; start < keys.size(); start += traits_.keys_per_read) {
    const size_t end = std::min(keys.size(), start + traits_.keys_per_read);
    std::vector<std::string> chunk(keys.begin() + static_cast<std::ptrdiff_t>(start),
                                   keys.begin() + static_cast<std::ptrdiff_t>(end));
    std::string sql = select;
    for (size_t i = 0; i < chunk.size(); ++i) sql += (i ? ", :k" : ":k") + std::to_string(i + 1);
    sql += ")";
    Run("reading " + table, [&] {
      soci::details::prepare_temp_type prepared = (db_->session().prepare << sql);
      for (std::string& key : chunk) prepared, soci::use(key);
      soci::rowset<soci::row> rows(prepared);
      for (const soci::row& r : rows) {
        Row values;
        for (size_t i = 0; i <= columns.size(); ++i) values.push_back(CellText(r, i));
        found.push_back(std::move(values));
      }
    });
  }
  return found;
}

void SqlTarget::Delete(const std::string& table, const std::vector<std::string>& key_columns,
                       const std::vector<std::vector<std::string>>& keys) {
  if (keys.empty()) return;
  std::string sql = "DELETE FROM " + db_->Quote(table, "table name") + " WHERE ";
  for (size_t i = 0; i < key_columns.size(); ++i) {
    sql += (i ? " AND " : "") + db_->Quote(key_columns[i], "column name") + " = :p" +
           std::to_string(i + 1);
  }
  std::vector<std::vector<std::string>> values(key_columns.size());
  for (const auto& key : keys) {
    for (size_t i = 0; i < key_columns.size(); ++i) values[i].push_back(key.at(i));
  }
  Run("deleting from " + table, [&] {
    soci::statement st(db_->session());
    for (auto& v : values) st.exchange(soci::use(v));
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
    st.execute(true);
  });
}

void SqlTarget::DeleteAll(const std::string& table) {
  Run("emptying " + table, [&] { db_->session() << "DELETE FROM " + db_->Quote(table); });
}

int64_t SqlTarget::Count(const std::string& table) {
  long long n = 0;
  Run("counting " + table,
      [&] { db_->session() << "SELECT COUNT(*) FROM " + db_->Quote(table), soci::into(n); });
  return n;
}

void SqlTarget::Fail(const std::exception& e, std::string_view doing) {
  const auto* soci_error = dynamic_cast<const soci::soci_error*>(&e);
  if (soci_error != nullptr) {
    switch (soci_error->get_error_category()) {
      case soci::soci_error::connection_error:
      case soci::soci_error::system_error:
      case soci::soci_error::no_privilege:
      case soci::soci_error::unknown_transaction_state:
        break;
      case soci::soci_error::unknown: {
        if (traits_.refusal_messages.empty()) {
          throw RowsRefused(db::MaskSecrets(OneLine(e.what()), db_->url()));
        }
        for (std::string_view fragment : traits_.refusal_messages) {
          if (std::string_view(e.what()).find(fragment) != std::string_view::npos) {
            throw RowsRefused(db::MaskSecrets(OneLine(e.what()), db_->url()));
          }
        }
        break;
      }
      default:
        throw RowsRefused(db::MaskSecrets(OneLine(e.what()), db_->url()));
    }
  }
  db_->ThrowTranslated(e, std::string(doing) + " on the target", ErrorCategory::kIo);
}

}  // namespace crm::loaders
