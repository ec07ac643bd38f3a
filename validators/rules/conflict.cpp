// conflict: records of the same identity (the normalised value of `by`, e.g. the e-mail) that
// come from more than one source and disagree on one of the compared fields. Set-based: one
// GROUP BY finds the identities with several sources and several distinct values of a field;
// every record of such an identity fails. Records without the identity are not checked.
#include "core/common/text.h"
#include "core/db/text_stream.h"
#include "validators/rules/rule.h"

namespace crm::validate {
namespace {

class ConflictRule : public SetRule {
 public:
  ConflictRule(const spec::Rule& rule)
      : SetRule(rule), fields_(FieldNames()), by_(rule.by.substr(rule.by.find('.') + 1)) {}

  void Run(const RuleContext& context, Tally* tally) const override {
    db::Database& db = context.db;
    const EntityScope& scope = context.scope.Of(entity());
    auto id = [&](const std::string& alias) {
      return Normalized(AsText(db, alias + "." + db.Quote(by_)));
    };
    auto filled = [&](const std::string& alias) {
      return alias + "." + db.Quote(by_) + " IS NOT NULL AND " + id(alias) + " <> ''";
    };
    CountChecked(context, entity(), filled("t"), tally);
    std::string differs;
    for (size_t i = 0; i < fields_.size(); ++i) {
      differs += std::string(i ? " OR " : "") + "COUNT(DISTINCT " +
                 Exact(db, AsText(db, "t." + db.Quote(fields_[i]))) + ") > 1";
    }
    const std::string table = db.Quote(scope.table);
    std::string sql = "SELECT " + AsText(db, "r." + db.Quote(scope.entity->key)) + ", r." +
                      db.Quote(db::kColSource) + ", " + AsText(db, "r." + db.Quote(db::kColLine)) +
                      ", " + id("r") + " FROM " + table + " r JOIN (SELECT " + id("t") +
                      " AS k FROM " + table + " t WHERE " + context.scope.Where(db, entity(), "t") +
                      " AND " + filled("t") + " GROUP BY " + id("t") + " HAVING COUNT(DISTINCT t." +
                      db.Quote(db::kColSource) + ") > 1 AND (" + differs + ")) d ON " + id("r") +
                      " = d.k WHERE " + context.scope.Where(db, entity(), "r") +
                      " ORDER BY d.k, r." + db.Quote(db::kColRow);
    FailRows(context, sql, "checking " + spec().name,
             "its sources disagree on " + Join(fields_, ", "), tally);
  }

 private:
  std::vector<std::string> fields_;
  std::string by_;
};

}  // namespace

std::unique_ptr<Rule> MakeConflictRule(const spec::Spec& spec, const spec::Rule& rule) {
  if (rule.by.empty()) RuleError(spec, rule, "check 'conflict' needs 'by'");
  return std::make_unique<ConflictRule>(rule);
}

}  // namespace crm::validate
