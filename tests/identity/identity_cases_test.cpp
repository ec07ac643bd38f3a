// Data-driven identity cases: every folder under tests/cases/identity/ is one Catch2 test, run in
// a scratch copy of the folder (where the spec's relative paths resolve):
//   migration.yaml   the spec (staging: sqlite:work/staging.db, target: sqlite:work/crm.db)
//   input files      whatever its sources name
//   resolution.txt   the clusters and possible pairs matching is scripted to find
//                    (tests/identity/scripted_resolver.h); read again at every identity step
//   target.sql       optional: the target's schema, run on work/crm.db first
//   steps.txt        one step a line (default: `stage` then `identity`):
//                      stage                        a journaled stage of the whole spec
//                      identity                     identity resolution of the current load,
//                                                   rendered: counts, gold_*, xref_*,
//                                                   _possible_matches and the review files
//                      validate [only PART]         a journaled validate run with the scripted
//                                                   matching; its identity results rendered
//                      cutover                      a journaled cutover
//                      copy FROM TO                 replace a file of the copy
//                      target                       render the target
//                      file PATH                    render a file of the copy (the crosswalk)
//   expected.txt     each step's outcome. CRM_UPDATE_EXPECTED=1 rewrites it (then read the diff).
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "core/common/error.h"
#include "core/common/progress.h"
#include "core/common/text.h"
#include "core/db/journal.h"
#include "core/db/staging_schema.h"
#include "identity/identity.h"
#include "tests/identity/identity_render.h"
#include "tests/identity/scripted_resolver.h"
#include "tests/loaders/cutover_harness.h"
#include "tests/support/case_folders.h"
#include "validators/evidence/mask.h"
#include "validators/validate.h"

namespace fs = std::filesystem;

