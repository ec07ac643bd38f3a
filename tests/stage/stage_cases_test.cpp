// Data-driven stage cases: every folder under tests/cases/stage/ is one Catch2 test, run through
// RunStage end to end (landing, shaping, funnel, gate, promotion). The folder is copied to a
// scratch directory, where the spec's relative paths (staging: sqlite:work/staging.db) resolve:
//   migration.yaml  the spec
//   input files     whatever its sources name
//   steps.txt       optional, one step a line (default: `stage`):
//                     stage [subset NAME] [force] [sources A,B]   a journaled stage run
//                     copy FROM TO                                replace a file of the copy
//                     state                                       render the staging state now
//   expected.txt    each step's outcome (load, promoted, landing per source, funnel, gate
//                   failures, warnings), then the final state: _loads, stg_* rows, _rejects.
// Every stage's funnel is checked in the runner (stage_render.h: CheckReconciliation), whatever
// expected.txt says. CRM_UPDATE_CASES=1 rewrites expected.txt (then read the diff).
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <list>
#include <sstream>

#include "core/common/error.h"
#include "core/common/text.h"
#include "core/db/journal.h"
#include "core/db/staging_schema.h"
#include "tests/stage/stage_render.h"

namespace fs = std::filesystem;

namespace crm::staging::testing {
namespace {

const fs::path kCasesDir = fs::path(CRM_SOURCE_DIR) / "tests/cases/stage";

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<std::string> Steps(const fs::path& dir) {
  std::vector<std::string> steps;
  if (!fs::exists(dir / "steps.txt")) return {"stage"};
  for (const std::string& line : Split(ReadFile(dir / "steps.txt"), '\n')) {
    if (!TrimView(line).empty()) steps.emplace_back(TrimView(line));
  }
  return steps;
}

// One `stage ...` step: a journaled run, as the CLI does it (cli/prepare.cpp).
std::string RunStageStep(const std::vector<std::string>& words, const spec::Spec& spec,
                         db::Database& staging, db::Journal& journal) {
  StageOptions options;
  for (size_t i = 1; i < words.size(); ++i) {
    if (words[i] == "force") {
      options.force = true;
    } else if (words[i] == "subset" && i + 1 < words.size()) {
      options.subset = words[++i];
    } else if (words[i] == "sources" && i + 1 < words.size()) {
      options.sources = Split(words[++i], ',');
    } else {
      FAIL("unknown stage option '" << words[i] << "'");
    }
  }
  options.run_id = journal.BeginRun({.command = "stage", .subset = options.subset});
  std::string out;
  try {
    StageResult result = RunStage(spec, staging, journal, options, SilentProgress());
    const bool ok = result.gate_failures.empty();
    journal.FinishRun(options.run_id, ok ? db::kOutcomeOk : db::kOutcomeGateFailed, ok ? 0 : 1,
                      {});
    out += RenderStageResult(result);
    CheckReconciliation(staging, result, options.run_id);
  } catch (const Error& e) {
    journal.FinishRun(options.run_id, db::kOutcomeFailed, e.exit_code(), {});
    out += std::string("  error ") + CategoryName(e.category()) + ": " + e.what() + "\n";
  }
  return out;
}

std::string RenderCase(const fs::path& case_dir) {
  const fs::path dir = fs::temp_directory_path() / ("crm_stage_" + case_dir.filename().string() +
                                                    "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(case_dir, dir, fs::copy_options::recursive);
  fs::remove(dir / "expected.txt");
  std::string out;
  try {
    const spec::Spec spec = spec::LoadSpec((dir / "migration.yaml").string());
    auto staging = db::OpenStaging(spec.staging_url, spec.base_dir);
    db::Journal journal(*staging);
    for (const std::string& step : Steps(dir)) {
      const std::vector<std::string> words = Split(step, ' ');
      out += step + "\n";
      if (words.at(0) == "copy") {
        fs::copy_file(dir / words.at(1), dir / words.at(2), fs::copy_options::overwrite_existing);
      } else if (words[0] == "target") {  // target SCRIPT.sql: runs the script on the target
        auto target = db::Database::Connect(spec.target_url, spec.base_dir);
        for (const std::string& statement : Split(ReadFile(dir / words.at(1)), ';')) {
          if (!TrimView(statement).empty()) target->Execute(statement);
        }
      } else if (words[0] == "state") {
        out += RenderStagingState(*staging, spec);
      } else if (words[0] == "stage") {
        out += RunStageStep(words, spec, *staging, journal);
      } else {
        FAIL("unknown step '" << step << "'");
      }
    }
    out += "final state\n" + RenderStagingState(*staging, spec);
  } catch (const Error& e) {
    out += std::string("error ") + CategoryName(e.category()) + ": " + e.what() + "\n";
  }
  for (size_t at; (at = out.find(dir.string())) != std::string::npos;) {
    out.replace(at, dir.string().size(), "<dir>");
  }
  fs::remove_all(dir);
  return out;
}

class StageCase : public Catch::ITestInvoker {
 public:
  explicit StageCase(fs::path folder) : folder_(std::move(folder)) {}

  void invoke() const override {
    const std::string actual = RenderCase(folder_);
    if (std::getenv("CRM_UPDATE_CASES") != nullptr) {
      std::ofstream(folder_ / "expected.txt", std::ios::binary) << actual;
    }
    CHECK(actual == ReadFile(folder_ / "expected.txt"));
  }

 private:
  fs::path folder_;
};

// Registers every case folder as its own test, so ctest lists and runs them one by one.
struct Registrar {
  Registrar() {
    std::vector<fs::path> folders;
    for (const auto& entry : fs::directory_iterator(kCasesDir)) {
      if (entry.is_directory()) folders.push_back(entry.path());
    }
    std::sort(folders.begin(), folders.end());
    for (const fs::path& folder : folders) {
      names_.push_back("stage case: " + folder.filename().string());
      Catch::AutoReg(new StageCase(folder), CATCH_INTERNAL_LINEINFO, "",
                     Catch::NameAndTags{names_.back(), "[stage][case]"});
    }
  }
  std::list<std::string> names_;  // stable storage for the names Catch refers to
};
const Registrar registrar;

}  // namespace
}  // namespace crm::staging::testing
