// The rule interface: one class per check kind (one file each), made from a spec::Rule by
// MakeRule. Two shapes, by where the work runs best:
//   RowRule  decides one record at a time from the staged values it names; the runner streams
//            every record of the entity once for all its row rules (required, format, allowed,
//            range, length);
//   SetRule  runs as SQL inside the staging database, where it scales with the engine (unique,
//            reference, stale, conflict, consistent, sql), and reports what it finds into a Tally.
// Both report into a Tally: records checked and failed per source, and the first failing
// records as samples with their lineage.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/db/database.h"
#include "core/db/staging_schema.h"
#include "core/spec/spec.h"
#include "validators/evidence/mask.h"
#include "validators/scope.h"
#include "validators/validate.h"

namespace crm::validate {

// What a run gives every rule.
struct RuleContext {
  const spec::Spec& spec;
  db::Database& db;
  const RunScope& scope;
  std::string today;  // YYYY-MM-DD, for stale
};

// Counts and samples of one rule.
class Tally {
 public:
  // `mask`: how sample values are masked (nullopt: they are not PII).
  Tally(size_t max_samples, std::optional<MaskKind> mask, bool show_pii)
      : max_samples_(max_samples), mask_(mask), show_pii_(show_pii) {}

  void Checked(const std::string& source, int64_t n = 1);
  void NotChecked(int64_t n = 1) { not_checked_ += n; }
  SourceTally& Source(const std::string& source);
  void Fail(const std::string& key, const std::string& source, int64_t line,
            const std::optional<std::string>& value, const std::string& message);

  int64_t checked() const { return checked_; }
  int64_t failed() const { return failed_; }
  int64_t not_checked() const { return not_checked_; }
  const std::map<std::string, SourceTally>& by_source() const { return by_source_; }
  const std::vector<Sample>& samples() const { return samples_; }                  // as shown
  const std::vector<Sample>& journal_samples() const { return journal_samples_; }  // masked

 private:
  size_t max_samples_;
  std::optional<MaskKind> mask_;
  bool show_pii_;
  int64_t checked_ = 0, failed_ = 0, not_checked_ = 0;
  std::map<std::string, SourceTally> by_source_;
  SourceTally* last_ = nullptr;  // the source of the previous call: rows come grouped by source
  std::vector<Sample> samples_, journal_samples_;
};

class Rule {
 public:
  explicit Rule(const spec::Rule& rule) : rule_(rule) {}
  virtual ~Rule() = default;
  const spec::Rule& spec() const { return rule_; }
  // The entity whose records are counted.
  const std::string& entity() const { return rule_.entity; }
  // Field names (without the entity) the rule names.
  std::vector<std::string> FieldNames() const;

 private:
  const spec::Rule& rule_;
};

enum class Verdict { kSkip, kPass, kFail };

struct Finding {
  Verdict verdict = Verdict::kPass;
  std::optional<std::string> value;  // the offending value
  std::string message;
};

// The values of a RowRule's Columns() for one record, in that order (nullopt: NULL): a view into
// the runner's row, valid during Check only, so a pass copies no value.
class RowValues {
 public:
  RowValues(const std::vector<std::optional<std::string>>& row, const std::vector<size_t>& slots)
      : row_(row), slots_(slots) {}
  const std::optional<std::string>& operator[](size_t i) const { return row_[slots_[i]]; }
  size_t size() const { return slots_.size(); }

 private:
  const std::vector<std::optional<std::string>>& row_;
  const std::vector<size_t>& slots_;
};

class RowRule : public Rule {
 public:
  using Rule::Rule;
  // Staged columns the rule reads; the runner selects them as text, in this order.
  virtual std::vector<std::string> Columns() const = 0;
  // Decides one record from the values of Columns() (nullopt: NULL). kSkip: not counted as
  // checked (an empty value is the required rule's business, not a format's).
  virtual Finding Check(const RowValues& values) const = 0;
};

class SetRule : public Rule {
 public:
  using Rule::Rule;
  virtual void Run(const RuleContext& context, Tally* tally) const = 0;
};

// Builds the rule, reading the files it names (values_file, domains) and checking that it fits
// the staged tables. Throws crm::Error(kSpec) naming the rule's file:line.
std::unique_ptr<Rule> MakeRule(const spec::Spec& spec, const spec::Rule& rule, db::Database& db,
                               const RunScope& scope);

// "migration.yaml:41:5: rules[] 'format:contact.email'": where a rule's errors point.
std::string RuleWhere(const spec::Spec& spec, const spec::Rule& rule);

// A message for rule errors: crm::Error(kSpec, RuleWhere + ": " + text).
[[noreturn]] void RuleError(const spec::Spec& spec, const spec::Rule& rule,
                            const std::string& text);

// Concrete rules (one file each).
std::unique_ptr<Rule> MakeRequiredRule(const spec::Spec&, const spec::Rule&);
std::unique_ptr<Rule> MakeFormatRule(const spec::Spec&, const spec::Rule&, db::Database&);
std::unique_ptr<Rule> MakeAllowedRule(const spec::Spec&, const spec::Rule&);
std::unique_ptr<Rule> MakeRangeRule(const spec::Spec&, const spec::Rule&);  // range and length
std::unique_ptr<Rule> MakeUniqueRule(const spec::Spec&, const spec::Rule&);
std::unique_ptr<Rule> MakeReferenceRule(const spec::Spec&, const spec::Rule&);
std::unique_ptr<Rule> MakeStaleRule(const spec::Spec&, const spec::Rule&);
std::unique_ptr<Rule> MakeConflictRule(const spec::Spec&, const spec::Rule&);
std::unique_ptr<Rule> MakeSqlRule(const spec::Spec&, const spec::Rule&);
std::unique_ptr<Rule> MakeConsistentRule(const spec::Spec&, const spec::Rule&, db::Database&);

// Shared by set rules: streams `sql` (columns: key, source, line, value — all text) and reports
// every row as a failure with `message`. Messages never carry the value: it may be PII, and the
// sample holds it (masked).
// `params` are bound in order to the statement's placeholders.
void FailRows(const RuleContext& context, const std::string& sql, const std::string& doing,
              const std::string& message, Tally* tally,
              const std::vector<std::string>& params = {});
// Counts the rows of `entity` in scope per source, with an extra condition over alias t ("" for
// none), into tally->Checked.
void CountChecked(const RuleContext& context, const std::string& entity,
                  const std::string& condition, Tally* tally,
                  const std::vector<std::string>& params = {});

}  // namespace crm::validate
