#include "validators/validate.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "core/common/error.h"
#include "core/common/text.h"
#include "validators/evidence/mask.h"
#include "validators/evidence/results_journal.h"
#include "validators/evidence/stats.h"
#include "validators/row_pass.h"
#include "validators/rules/format_values.h"
#include "validators/rules/rule.h"

namespace crm::validate {
namespace {

std::string TodayUtc() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &tm);
  return text;
}

std::vector<const spec::Rule*> SelectRules(const spec::Spec& spec, const std::string& only) {
  std::vector<const spec::Rule*> rules;
  if (only.empty() || only == "rules") {
    for (const spec::Rule& r : spec.rules) rules.push_back(&r);
    return rules;
  }
  if (only == "identity") return rules;
  std::vector<std::string> names;
  for (const spec::Rule& r : spec.rules) {
    if (r.name == only) return {&r};
    names.push_back(r.name);
  }
  std::string message = "crm-migrate validate --only: no rule named '" + only + "'";
  std::string close = ClosestMatch(only, names);
  if (!close.empty()) message += " (did you mean '" + close + "'?)";
  message += "; PART is rules, identity or a rule's name";
  throw Error(ErrorCategory::kUsage, message);
}

const spec::Field* FieldOf(const spec::Spec& spec, const std::string& qualified) {
  size_t dot = qualified.find('.');
  const spec::Entity* e = spec.FindEntity(qualified.substr(0, dot));
  return e ? e->FindField(qualified.substr(dot + 1)) : nullptr;
}

// Samples show the field's value (the identity, for conflict): masked when it is PII, the way
// its type suggests. A required rule over several fields masks as soon as one of them is PII.
std::optional<MaskKind> MaskFor(const spec::Spec& spec, const spec::Rule& rule) {
  std::vector<std::string> shown = rule.fields;
  if (rule.check == spec::RuleCheck::kConflict) shown = {rule.by};
  if (rule.check == spec::RuleCheck::kConsistent) {
    // The sample shows the fields the condition reads: every PII field its text names.
    const spec::Entity* entity = spec.FindEntity(rule.entity);
    for (const spec::Field& f : entity ? entity->fields : std::vector<spec::Field>{}) {
      for (size_t at = rule.expect.find(f.name); at != std::string::npos;
           at = rule.expect.find(f.name, at + 1)) {
        auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
        const size_t end = at + f.name.size();
        if ((at == 0 || !word(rule.expect[at - 1])) &&
            (end == rule.expect.size() || !word(rule.expect[end]))) {
          shown.push_back(rule.entity + "." + f.name);
          break;
        }
      }
    }
  }
  std::optional<MaskKind> mask;
  for (const std::string& q : shown) {
    const spec::Field* f = FieldOf(spec, q);
    if (f == nullptr || f->pii == spec::PiiMode::kNone) continue;
    MaskKind kind = f->type == spec::FieldType::kEmail   ? MaskKind::kEmail
                    : f->type == spec::FieldType::kPhone ? MaskKind::kPhone
                                                         : MaskKind::kOther;
    if (!mask || kind == MaskKind::kOther) mask = kind;
  }
  return mask;
}

MaskKind MaskKindFor(const spec::Field& field) {
  return field.type == spec::FieldType::kEmail   ? MaskKind::kEmail
         : field.type == spec::FieldType::kPhone ? MaskKind::kPhone
                                                 : MaskKind::kOther;
}

std::string ScoreText(double score) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", score);
  return text;
}

