#include "validators/evidence/results_journal.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <sstream>

namespace crm::validate {

std::optional<PreviousRun> FindPreviousRun(db::Database& db, int64_t run_id,
                                           const std::string& subset) {
  PreviousRun previous;
  long long id = 0, current = run_id;
  soci::indicator found = soci::i_null;
  const std::string runs = db.Quote("_runs"), results = db.Quote("_results");
  db.Guard("reading the previous validate run", [&] {
    db.session() << "SELECT MAX(r." + db.Quote("id") + ") FROM " + runs + " r WHERE r." +
                        db.Quote("command") + " = 'validate' AND r." + db.Quote("id") +
                        " < :run AND COALESCE(r." + db.Quote("subset") +
                        ", '') = :subset AND EXISTS (SELECT 1 FROM " + results + " x WHERE x." +
                        db.Quote("run_id") + " = r." + db.Quote("id") + ")",
        soci::use(current), soci::use(subset), soci::into(id, found);
  });
  if (found != soci::i_ok) return std::nullopt;
  previous.run_id = id;
  db.Guard("reading the previous validate run", [&] {
    soci::indicator ind = soci::i_null;
    db.session() << "SELECT " + db.Quote("spec_sha256") + " FROM " + runs + " WHERE " +
                        db.Quote("id") + " = :id",
        soci::use(id), soci::into(previous.spec_sha256, ind);
  });
  db.Guard("reading the previous validate results", [&] {
    std::string rule;
    long long checked = 0, failed = 0;
    soci::indicator ci, fi;
    soci::statement st =
        (db.session().prepare << "SELECT " + db.Quote("rule_id") + ", " + db.Quote("checked") +
                                     ", " + db.Quote("failed") + " FROM " + results + " WHERE " +
                                     db.Quote("run_id") + " = :id",
         soci::use(id), soci::into(rule), soci::into(checked, ci), soci::into(failed, fi));
    st.execute();
    while (st.fetch()) {
      previous.rules[rule] = {ci == soci::i_ok ? checked : 0, fi == soci::i_ok ? failed : 0};
    }
  });
  return previous;
}

std::string RuleDetailsJson(const RuleResult& rule) {
  Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
  o.set("not_checked", rule.not_checked);
  o.set("rate", rule.checked > 0 ? static_cast<double>(rule.failed) / rule.checked : 0.0);
  if (rule.interval) {
    Poco::JSON::Object ci(Poco::JSON_PRESERVE_KEY_ORDER);
    ci.set("low", rule.interval->low);
    ci.set("high", rule.interval->high);
    o.set("interval95", ci);
  }
  if (rule.exact_low) o.set("exact_low95", *rule.exact_low);
  Poco::JSON::Array sources;
  for (const SourceTally& s : rule.by_source) {
    Poco::JSON::Object so(Poco::JSON_PRESERVE_KEY_ORDER);
    so.set("source", s.source);
    so.set("checked", s.checked);
    so.set("failed", s.failed);
    sources.add(so);
  }
  o.set("by_source", sources);
  o.set("trend", rule.trend);
  if (rule.previous_failed) {
    o.set("previous_checked", *rule.previous_checked);
    o.set("previous_failed", *rule.previous_failed);
  }
  std::ostringstream out;
  o.stringify(out);
  return out.str();
}

void WriteResults(db::Database& db, int64_t run_id, const ValidateResult& result) {
  const std::string results_sql =
      db::InsertSql(db.traits(), "_results",
                    {"run_id", "load_id", "rule_id", "rule", "entity", "field", "severity",
                     "checked", "failed", "threshold", "passed", "blocking", "details_json"});
  const std::string failures_sql = db::InsertSql(
      db.traits(), "_failures",
      {"run_id", "rule_id", "entity", "record_key", "source", "line", "value_text", "message"});
  db.Guard("writing the validate results", [&] {
    soci::transaction tx(db.session());
    long long run = run_id, load = result.load_id;
    for (size_t i = 0; i < result.rules.size(); ++i) {
      const RuleResult& r = result.rules[i];
      long long checked = r.checked, failed = r.failed;
      int passed = r.passed ? 1 : 0, blocking = r.blocking ? 1 : 0;
      std::string details = RuleDetailsJson(r);
      db.session() << results_sql, soci::use(run), soci::use(load), soci::use(r.name),
          soci::use(r.check), soci::use(r.entity), soci::use(r.field), soci::use(r.severity),
          soci::use(checked), soci::use(failed), soci::use(r.threshold), soci::use(passed),
          soci::use(blocking), soci::use(details);
      for (const Sample& s : r.masked_samples) {
        long long line = s.line;
        soci::indicator line_ind = s.line >= 0 ? soci::i_ok : soci::i_null;
        std::string value = s.value.value_or("");
        soci::indicator value_ind = s.value ? soci::i_ok : soci::i_null;
        db.session() << failures_sql, soci::use(run), soci::use(r.name), soci::use(r.entity),
            soci::use(s.key), soci::use(s.source), soci::use(line, line_ind),
            soci::use(value, value_ind), soci::use(s.message);
      }
    }
    tx.commit();
  });
}

}  // namespace crm::validate
