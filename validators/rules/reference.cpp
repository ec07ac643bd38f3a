// reference: a non-empty reference must name a staged record of the referenced entity (its key,
// or the field `to` names). Set-based: NOT EXISTS against every staged row of the parent, not
// only the subset's members, so a pilot never reports false dangling references.
//
// When the staged load itself is a subset, a parent outside the subset was never staged: its
// absence proves nothing. A missing parent then fails only when its key hashes into the subset
// for every source of the parent entity (so it would have been staged); otherwise the record is
// counted as not checked.
#include <algorithm>

#include "core/common/error.h"
#include "staging/shaping/bucket.h"
#include "validators/rules/rule.h"
#include "core/db/text_stream.h"

namespace crm::validate {
namespace {

// The plain `=` keeps the parent's index in use; on MySQL/MariaDB, whose default collations
// ignore case and trailing spaces, a byte-wise comparison must agree as well.
std::string MatchExactly(const db::Database& db, const std::string& a, const std::string& b) {
  if (db.traits().dialect != db::Dialect::kMysql) return "";
  return " AND " + Exact(db, AsText(db, a)) + " = " + Exact(db, AsText(db, b));
}

class ReferenceRule : public SetRule {
 public:
  ReferenceRule(const spec::Spec& spec, const spec::Rule& rule)
      : SetRule(rule), field_(FieldNames().at(0)) {
    const spec::Entity* entity = spec.FindEntity(rule.entity);
    std::string to = rule.to;
    if (to.empty()) to = entity->FindField(field_)->ref;
    size_t dot = to.find('.');
    parent_ = to.substr(0, dot);
    const spec::Entity* parent = spec.FindEntity(parent_);
    if (parent == nullptr) RuleError(spec, rule, "unknown referenced entity '" + parent_ + "'");
    parent_column_ = dot == std::string::npos ? parent->key : to.substr(dot + 1);
  }

  void Run(const RuleContext& context, Tally* tally) const override {
    db::Database& db = context.db;
    const EntityScope& child = context.scope.Of(entity());
    const EntityScope& parent = context.scope.Of(parent_);
    const std::string ref = "c." + db.Quote(field_);
    const std::string filled = ref + " IS NOT NULL AND TRIM(" + AsText(db, ref) + ") <> ''";
    if (!parent.exists) {
      throw Error(ErrorCategory::kUsage, "rule '" + spec().name + "': entity '" + parent_ +
                                             "' has no staged table " + parent.table +
                                             ": stage it first");
    }
    // One pass over the filled references, each with whether its parent is missing: the checked
    // records are counted on the way instead of by a second scan.
    std::string sql = "SELECT " + AsText(db, "c." + db.Quote(child.entity->key)) + ", c." +
                      db.Quote(db::kColSource) + ", " + AsText(db, "c." + db.Quote(db::kColLine)) +
                      ", " + AsText(db, ref) + ", CASE WHEN EXISTS (SELECT 1 FROM " +
                      db.Quote(parent.table) + " p WHERE " + context.scope.WhereStaged(db, "p") +
                      " AND p." + db.Quote(parent_column_) + " = " + ref +
                      MatchExactly(db, "p." + db.Quote(parent_column_), ref) +
                      ") THEN '0' ELSE '1' END FROM " + db.Quote(child.table) + " c WHERE " +
                      context.scope.Where(db, entity(), "c") + " AND " + filled + " ORDER BY c." +
                      db.Quote(db::kColRow);
    const spec::Subset* staged_subset = context.scope.load_subset.empty()
                                            ? nullptr
                                            : context.spec.FindSubset(context.scope.load_subset);
    const bool parent_sampled = staged_subset != nullptr && Covers(*staged_subset, parent_);
    const std::string message = "no staged " + parent_ + " has this " + parent_column_;
    db::StreamText(db, sql, 5, {}, "checking " + spec().name, [&](const db::TextRow& row) {
      const std::string& source = *row[1];
      if (*row[4] == "0") {
        tally->Checked(source);
        return;
      }
      if (parent_sampled && !WouldBeStaged(*staged_subset, *parent.entity, *row[3])) {
        tally->NotChecked();
        return;
      }
      tally->Checked(source);
      const int64_t line = row[2] && !row[2]->empty() ? std::stoll(*row[2]) : -1;
      tally->Fail(row[0].value_or(""), source, line, row[3], message);
    });
  }

 private:
  static bool Covers(const spec::Subset& s, const std::string& entity) {
    return s.entities.empty() ||
           std::find(s.entities.begin(), s.entities.end(), entity) != s.entities.end();
  }

  static bool WouldBeStaged(const spec::Subset& subset, const spec::Entity& parent,
                            const std::string& key) {
    const uint64_t limit = staging::SubsetLimit(subset.fraction);
    const bool stratify = subset.stratify == "source";
    if (!stratify || parent.from.empty()) {
      return staging::SubsetBucket(subset.seed, "", key, false) < limit;
    }
    for (const spec::SourceMapping& m : parent.from) {
      if (staging::SubsetBucket(subset.seed, m.source, key, true) >= limit) return false;
    }
    return true;
  }

  std::string field_, parent_, parent_column_;
};

}  // namespace

std::unique_ptr<Rule> MakeReferenceRule(const spec::Spec& spec, const spec::Rule& rule) {
  return std::make_unique<ReferenceRule>(spec, rule);
}

}  // namespace crm::validate
