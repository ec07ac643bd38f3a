#include "tests/validators/validate_harness.h"

#include <Poco/JSON/Parser.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "core/common/error.h"
#include "core/common/text.h"
#include "core/db/journal.h"
#include "core/db/staging_schema.h"
#include "staging/stage.h"
#include "tests/stage/stage_render.h"
#include "tests/support/case_folders.h"
#include "validators/evidence/stats.h"
#include "validators/validate.h"

namespace fs = std::filesystem;

namespace crm::validate::testing {
namespace {

std::vector<std::string> Steps(const fs::path& dir) {
  if (!fs::exists(dir / "steps.txt")) return {"stage", "validate"};
  std::vector<std::string> steps;
  for (const std::string& line : Split(crm::testing::ReadFile(dir / "steps.txt"), '\n')) {
    if (!TrimView(line).empty()) steps.emplace_back(TrimView(line));
  }
  return steps;
}

std::string RunStage(const std::vector<std::string>& words, const spec::Spec& spec,
                     db::Database& staging, db::Journal& journal) {
  staging::StageOptions options;
  if (words.size() == 3 && words[1] == "subset") options.subset = words[2];
  options.run_id = journal.BeginRun({.command = "stage", .subset = options.subset});
  try {
    staging::StageResult r =
        staging::RunStage(spec, staging, journal, options, staging::testing::SilentProgress());
    journal.FinishRun(options.run_id, r.promoted ? db::kOutcomeOk : db::kOutcomeGateFailed,
                      r.promoted ? 0 : 1, {});
    std::string out =
        "  load=" + std::to_string(r.load_id) + " promoted=" + (r.promoted ? "yes" : "no");
    int64_t staged = 0;
    for (const staging::SourceFunnel& f : r.funnel) staged += f.staged;
    return out + " staged=" + std::to_string(staged) + "\n";
  } catch (const Error& e) {
    journal.FinishRun(options.run_id, db::kOutcomeFailed, e.exit_code(), {});
    return std::string("  error ") + CategoryName(e.category()) + ": " + e.what() + "\n";
  }
}

std::string RenderRule(const RuleResult& r) {
  std::ostringstream out;
  out << "  rule " << r.name << " check=" << r.check << " entity=" << r.entity
      << " severity=" << r.severity << " max_fail=" << r.threshold << "\n";
  out << "    checked=" << r.checked << " failed=" << r.failed;
  if (r.not_checked) out << " not_checked=" << r.not_checked;
  out << " passed=" << (r.passed ? "yes" : "no") << " blocking=" << (r.blocking ? "yes" : "no")
      << " trend=" << r.trend;
  if (r.previous_failed) out << " previous=" << *r.previous_failed << "/" << *r.previous_checked;
  out << "\n";
  if (r.interval) {
    out << "    interval95=" << Percent(r.interval->low) << ".." << Percent(r.interval->high)
        << " exact_low=" << Percent(r.exact_low.value_or(0)) << "\n";
  }
  for (const SourceTally& s : r.by_source) {
    out << "    source " << s.source << " checked=" << s.checked << " failed=" << s.failed << "\n";
  }
  for (const Sample& s : r.samples) {
    out << "    sample key=" << s.key << " source=" << s.source << " line=" << s.line
        << " value=" << (s.value ? "\"" + *s.value + "\"" : "NULL") << " " << s.message << "\n";
  }
  return out.str();
}

// The journal's view of the run: each _results verdict and the _failures rows with the values
// as stored (masked for PII fields, whatever --show-pii said).
std::string RenderJournal(db::Database& db, int64_t run_id) {
  std::ostringstream out;
  long long run = run_id;
  db.Guard("reading the results", [&] {
    std::string rule;
    long long checked = 0, failed = 0, passed = 0, blocking = 0;
    soci::statement st =
        (db.session().prepare << "SELECT " + db.Quote("rule_id") + ", " + db.Quote("checked") +
                                     ", " + db.Quote("failed") + ", " + db.Quote("passed") + ", " +
                                     db.Quote("blocking") + " FROM " + db.Quote("_results") +
                                     " WHERE " + db.Quote("run_id") + " = :run ORDER BY " +
                                     db.Quote("id"),
         soci::use(run), soci::into(rule), soci::into(checked), soci::into(failed),
         soci::into(passed), soci::into(blocking));
    st.execute();
    while (st.fetch()) {
      out << "  _results " << rule << " " << failed << "/" << checked << " passed=" << passed
          << " blocking=" << blocking << "\n";
    }
  });
  db.Guard("reading the failures", [&] {
    std::string rule, key, value;
    soci::indicator value_ind;
    soci::statement st =
        (db.session().prepare << "SELECT " + db.Quote("rule_id") + ", " + db.Quote("record_key") +
                                     ", " + db.Quote("value_text") + " FROM " +
                                     db.Quote("_failures") + " WHERE " + db.Quote("run_id") +
                                     " = :run ORDER BY " + db.Quote("id"),
         soci::use(run), soci::into(rule), soci::into(key), soci::into(value, value_ind));
    st.execute();
    while (st.fetch()) {
      out << "  _failures " << rule << " " << key << " "
          << (value_ind == soci::i_ok ? "\"" + value + "\"" : "NULL") << "\n";
    }
  });
  return out.str();
}

std::string RunValidateStep(const std::vector<std::string>& words, const spec::Spec& spec,
                            db::Database& staging, db::Journal& journal, const fs::path& dir,
                            const std::string& today) {
  ValidateOptions options;
  options.today = today;
  options.output_dir = (dir / "reports").string();
  for (size_t i = 1; i < words.size(); ++i) {
    if (words[i] == "subset" && i + 1 < words.size()) {
      options.subset = words[++i];
    } else if (words[i] == "only" && i + 1 < words.size()) {
      options.only = words[++i];
    } else if (words[i] == "show_pii") {
      options.show_pii = true;
    } else {
      FAIL("unknown validate option '" << words[i] << "'");
    }
  }
  options.run_id = journal.BeginRun(
      {.command = "validate", .spec_sha256 = spec.sha256, .subset = options.subset});
  try {
    ValidateResult r =
        RunValidate(spec, staging, journal, options, staging::testing::SilentProgress());
    journal.FinishRun(options.run_id, r.passed ? db::kOutcomeOk : db::kOutcomeGateFailed,
                      r.passed ? 0 : 1, {});
    std::ostringstream out;
    out << "  load=" << r.load_id << " passed=" << (r.passed ? "yes" : "no")
        << " compared_with=" << (r.previous_run ? std::to_string(*r.previous_run) : "none")
        << (r.previous_run && r.previous_spec_changed ? " (spec changed)" : "") << "\n";
    for (const RuleResult& rule : r.rules) out << RenderRule(rule);
    for (const std::string& name : r.removed_rules) out << "  removed " << name << "\n";
    out << RenderJournal(staging, options.run_id);
    // quality.json must be valid JSON that carries every rule with the counts above.
    Poco::JSON::Object::Ptr json = Poco::JSON::Parser()
                                       .parse(crm::testing::ReadFile(r.quality_json_path))
                                       .extract<Poco::JSON::Object::Ptr>();
    CHECK(json->getValue<std::string>("format") == "crm-migrate/quality");
    Poco::JSON::Array::Ptr rules = json->getArray("rules");
    REQUIRE(rules->size() == r.rules.size());
    for (size_t i = 0; i < r.rules.size(); ++i) {
      Poco::JSON::Object::Ptr rule = rules->getObject(static_cast<unsigned>(i));
      CHECK(rule->getValue<std::string>("rule") == r.rules[i].name);
      CHECK(rule->getValue<int64_t>("failed") == r.rules[i].failed);
      CHECK(rule->getValue<int64_t>("checked") == r.rules[i].checked);
      // The file holds masked values, whatever --show-pii said.
      Poco::JSON::Array::Ptr samples = rule->getArray("samples");
      REQUIRE(samples->size() == r.rules[i].masked_samples.size());
      for (size_t j = 0; j < samples->size(); ++j) {
        Poco::JSON::Object::Ptr sample = samples->getObject(static_cast<unsigned>(j));
        const std::optional<std::string>& masked = r.rules[i].masked_samples[j].value;
        CHECK(sample->isNull("value") == !masked.has_value());
        if (masked) CHECK(sample->getValue<std::string>("value") == *masked);
      }
    }
    out << "  wrote " << fs::path(r.quality_json_path).filename().string() << "\n";
    return out.str();
  } catch (const Error& e) {
    journal.FinishRun(options.run_id, db::kOutcomeFailed, e.exit_code(), {});
    // The database's own words differ between SQLite and PostgreSQL; what validate says about
    // them (which rule, which file and line) must not.
    std::string message = e.what();
    const std::string failed = "the query failed: ";
    size_t at = message.find(failed);
    if (at != std::string::npos) message = message.substr(0, at + failed.size()) + "<driver>";
    return std::string("  error ") + CategoryName(e.category()) + ": " + message + "\n";
  }
}

void UseStaging(const fs::path& spec_path, const std::string& url) {
  std::string text = crm::testing::ReadFile(spec_path);
  std::string out;
  for (const std::string& line : Split(text, '\n')) {
    out += (StartsWith(line, "staging:") ? "staging: \"" + url + "\"" : line) + "\n";
  }
  if (!out.empty()) out.pop_back();
  std::ofstream(spec_path, std::ios::binary) << out;
}

}  // namespace

std::string RenderValidateCase(const fs::path& case_dir, const std::string& staging_url) {
  const fs::path dir = fs::temp_directory_path() / ("crm_validate_" + case_dir.filename().string() +
                                                    "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(case_dir, dir, fs::copy_options::recursive);
  fs::remove(dir / "expected.txt");
  if (!staging_url.empty()) UseStaging(dir / "migration.yaml", staging_url);
  std::string out;
  std::string today = "2026-11-26";
  try {
    std::unique_ptr<spec::Spec> spec =
        std::make_unique<spec::Spec>(spec::LoadSpec((dir / "migration.yaml").string()));
    auto staging = db::OpenStaging(spec->staging_url, spec->base_dir);
    db::Journal journal(*staging);
    for (const std::string& step : Steps(dir)) {
      const std::vector<std::string> words = Split(step, ' ');
      out += step + "\n";
      if (words[0] == "copy") {
        fs::copy_file(dir / words.at(1), dir / words.at(2), fs::copy_options::overwrite_existing);
        if (!staging_url.empty()) UseStaging(dir / "migration.yaml", staging_url);
        // A copied spec is read again, as the next command would.
        spec = std::make_unique<spec::Spec>(spec::LoadSpec((dir / "migration.yaml").string()));
      } else if (words[0] == "today") {
        today = words.at(1);
      } else if (words[0] == "stage") {
        out += RunStage(words, *spec, *staging, journal);
      } else if (words[0] == "validate") {
        out += RunValidateStep(words, *spec, *staging, journal, dir, today);
      } else {
        FAIL("unknown step '" << step << "'");
      }
    }
  } catch (const Error& e) {
    out += std::string("error ") + CategoryName(e.category()) + ": " + e.what() + "\n";
  }
  for (size_t at; (at = out.find(dir.string())) != std::string::npos;) {
    out.replace(at, dir.string().size(), "<dir>");
  }
  fs::remove_all(dir);
  return out;
}

}  // namespace crm::validate::testing
