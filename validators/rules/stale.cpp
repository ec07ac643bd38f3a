// stale: a record whose date or date-time field lies before today minus `older_than` fails
// (calendar months and years: 8y before 2026-11-26 is 2018-11-26). Set-based, in SQL, with the
// cut-off bound as a parameter. A record without the date is not checked: that is the required
// rule's business.
#include <chrono>
#include <cstdio>

#include "validators/rules/format_values.h"
#include "validators/rules/rule.h"
#include "core/db/text_stream.h"

namespace crm::validate {
namespace {

std::string Cutoff(const std::string& today, const spec::Duration& d) {
  using namespace std::chrono;
  int y = std::stoi(today.substr(0, 4));
  unsigned m = std::stoul(today.substr(5, 2)), day = std::stoul(today.substr(8, 2));
  year_month_day date{year{y}, month{m}, std::chrono::day{day}};
  if (d.unit == 'y') {
    date = date - years{d.amount};
  } else if (d.unit == 'm') {
    date = date - months{d.amount};
  } else {
    date = year_month_day{sys_days{date} - days{d.amount * (d.unit == 'w' ? 7 : 1)}};
  }
  // 29 February minus a year, or 31 March minus a month: the last day of that month.
  if (!date.ok()) date = year_month_day{date.year() / date.month() / last};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}

class StaleRule : public SetRule {
 public:
  StaleRule(const spec::Rule& rule) : SetRule(rule), field_(FieldNames().at(0)) {}

  void Run(const RuleContext& context, Tally* tally) const override {
    db::Database& db = context.db;
    const EntityScope& scope = context.scope.Of(entity());
    const std::string cutoff = Cutoff(context.today, *spec().older_than);
    const std::string column = "t." + db.Quote(field_);
    // One pass over the dated records, each with whether it is stale: the checked records are
    // counted on the way instead of by a second scan.
    std::string sql = "SELECT " + AsText(db, "t." + db.Quote(scope.entity->key)) + ", t." +
                      db.Quote(db::kColSource) + ", " + AsText(db, "t." + db.Quote(db::kColLine)) +
                      ", " + AsText(db, column) + ", CASE WHEN " + column + " < " +
                      DateParam(db, "cutoff") + " THEN '1' ELSE '0' END FROM " +
                      db.Quote(scope.table) + " t WHERE " + context.scope.Where(db, entity(), "t") +
                      " AND " + column + " IS NOT NULL ORDER BY t." + db.Quote(db::kColRow);
    const std::string message =
        "older than " + spec().older_than->text + " (before " + cutoff + ")";
    db::StreamText(db, sql, 5, {cutoff}, "checking " + spec().name, [&](const db::TextRow& row) {
      tally->Checked(*row[1]);
      if (*row[4] != "1") return;
      const int64_t line = row[2] && !row[2]->empty() ? std::stoll(*row[2]) : -1;
      tally->Fail(row[0].value_or(""), *row[1], line, row[3], message);
    });
  }

 private:
  std::string field_;
};

}  // namespace

std::unique_ptr<Rule> MakeStaleRule(const spec::Spec& spec, const spec::Rule& rule) {
  if (!rule.older_than) RuleError(spec, rule, "check 'stale' needs 'older_than'");
  return std::make_unique<StaleRule>(rule);
}

}  // namespace crm::validate
