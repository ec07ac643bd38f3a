// sql: the rule's own query over the staging tables returns the keys of failing records (its
// first and only column). It runs inside the staging database as a subquery, so the scope (the
// load, the subset) still applies: a key the query returns fails only when its record is in
// scope. A query the database refuses is a spec error naming the rule.
#include <cctype>

#include "core/db/text_stream.h"
#include "validators/rules/rule.h"

namespace crm::validate {
namespace {

class SqlRule : public SetRule {
 public:
  SqlRule(const spec::Spec& spec, const spec::Rule& rule) : SetRule(rule), spec_(spec) {}

  void Run(const RuleContext& context, Tally* tally) const override {
    db::Database& db = context.db;
    const EntityScope& scope = context.scope.Of(entity());
    CountChecked(context, entity(), "", tally);
    const std::string key = "t." + db.Quote(scope.entity->key);
    std::string query(spec().query);
    while (!query.empty() &&
           (query.back() == ';' || std::isspace(static_cast<unsigned char>(query.back())))) {
      query.pop_back();
    }
    // `key IN (query)`: every dialect takes a one-column subquery as it is; a query with more
    // columns is refused by the database and reported as the rule's error.
    std::string sql = "SELECT " + AsText(db, key) + ", t." + db.Quote(db::kColSource) + ", " +
                      AsText(db, "t." + db.Quote(db::kColLine)) + ", " + AsText(db, key) +
                      " FROM " + db.Quote(scope.table) + " t WHERE " +
                      context.scope.Where(db, entity(), "t") + " AND " + key + " IN (" + query +
                      ") ORDER BY t." + db.Quote(db::kColRow);
    try {
      FailRows(context, sql, "running the query of " + spec().name, "returned by the rule's query",
               tally);
    } catch (const Error& e) {
      if (e.category() != ErrorCategory::kIo) throw;
      RuleError(spec_, spec(), "the query failed: " + std::string(e.what()));
    }
  }

 private:
  const spec::Spec& spec_;
};

}  // namespace

std::unique_ptr<Rule> MakeSqlRule(const spec::Spec& spec, const spec::Rule& rule) {
  return std::make_unique<SqlRule>(spec, rule);
}

}  // namespace crm::validate
