#include "cli/commands_list.h"
#include "validators/evidence/stats.h"
#include "validators/validate.h"

namespace crm::cli {
namespace {

void AddOptions(po::options_description& options) {
  options.add_options()
      ("subset", po::value<std::string>()->value_name("NAME"), "validate only the members of this subset")
      ("only", po::value<std::string>()->value_name("PART"), "run only this part: rules, identity, or one rule name")
      ("show-pii", po::bool_switch(), "show raw values of PII fields in samples (journaled)");
}

// Samples per failing rule printed for people; quality.json and _failures keep the rule's full
// `samples`.
constexpr size_t kPrintedSamples = 3;

std::string Summary(const validate::RuleResult& r, bool subset) {
  const double rate = r.checked > 0 ? static_cast<double>(r.failed) / r.checked : 0.0;
  std::string text = r.name + ": " + std::to_string(r.failed) + " of " +
                     std::to_string(r.checked) + " failed (" + validate::Percent(rate);
  if (subset && r.interval) {
    text += ", 95% CI " + validate::Percent(r.interval->low) + " .. " +
            validate::Percent(r.interval->high);
  }
  std::string verdict = r.passed ? "passed" : "over max_fail";
  if (!r.passed && !r.blocking && r.severity == "error") {
    verdict += " (not proven for the full data: exact 95% lower bound " +
               validate::Percent(r.exact_low.value_or(0)) + ")";
  }
  text += ", max_fail " + r.threshold + ") " + r.severity + ", " + verdict + ", " + r.trend;
  if (r.previous_failed) text += " (before: " + std::to_string(*r.previous_failed) + ")";
  if (r.not_checked > 0) {
    text += "; " + std::to_string(r.not_checked) + " not checked (parent outside the subset)";
  }
  return text;
}

std::string SampleText(const validate::RuleResult& r, const validate::Sample& s) {
  std::string where = s.source + (s.line >= 0 ? ":" + std::to_string(s.line) : "");
  return r.name + ": " + s.key + " (" + where + ") " + (s.value ? "'" + *s.value + "'" : "NULL") +
         ": " + s.message;
}

int Run(Invocation& invocation) {
  validate::ValidateOptions options;
  options.run_id = *invocation.run_id;
  if (invocation.options.count("subset")) {
    options.subset = invocation.options["subset"].as<std::string>();
  }
  if (invocation.options.count("only")) {
    options.only = invocation.options["only"].as<std::string>();
  }
  options.show_pii = invocation.options["show-pii"].as<bool>();
  validate::ValidateResult validated = validate::RunValidate(
      *invocation.spec, *invocation.staging, *invocation.journal, options, *invocation.progress);

  db::PhaseResult& result = *invocation.result;
  int64_t passed = 0, over = 0, blocking = 0, failed_records = 0;
  for (const validate::RuleResult& r : validated.rules) {
    passed += r.passed ? 1 : 0;
    over += r.passed ? 0 : 1;
    blocking += r.blocking ? 1 : 0;
    failed_records += r.failed;
    const std::string level = r.blocking ? "error" : (!r.passed ? "warning" : "info");
    result.messages.push_back({level, "rule", Summary(r, !validated.subset.empty())});
    for (size_t i = 0; i < r.samples.size() && i < kPrintedSamples; ++i) {
      result.messages.push_back({"info", "sample", SampleText(r, r.samples[i])});
    }
  }
  for (const std::string& name : validated.removed_rules) {
    result.messages.push_back({"info", "removed", name + ": in the previous run, not in this one"});
  }
  if (options.show_pii) {
    result.messages.push_back({"warning", "show_pii", "raw PII values shown; this is journaled"});
  }
  if (validated.previous_run) {
    result.messages.push_back(
        {"info", "compared_with",
         "compared with validate run " + std::to_string(*validated.previous_run) +
             (validated.previous_spec_changed ? " (the spec changed since)" : " (same spec)")});
  }
  // Identity's reconciliation per entity (golden = staged - merged) goes to the run's counts in
  // the journal; its warnings and the review file to the messages.
  db::Counts identity_counts;
  for (const identity::EntityIdentity& found : validated.identity) {
    const std::string& e = found.entity;
    identity_counts.push_back({e + ".staged", found.counts.staged});
    identity_counts.push_back({e + ".merged", found.counts.merged});
    identity_counts.push_back({e + ".golden", found.counts.golden});
    if (!found.matched) continue;
    identity_counts.push_back({e + ".possible", static_cast<int64_t>(found.possible.size())});
    std::string text = e + ": " + std::to_string(found.counts.golden) + " golden record(s) = " +
                       std::to_string(found.counts.staged) + " staged - " +
                       std::to_string(found.counts.merged) + " merged; " +
                       std::to_string(found.possible.size()) + " possible match(es) to review";
    if (!found.review_path.empty()) text += " in " + found.review_path;
    text += " (" + std::to_string(found.accepted) + " accepted, " +
            std::to_string(found.rejected) + " rejected so far)";
    result.messages.push_back({"info", "identity", text});
    for (const std::string& warning : found.warnings) {
      result.messages.push_back({"warning", "identity", e + ": " + warning});
    }
  }
  if (!validated.quality_json_path.empty()) {
    result.messages.push_back({"info", "quality_json", "wrote " + validated.quality_json_path});
  }
  result.counts = {{"rules", static_cast<int64_t>(validated.rules.size())},
                   {"passed", passed},
                   {"over_max_fail", over},
                   {"blocking", blocking},
                   {"failed_records", failed_records}};
  result.counts.insert(result.counts.end(), identity_counts.begin(), identity_counts.end());
  result.details_json =
      validate::RenderQualityJson(*invocation.spec, validated, options.run_id, /*masked=*/false);
  return validated.passed ? 0 : 1;
}

}  // namespace

const CommandDef kValidateCommand = {
    .name = "validate",
    .summary = "run the quality rules and identity resolution; exit 1 when a blocking rule fails",
    .needs = Needs::kStagingWrite,
    .positional = "[SPEC]",
    .add_options = AddOptions,
    .run = Run,
};

}  // namespace crm::cli