// Identity's findings as quality results: what was merged (info) and what waits for a person
// (warning). Neither blocks: a possible match is a question, not a defect.
std::vector<RuleResult> IdentityResults(const spec::Spec& spec,
                                        const identity::EntityIdentity& found) {
  const size_t max_samples = static_cast<size_t>(spec.report.max_samples);
  RuleResult merged;
  merged.name = "identity:" + found.entity;
  merged.check = "identity";
  merged.entity = found.entity;
  merged.severity = "info";
  merged.threshold = "-";
  merged.checked = found.counts.staged;
  merged.failed = found.counts.merged;
  for (const identity::MergedRecord& m : found.merged) {
    if (merged.samples.size() >= max_samples) break;
    merged.samples.push_back({m.record.key, m.record.source, m.line, m.gold_key,
                              "merged into golden record " + m.gold_key + " (" + m.rule +
                                  ", score " + ScoreText(m.score) + ")"});
  }
  merged.masked_samples = merged.samples;

  RuleResult review;
  review.name = "review:" + found.entity;
  review.check = "review";
  review.entity = found.entity;
  review.severity = "warning";
  review.threshold = "0";
  review.checked = found.counts.staged;
  review.failed = static_cast<int64_t>(found.possible.size());
  review.passed = found.possible.empty() && found.clusters_flagged == 0;
  const spec::Entity* entity = spec.FindEntity(found.entity);
  const std::string where = entity && entity->match && !entity->match->review.empty()
                                ? "decide in " + entity->match->review
                                : "set match.review to decide them";
  for (const identity::PossiblePair& p : found.possible) {
    if (review.samples.size() >= max_samples) break;
    review.samples.push_back({p.a.key, p.a.source, -1, std::nullopt,
                              "possible match with " + p.b.source + " " + p.b.key + " (" +
                                  p.rule + ", score " + ScoreText(p.score) + "): " + where});
  }
  review.masked_samples = review.samples;
  return {merged, review};
}

std::vector<SourceTally> BySource(const spec::Spec& spec, const Tally& tally) {
  std::vector<SourceTally> out;
  for (const spec::Source& s : spec.sources) {
    auto it = tally.by_source().find(s.name);
    if (it != tally.by_source().end()) out.push_back(it->second);
  }
  for (const auto& [name, t] : tally.by_source()) {
    if (!spec.FindSource(name)) out.push_back(t);
  }
  return out;
}

void WriteQualityJson(const spec::Spec& spec, const ValidateOptions& options,
                      ValidateResult* result) {
  namespace fs = std::filesystem;
  fs::path dir = options.output_dir.empty() ? fs::path(spec.base_dir) / spec.report.output
                                            : fs::path(options.output_dir);
  fs::path file =
      dir / (result->subset.empty() ? "quality.json" : "quality-" + result->subset + ".json");
  std::error_code ec;
  fs::create_directories(dir, ec);
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << RenderQualityJson(spec, *result, options.run_id, /*masked=*/true);
  out.close();
  if (ec || !out) {
    throw Error(ErrorCategory::kIo,
                "cannot write " + file.string() + (ec ? ": " + ec.message() : std::string()));
  }
  result->quality_json_path = file.string();
}

}  // namespace