namespace crm::identity::testing {
namespace {

Progress& Quiet() {
  static std::unique_ptr<Progress> progress = [] {
    ProgressOptions options;
    options.style = ProgressStyle::kQuiet;
    return MakeProgress(options);
  }();
  return *progress;
}

std::string Script(const fs::path& dir) {
  return fs::exists(dir / "resolution.txt") ? crm::testing::ReadFile(dir / "resolution.txt") : "";
}

MaskFn Masking() {
  return [](const spec::Field& field, std::string_view value) {
    using validate::MaskKind;
    return validate::MaskPii(value, field.type == spec::FieldType::kEmail   ? MaskKind::kEmail
                                    : field.type == spec::FieldType::kPhone ? MaskKind::kPhone
                                                                            : MaskKind::kOther);
  };
}

std::string IdentityStep(const fs::path& dir, const spec::Spec& spec, db::Database& staging,
                         db::Journal& journal) {
  std::optional<db::LoadRecord> load = journal.CurrentLoad();
  if (!load) return "  nothing staged\n";
  const int64_t run_id = journal.BeginRun({.command = "validate", .spec_path = spec.path,
                                           .spec_sha256 = spec.sha256});
  auto resolver = std::make_shared<ScriptedResolver>(Script(dir));
  IdentityOptions options;
  options.run_id = run_id;
  options.load_id = load->id;
  options.resolve = [resolver](db::Database& s, const spec::Entity& e, int64_t l,
                               const std::vector<ReviewDecision>& d, Progress& p) {
    return (*resolver)(s, e, l, d, p);
  };
  options.mask = Masking();
  std::string out;
  try {
    const std::vector<EntityIdentity> found = ResolveIdentities(spec, staging, options, Quiet());
    journal.FinishRun(run_id, db::kOutcomeOk, 0, {});
    for (const std::string& d : resolver->decisions_seen()) out += "  decision passed: " + d + "\n";
    for (const EntityIdentity& e : found) out += RenderEntityIdentity(e);
    out += RenderIdentityTables(spec, staging, run_id);
  } catch (const Error& e) {
    journal.FinishRun(run_id, db::kOutcomeFailed, e.exit_code(), {});
    out += std::string("  error ") + CategoryName(e.category()) + ": " + e.what() + "\n";
    out += RenderIdentityTables(spec, staging, run_id);  // as an earlier run left them
  }
  out += RenderReviewFiles(spec);
  return out;
}

std::string ValidateStep(const std::vector<std::string>& words, const fs::path& dir,
                         const spec::Spec& spec, db::Database& staging, db::Journal& journal) {
  validate::ValidateOptions options;
  for (size_t i = 1; i + 1 < words.size(); i += 2) {
    if (words[i] == "only") options.only = words[i + 1];
  }
  options.run_id = journal.BeginRun({.command = "validate", .spec_path = spec.path,
                                     .spec_sha256 = spec.sha256});
  options.today = "2026-11-26";
  options.write_quality_json = false;
  auto resolver = std::make_shared<ScriptedResolver>(Script(dir));
  options.resolve = [resolver](db::Database& s, const spec::Entity& e, int64_t l,
                               const std::vector<ReviewDecision>& d, Progress& p) {
    return (*resolver)(s, e, l, d, p);
  };
  std::string out;
  try {
    const validate::ValidateResult result =
        validate::RunValidate(spec, staging, journal, options, Quiet());
    journal.FinishRun(options.run_id, result.passed ? db::kOutcomeOk : db::kOutcomeGateFailed,
                      result.passed ? 0 : 1, {});
    out += "  run " + std::to_string(options.run_id) + " passed=" +
           (result.passed ? "yes" : "no") + "\n";
    out += RenderValidateIdentity(result);
    out += RenderIdentityTables(spec, staging, options.run_id);
  } catch (const Error& e) {
    journal.FinishRun(options.run_id, db::kOutcomeFailed, e.exit_code(), {});
    out += std::string("  error ") + CategoryName(e.category()) + ": " + e.what() + "\n";
  }
  out += RenderReviewFiles(spec);
  return out;
}

std::string RunStep(const std::string& step, const fs::path& dir, const spec::Spec& spec,
                    db::Database& staging, db::Journal& journal) {
  const std::vector<std::string> words = Split(step, ' ');
  if (words[0] == "stage") return loaders::testing::StageStep(spec, staging, journal);
  if (words[0] == "identity") return IdentityStep(dir, spec, staging, journal);
  if (words[0] == "validate") return ValidateStep(words, dir, spec, staging, journal);
  if (words[0] == "cutover") return loaders::testing::CutoverStep(spec, staging, journal, {});
  if (words[0] == "target") return loaders::testing::RenderTarget(spec.target_url, spec.base_dir);
  if (words[0] == "file") {
    std::string out;
    for (const std::string& line : Split(crm::testing::ReadFile(dir / words.at(1)), '\n')) {
      if (!TrimView(line).empty()) out += "  " + std::string(TrimView(line)) + "\n";
    }
    return out;
  }
  if (words[0] == "copy") {
    fs::copy_file(dir / words.at(1), dir / words.at(2), fs::copy_options::overwrite_existing);
    return "";
  }
  FAIL("unknown step '" << step << "'");
  return "";
}

void RunCase(const fs::path& case_dir) {
  const fs::path dir = fs::temp_directory_path() / ("crm_identity_" +
                                                    case_dir.filename().string() + "_" +
                                                    std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(case_dir, dir, fs::copy_options::recursive);
  fs::remove(dir / "expected.txt");
  std::vector<std::string> steps{"stage", "identity"};
  if (fs::exists(dir / "steps.txt")) {
    steps.clear();
    for (const std::string& line : Split(crm::testing::ReadFile(dir / "steps.txt"), '\n')) {
      if (!TrimView(line).empty()) steps.emplace_back(TrimView(line));
    }
  }
  std::string out;
  try {
    const spec::Spec spec = spec::LoadSpec((dir / "migration.yaml").string());
    if (fs::exists(dir / "target.sql")) {
      auto target = db::Database::Connect(spec.target_url, spec.base_dir);
      loaders::testing::ExecuteScript(*target, crm::testing::ReadFile(dir / "target.sql"));
    }
    auto staging = db::OpenStaging(spec.staging_url, spec.base_dir);
    db::Journal journal(*staging);
    for (const std::string& step : steps) {
      out += step + "\n" + RunStep(step, dir, spec, *staging, journal);
    }
  } catch (const Error& e) {
    out += std::string("error ") + CategoryName(e.category()) + ": " + e.what() + "\n";
  }
  for (size_t at; (at = out.find(dir.string())) != std::string::npos;) {
    out.replace(at, dir.string().size(), "<dir>");
  }
  fs::remove_all(dir);
  crm::testing::CheckExpected(case_dir, out);
}

const struct Registrar {
  Registrar() {
    crm::testing::RegisterCaseFolders(fs::path(CRM_SOURCE_DIR) / "tests/cases/identity",
                                      "identity", "[identity][cases]", RunCase);
  }
} registrar;

}  // namespace
}  // namespace crm::identity::testing
