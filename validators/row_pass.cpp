#include "validators/row_pass.h"

#include <algorithm>

#include "core/db/text_stream.h"

namespace crm::validate {

void RunRowRules(const RuleContext& context, const std::string& entity,
                 const std::vector<RowRuleRun>& rules, Progress& progress) {
  if (rules.empty()) return;
  db::Database& db = context.db;
  const EntityScope& scope = context.scope.Of(entity);
  // The union of the columns, and for each rule where its columns sit in the row.
  std::vector<std::string> columns;
  std::vector<std::vector<size_t>> slots(rules.size());
  for (size_t r = 0; r < rules.size(); ++r) {
    for (const std::string& c : rules[r].rule->Columns()) {
      auto it = std::find(columns.begin(), columns.end(), c);
      if (it == columns.end()) it = columns.insert(columns.end(), c);
      slots[r].push_back(3 + static_cast<size_t>(it - columns.begin()));  // after key, lineage
    }
  }
  std::string sql = "SELECT " + AsText(db, "t." + db.Quote(scope.entity->key)) + ", t." +
                    db.Quote(db::kColSource) + ", " + AsText(db, "t." + db.Quote(db::kColLine));
  for (const std::string& c : columns) sql += ", " + AsText(db, "t." + db.Quote(c));
  sql += " FROM " + db.Quote(scope.table) + " t WHERE " + context.scope.Where(db, entity, "t") +
         " ORDER BY t." + db.Quote(db::kColRow);

  progress.Begin("validate " + entity, -1);
  auto check = [&](const db::TextRow& row) {
    // Per row: no copies of the key and source (_crm_source is NOT NULL); the line is parsed
    // only for a failure.
    const std::string& source = *row[1];
    for (size_t r = 0; r < rules.size(); ++r) {
      Finding f = rules[r].rule->Check(RowValues(row, slots[r]));
      if (f.verdict == Verdict::kSkip) continue;
      rules[r].tally->Checked(source);
      if (f.verdict != Verdict::kFail) continue;
      const int64_t line = row[2] && !row[2]->empty() ? std::stoll(*row[2]) : -1;
      rules[r].tally->Fail(row[0].value_or(""), source, line, f.value, f.message);
    }
  };
  db::StreamText(db, sql, 3 + columns.size(), {}, "reading " + scope.table, check,
             [&](size_t n) { progress.Advance(static_cast<int64_t>(n)); });
  progress.End();
}

}  // namespace crm::validate