ValidateResult RunValidate(const spec::Spec& spec, db::Database& staging, db::Journal& journal,
                           const ValidateOptions& options, Progress& progress) {
  const RunScope scope = ResolveScope(spec, staging, options.subset);
  const std::vector<const spec::Rule*> selected = SelectRules(spec, options.only);
  const std::string today = options.today.empty() ? TodayUtc() : options.today;
  if (!IsIsoDate(today)) {
    throw Error(ErrorCategory::kUsage, "validate: today must be YYYY-MM-DD, got '" + today + "'");
  }
  ValidateResult result;
  result.load_id = scope.load_id;
  result.subset = options.subset;
  journal.SetRunLoad(options.run_id, scope.load_id);

  // Every rule is built (and its files read, its columns checked) before any runs: a spec error
  // stops the run before it writes anything.
  std::vector<std::unique_ptr<Rule>> rules;
  std::vector<Tally> tallies;
  for (const spec::Rule* r : selected) {
    rules.push_back(MakeRule(spec, *r, staging, scope));
    const size_t max_samples = static_cast<size_t>(std::min(r->samples, spec.report.max_samples));
    tallies.emplace_back(max_samples, MaskFor(spec, *r), options.show_pii);
  }

  const RuleContext context{spec, staging, scope, today};
  std::vector<std::string> entities;  // of row rules, in order of first use
  for (const auto& rule : rules) {
    if (dynamic_cast<const RowRule*>(rule.get()) &&
        std::find(entities.begin(), entities.end(), rule->entity()) == entities.end()) {
      entities.push_back(rule->entity());
    }
  }
  for (const std::string& entity : entities) {
    std::vector<RowRuleRun> runs;
    for (size_t i = 0; i < rules.size(); ++i) {
      const auto* row = dynamic_cast<const RowRule*>(rules[i].get());
      if (row && row->entity() == entity) runs.push_back({row, &tallies[i]});
    }
    RunRowRules(context, entity, runs, progress);
  }
  for (size_t i = 0; i < rules.size(); ++i) {
    if (const auto* set = dynamic_cast<const SetRule*>(rules[i].get())) {
      progress.Note("validate: " + set->spec().name);
      set->Run(context, &tallies[i]);
    }
  }

  std::optional<PreviousRun> previous = FindPreviousRun(staging, options.run_id, options.subset);
  if (previous) {
    result.previous_run = previous->run_id;
    result.previous_spec_changed = previous->spec_sha256 != spec.sha256;
  }
  for (size_t i = 0; i < rules.size(); ++i) {
    const spec::Rule& r = rules[i]->spec();
    const Tally& t = tallies[i];
    RuleResult out;
    out.name = r.name;
    out.check = std::string(spec::Name(r.check));
    out.entity = r.entity;
    out.field = Join(rules[i]->FieldNames(), ",");
    out.severity = std::string(spec::Name(r.severity));
    out.threshold = r.max_fail.text;
    out.checked = t.checked();
    out.failed = t.failed();
    out.not_checked = t.not_checked();
    out.passed = !r.max_fail.Exceeded(out.failed, out.checked);
    bool proven = !out.passed;
    if (!options.subset.empty()) {
      out.interval = WilsonInterval(out.failed, out.checked);
      out.exact_low = ExactLowerBound(out.failed, out.checked);
      if (r.max_fail.percent) proven = *out.exact_low * 100 > r.max_fail.value;
    }
    out.blocking = proven && r.severity == spec::Severity::kError;
    out.by_source = BySource(spec, t);
    out.samples = t.samples();
    out.masked_samples = t.journal_samples();
    if (previous) {
      auto it = previous->rules.find(r.name);
      if (it != previous->rules.end()) {
        out.previous_checked = it->second.first;
        out.previous_failed = it->second.second;
      }
    }
    out.trend = Trend(out.previous_failed, out.previous_checked, out.failed, out.checked);
    result.passed = result.passed && !out.blocking;
    result.rules.push_back(std::move(out));
  }
  if (options.only.empty() || options.only == "identity") {
    identity::IdentityOptions identity_options;
    identity_options.run_id = options.run_id;
    identity_options.load_id = scope.load_id;
    identity_options.resolve = options.resolve ? options.resolve : identity::Resolver(identity::ResolveEntity);
    identity_options.mask = [](const spec::Field& field, std::string_view value) {
      return MaskPii(value, MaskKindFor(field));
    };
    identity_options.max_samples = static_cast<size_t>(spec.report.max_samples);
    result.identity = identity::ResolveIdentities(spec, staging, identity_options, progress);
    for (const identity::EntityIdentity& found : result.identity) {
      if (!found.matched) continue;
      for (RuleResult& out : IdentityResults(spec, found)) {
        if (previous) {
          auto it = previous->rules.find(out.name);
          if (it != previous->rules.end()) {
            out.previous_checked = it->second.first;
            out.previous_failed = it->second.second;
          }
        }
        out.trend = Trend(out.previous_failed, out.previous_checked, out.failed, out.checked);
        result.rules.push_back(std::move(out));
      }
    }
  }
  if (previous) {
    for (const auto& entry : previous->rules) {
      const std::string& name = entry.first;  // a binding clang 14 cannot capture in a lambda
      bool kept = std::any_of(result.rules.begin(), result.rules.end(),
                              [&](const RuleResult& r) { return r.name == name; });
      // With --only, the other rules (or identity) did not run: they were not removed.
      const bool identity_result = StartsWith(name, "identity:") || StartsWith(name, "review:");
      if (!kept && (options.only.empty() || (options.only == "rules" && !identity_result))) {
        result.removed_rules.push_back(name);
      }
    }
  }

  WriteResults(staging, options.run_id, result);
  if (options.show_pii) {
    journal.AddNote("validate showed raw values of PII fields in its samples (--show-pii)",
                    options.run_id, "show_pii");
  }
  if (options.write_quality_json) WriteQualityJson(spec, options, &result);
  return result;
}

}  // namespace crm::validate
