// Data-driven cutover cases: every folder under tests/cases/cutover/ is one Catch2 test. The
// folder is copied to a scratch directory, where the spec's relative paths resolve:
//   migration.yaml  the spec (staging: sqlite:work/staging.db; target sqlite:work/crm.db or csv:out)
//   input files     whatever its sources name
//   target.sql      optional: the target's schema, run on work/crm.db before the steps
//   steps.txt       optional, one step a line (default: `stage` then `cutover`):
//                     stage                              a journaled stage of the whole spec
//                     cutover [dry-run] [resume] [retry-rejects] [create-target]
//                             [confirm-truncate] [fail-at N]     N: the Nth target write fails
//                     rollback RUN                       undo cutover run RUN
//                     copy FROM TO                       replace a file of the copy
//                     sql STATEMENT                      run on the target
//                     target                             render the target now
//   expected.txt    each step's outcome, then the final target, the cutover rejects and the
//                   crosswalk. CRM_UPDATE_EXPECTED=1 rewrites it (then read the diff).
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "core/common/error.h"
#include "core/common/text.h"
#include "core/db/staging_schema.h"
#include "tests/loaders/cutover_harness.h"
#include "tests/support/case_folders.h"

namespace fs = std::filesystem;

namespace crm::loaders::testing {
namespace {

std::vector<std::string> Steps(const fs::path& dir) {
  if (!fs::exists(dir / "steps.txt")) return {"stage", "cutover"};
  std::vector<std::string> steps;
  for (const std::string& line : Split(ReadFile(dir / "steps.txt"), '\n')) {
    if (!TrimView(line).empty()) steps.emplace_back(TrimView(line));
  }
  return steps;
}

std::string RunStep(const std::string& step, const fs::path& dir, const spec::Spec& spec,
                    db::Database& staging, db::Journal& journal) {
  const std::vector<std::string> words = Split(step, ' ');
  if (words[0] == "stage") return StageStep(spec, staging, journal);
  if (words[0] == "cutover") {
    CutoverOptions options;
    for (size_t i = 1; i < words.size(); ++i) {
      if (words[i] == "dry-run") {
        options.dry_run = true;
      } else if (words[i] == "resume") {
        options.resume = true;
      } else if (words[i] == "retry-rejects") {
        options.retry_rejects = true;
      } else if (words[i] == "create-target") {
        options.create_target = true;
      } else if (words[i] == "confirm-truncate") {
        options.confirm_truncate = true;
      } else if (words[i] == "fail-at" && i + 1 < words.size()) {
        options.wrap_target = FailAtWrite(std::stoi(words[++i]));
      } else {
        FAIL("unknown cutover option '" << words[i] << "'");
      }
    }
    return CutoverStep(spec, staging, journal, options);
  }
  if (words[0] == "rollback") return RollbackStep(spec, staging, journal, std::stoll(words.at(1)));
  if (words[0] == "copy") {
    fs::copy_file(dir / words.at(1), dir / words.at(2), fs::copy_options::overwrite_existing);
    return "";
  }
  if (words[0] == "sql") {
    auto target = db::Database::Connect(spec.target_url, spec.base_dir, {.create = false});
    target->Execute(step.substr(4));
    return "";
  }
  if (words[0] == "target") return RenderTarget(spec.target_url, spec.base_dir);
  FAIL("unknown step '" << step << "'");
  return "";
}

void RunCase(const fs::path& case_dir) {
  const fs::path dir = fs::temp_directory_path() /
                       ("crm_cutover_" + case_dir.filename().string() + "_" +
                        std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(case_dir, dir, fs::copy_options::recursive);
  fs::remove(dir / "expected.txt");
  std::string out;
  try {
    const spec::Spec spec = spec::LoadSpec((dir / "migration.yaml").string());
    if (fs::exists(dir / "target.sql")) {
      auto target = db::Database::Connect(spec.target_url, spec.base_dir);
      ExecuteScript(*target, ReadFile(dir / "target.sql"));
    }
    auto staging = db::OpenStaging(spec.staging_url, spec.base_dir);
    db::Journal journal(*staging);
    for (const std::string& step : Steps(dir)) {
      out += step + "\n" + RunStep(step, dir, spec, *staging, journal);
    }
    out += "final target\n" + RenderTarget(spec.target_url, spec.base_dir);
    out += RenderCutoverRejects(*staging);
    if (fs::exists(dir / "out/crosswalk.csv")) {
      out += "crosswalk\n";
      for (const std::string& line : Split(ReadFile(dir / "out/crosswalk.csv"), '\n')) {
        if (!line.empty()) out += "  " + line + "\n";
      }
    }
    // A crosswalk written batch by batch must not outlive a stopped or failed cutover.
    if (fs::exists(dir / "out")) {
      for (const auto& entry : fs::directory_iterator(dir / "out")) {
        if (entry.path().extension() == ".part") {
          out += "left behind out/" + entry.path().filename().string() + "\n";
        }
      }
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
    crm::testing::RegisterCaseFolders(fs::path(CRM_SOURCE_DIR) / "tests/cases/cutover",
                                      "cutover", "[cutover][cases]", RunCase);
  }
} registrar;

}  // namespace
}  // namespace crm::loaders::testing
