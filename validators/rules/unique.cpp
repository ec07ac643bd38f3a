// unique: no two records in scope share the value of the field (or the combination of the
// fields); with normalize, after LOWER(TRIM()). Set-based, inside the staging database: a window
// counts each value's records, the repeated ones are listed. Every record of a repeated
// value fails (the steward decides which one stays); records with an empty field are not checked.
// Normalisation in SQL folds ASCII case and outer spaces; accents are identity resolution's work.
#include "validators/rules/rule.h"

namespace crm::validate {
namespace {

class UniqueRule : public SetRule {
 public:
  UniqueRule(const spec::Rule& rule) : SetRule(rule), fields_(FieldNames()) {}

  void Run(const RuleContext& context, Tally* tally) const override {
    db::Database& db = context.db;
    const EntityScope& scope = context.scope.Of(entity());
    const spec::Entity& entity_spec = *scope.entity;
    auto value = [&](const std::string& alias, const std::string& field) {
      std::string column = alias + "." + db.Quote(field);
      return spec().normalize ? Normalized(AsText(db, column)) : Exact(db, AsText(db, column));
    };
    std::string filled, group, select, shown, order;
    for (size_t i = 0; i < fields_.size(); ++i) {
      const std::string sep = i ? ", " : "";
      const std::string k = "k" + std::to_string(i);
      filled += std::string(i ? " AND " : "") + "t." + db.Quote(fields_[i]) + " IS NOT NULL AND " +
                "TRIM(" + AsText(db, "t." + db.Quote(fields_[i])) + ") <> ''";
      group += sep + value("t", fields_[i]);
      select += sep + value("t", fields_[i]) + " AS " + k;
      order += sep + "x." + k;
      shown += std::string(i ? " || ' | ' || " : "") + AsText(db, "t." + db.Quote(fields_[i]));
    }
    if (db.traits().dialect == db::Dialect::kMysql && fields_.size() > 1) {
      shown = "CONCAT_WS(' | '";
      for (const std::string& f : fields_) shown += ", " + AsText(db, "t." + db.Quote(f));
      shown += ")";
    }
    CountChecked(context, entity(), filled, tally);
    // One sort: each record with the size of its value's group (a window), the repeated ones
    // kept. Twice as fast as a GROUP BY joined back to the table on SQLite, and one statement
    // every dialect runs (SQLite 3.25+, PostgreSQL, MariaDB 10.2+).
    std::string sql = "SELECT x.k, x.s, x.l, x.v FROM (SELECT " +
                      AsText(db, "t." + db.Quote(entity_spec.key)) + " AS k, t." +
                      db.Quote(db::kColSource) + " AS s, " +
                      AsText(db, "t." + db.Quote(db::kColLine)) + " AS l, " + shown + " AS v, t." +
                      db.Quote(db::kColRow) + " AS r, " + select +
                      ", COUNT(*) OVER (PARTITION BY " + group + ") AS n FROM " +
                      db.Quote(scope.table) + " t WHERE " + context.scope.Where(db, entity(), "t") +
                      " AND " + filled + ") x WHERE x.n > 1 ORDER BY " + order + ", x.r";
    FailRows(context, sql, "checking " + spec().name, "shares its value with another record",
             tally);
  }

 private:
  std::vector<std::string> fields_;
};

}  // namespace

std::unique_ptr<Rule> MakeUniqueRule(const spec::Spec&, const spec::Rule& rule) {
  return std::make_unique<UniqueRule>(rule);
}

}  // namespace crm::validate
