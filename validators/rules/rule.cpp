#include "validators/rules/rule.h"

#include "core/common/error.h"
#include "validators/evidence/mask.h"
#include "core/db/text_stream.h"

namespace crm::validate {

SourceTally& Tally::Source(const std::string& source) {
  if (last_ == nullptr || last_->source != source) {
    last_ = &by_source_[source];  // map nodes stay put: the pointer survives later inserts
    last_->source = source;
  }
  return *last_;
}

void Tally::Checked(const std::string& source, int64_t n) {
  checked_ += n;
  Source(source).checked += n;
}

void Tally::Fail(const std::string& key, const std::string& source, int64_t line,
                 const std::optional<std::string>& value, const std::string& message) {
  ++failed_;
  ++Source(source).failed;
  if (samples_.size() >= max_samples_) return;
  std::optional<std::string> masked = value;
  if (mask_ && value) masked = MaskPii(*value, *mask_);
  // The journal keeps masked values whatever the flag: reports are re-rendered from it later,
  // when nobody asked to see raw values.
  journal_samples_.push_back({key, source, line, masked, message});
  samples_.push_back({key, source, line, show_pii_ ? value : masked, message});
}

std::vector<std::string> Rule::FieldNames() const {
  std::vector<std::string> names;
  for (const std::string& qualified : rule_.fields) {
    names.push_back(qualified.substr(qualified.find('.') + 1));
  }
  return names;
}

std::string RuleWhere(const spec::Spec& spec, const spec::Rule& rule) {
  return spec.path + ":" + std::to_string(rule.location.line) + ":" +
         std::to_string(rule.location.column) + ": rule '" + rule.name + "'";
}

void RuleError(const spec::Spec& spec, const spec::Rule& rule, const std::string& text) {
  throw Error(ErrorCategory::kSpec, RuleWhere(spec, rule) + ": " + text);
}

void FailRows(const RuleContext& context, const std::string& sql, const std::string& doing,
              const std::string& message, Tally* tally, const std::vector<std::string>& params) {
  db::StreamText(context.db, sql, 4, params, doing, [&](const db::TextRow& row) {
    const int64_t line = row[2] && !row[2]->empty() ? std::stoll(*row[2]) : -1;
    tally->Fail(row[0].value_or(""), row[1].value_or(""), line, row[3], message);
  });
}

void CountChecked(const RuleContext& context, const std::string& entity,
                  const std::string& condition, Tally* tally,
                  const std::vector<std::string>& params) {
  db::Database& db = context.db;
  const EntityScope& scope = context.scope.Of(entity);
  std::string sql = "SELECT t." + db.Quote(db::kColSource) + ", COUNT(*) FROM " +
                    db.Quote(scope.table) + " t WHERE " + context.scope.Where(db, entity, "t") +
                    (condition.empty() ? "" : " AND (" + condition + ")") + " GROUP BY t." +
                    db.Quote(db::kColSource);
  db.Guard("counting the records of " + scope.table, [&] {
    std::string source;
    long long count = 0;
    soci::statement st(db.session());
    st.exchange(soci::into(source));
    st.exchange(soci::into(count));
    for (const std::string& p : params) st.exchange(soci::use(p));
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
    st.execute();
    while (st.fetch()) tally->Checked(source, count);
  });
}

}  // namespace crm::validate
