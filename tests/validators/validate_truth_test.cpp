// The generator's truth against validate: a generated dirty data set is staged and validated
// with the spec the generator writes, and every defect its truth places at validate is found by
// the rule that owns it — the same records (by source and key), no more, no fewer, per kind.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "core/db/journal.h"
#include "core/db/staging_schema.h"
#include "core/spec/spec.h"
#include "samples/generator/generator.h"
#include "staging/stage.h"
#include "tests/stage/stage_render.h"
#include "validators/validate.h"

namespace fs = std::filesystem;

namespace crm::validate::testing {
namespace {

// A string member of one flat truth_defects.jsonl line (the generator writes no escapes in the
// members read here).
std::string Member(const std::string& json, const std::string& name) {
  const std::string key = "\"" + name + "\": \"";
  const size_t at = json.find(key);
  if (at == std::string::npos) return "";
  const size_t begin = at + key.size();
  return json.substr(begin, json.find('"', begin) - begin);
}

// The staged key of a truth record: the spec's templates (L-{ID}, W-{customer_id}, N-{id},
// O-{order_id}, A-{AccountID}).
std::string StagedKey(const std::string& source, const std::string& record) {
  static const std::map<std::string, std::string> kPrefix = {{"legacy", "L-"},
                                                             {"webshop", "W-"},
                                                             {"newsletter", "N-"},
                                                             {"orders", "O-"},
                                                             {"legacy_accounts", "A-"}};
  return kPrefix.at(source) + record;
}

// Which rule of the generated spec finds each kind the truth places at validate.
const std::map<std::string, std::string>& RuleOfKind() {
  static const std::map<std::string, std::string> kRules = {
      {"invalid_email", "format:contact.email"},
      {"invalid_phone", "format:contact.phone"},  // checked by its own test below
      {"missing_last_name", "required:contact.last_name+contact.email"},
      {"dangling_account", "reference:contact.account"},
      {"dangling_customer", "reference:deal.contact"},
      {"stale_record", "stale:contact.updated_at"},
      {"salutation_not_in_picklist", "allowed:contact.salutation"},
      {"industry_not_in_picklist", "allowed:account.industry"},
  };
  return kRules;
}

// One generated data set, staged and validated once for both tests.
struct Outcome {
  ValidateResult result;
  std::map<std::string, std::set<std::string>> expected;  // rule -> "source key"
  std::map<std::string, int64_t> per_kind;
};

const Outcome& Validated() {
  static const Outcome outcome = [] {
    Outcome o;
    const fs::path dir =
        fs::temp_directory_path() / ("crm_validate_truth_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    generator::GenerateOptions generate;
    generate.out_dir = dir.string();
    generate.contacts = 2000;
    generate.seed = 11;
    generator::Generate(generate);

    spec::Spec spec = spec::LoadSpec((dir / "migration.yaml").string());
    // Every failing record is evidence here, not only the report's first few.
    spec.report.max_samples = 10000;
    for (spec::Rule& rule : spec.rules) rule.samples = 10000;
    auto staging = db::OpenStaging(spec.staging_url, spec.base_dir);
    db::Journal journal(*staging);
    staging::StageOptions stage;
    stage.run_id = journal.BeginRun({.command = "stage"});
    staging::RunStage(spec, *staging, journal, stage, staging::testing::SilentProgress());
    ValidateOptions options;
    options.run_id = journal.BeginRun({.command = "validate"});
    options.today = "2026-11-26";
    options.write_quality_json = false;
    o.result = RunValidate(spec, *staging, journal, options, staging::testing::SilentProgress());

    std::ifstream in(dir / "truth_defects.jsonl");
    for (std::string line; std::getline(in, line);) {
      if (Member(line, "phase") != "validate") continue;
      const std::string kind = Member(line, "kind");
      const std::string source = Member(line, "source");
      const std::string rule = RuleOfKind().count(kind) ? RuleOfKind().at(kind) : "?" + kind;
      o.expected[rule].insert(source + " " + StagedKey(source, Member(line, "record")));
      ++o.per_kind[kind];
    }
    staging.reset();
    fs::remove_all(dir);
    return o;
  }();
  return outcome;
}

void CheckKind(const std::string& kind) {
  const Outcome& o = Validated();
  const std::string& rule_name = RuleOfKind().at(kind);
  const RuleResult* rule = nullptr;
  for (const RuleResult& r : o.result.rules) {
    if (r.name == rule_name) rule = &r;
  }
  INFO("kind " << kind << ", rule " << rule_name);
  REQUIRE(rule != nullptr);
  std::set<std::string> found;
  for (const Sample& s : rule->samples) {
    // The required rule also reports empty e-mails; the truth's kind is the missing last name.
    if (kind == "missing_last_name" && s.message.find("last_name") == std::string::npos) continue;
    found.insert(s.source + " " + s.key);
  }
  CHECK(o.per_kind.at(kind) > 0);
  CHECK(static_cast<int64_t>(found.size()) == o.per_kind.at(kind));
  CHECK(found == o.expected.at(rule_name));
}

TEST_CASE("validate finds exactly the defects the generator's truth places at validate",
          "[validate][truth]") {
  // Every validate kind of the truth has a rule that owns it.
  for (const auto& [rule, records] : Validated().expected) {
    INFO(rule);
    CHECK(rule[0] != '?');
  }
  for (const auto& [kind, rule] : RuleOfKind()) {
    if (kind != "invalid_phone") CheckKind(kind);
  }
}

// A legacy phone written "001 646 347 1883" for a US contact is read in the source's region
// (NL dials 00 abroad), not only in the row's country, where it would be invalid.
TEST_CASE("invalid phones are exactly the truth's", "[validate][truth]") {
  CheckKind("invalid_phone");
}

}  // namespace
}  // namespace crm::validate::testing
