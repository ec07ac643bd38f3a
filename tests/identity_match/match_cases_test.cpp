// Data-driven matching cases: every folder under tests/cases/identity_match/ is one test.
//   migration.yaml   the spec (staging: sqlite:work/staging.db), with a match on its entities
//   input files      whatever its sources name
//   decisions.txt    optional review decisions, one a line: `accept|reject SOURCE/KEY SOURCE/KEY`
//   expected.txt     per matched entity the rendered Resolution (match_render.h); a spec error
//                    or an error of a step as `error <category>: <message>`
// The folder is copied to a scratch directory first. CRM_UPDATE_EXPECTED=1 rewrites
// expected.txt (then read the diff).
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "core/common/error.h"
#include "core/common/text.h"
#include "core/db/journal.h"
#include "core/db/staging_schema.h"
#include "identity/match/resolution.h"
#include "staging/stage.h"
#include "tests/identity_match/match_render.h"
#include "tests/support/case_folders.h"

namespace fs = std::filesystem;

namespace crm::identity::testing {
namespace {

RecordKey ParseRecord(const std::string& text) {
  const size_t slash = text.find('/');
  REQUIRE(slash != std::string::npos);
  return {text.substr(0, slash), text.substr(slash + 1)};
}

std::vector<ReviewDecision> ReadDecisions(const fs::path& dir) {
  std::vector<ReviewDecision> decisions;
  if (!fs::exists(dir / "decisions.txt")) return decisions;
  for (const std::string& line : Split(crm::testing::ReadFile(dir / "decisions.txt"), '\n')) {
    const std::vector<std::string> words = Split(std::string(TrimView(line)), ' ');
    if (words.size() != 3) continue;
    REQUIRE((words[0] == "accept" || words[0] == "reject"));
    decisions.push_back({ParseRecord(words[1]), ParseRecord(words[2]), words[0] == "accept"});
  }
  return decisions;
}

std::string RenderCase(const fs::path& dir) {
  std::string out;
  try {
    const spec::Spec spec = spec::LoadSpec((dir / "migration.yaml").string());
    auto staging = db::OpenStaging(spec.staging_url, spec.base_dir);
    db::Journal journal(*staging);
    staging::StageOptions options;
    options.run_id = journal.BeginRun({.command = "stage"});
    const staging::StageResult staged =
        staging::RunStage(spec, *staging, journal, options, QuietProgress());
    journal.FinishRun(options.run_id, db::kOutcomeOk, 0, {});
    const std::vector<ReviewDecision> decisions = ReadDecisions(dir);
    for (const spec::Entity* entity : spec.EntitiesInLoadOrder()) {
      if (!entity->match) continue;
      out += "entity " + entity->name + "\n";
      out += RenderResolution(
          ResolveEntity(*staging, *entity, staged.load_id, decisions, QuietProgress()));
    }
  } catch (const Error& e) {
    out += std::string("error ") + CategoryName(e.category()) + ": " + e.what() + "\n";
  }
  return out;
}

void RunCase(const fs::path& case_dir) {
  const fs::path dir = fs::temp_directory_path() / ("crm_match_" + case_dir.filename().string() +
                                                    "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(case_dir, dir, fs::copy_options::recursive);
  std::string actual = RenderCase(dir);
  for (size_t at; (at = actual.find(dir.string())) != std::string::npos;) {
    actual.replace(at, dir.string().size(), "<dir>");
  }
  fs::remove_all(dir);
  crm::testing::CheckExpected(case_dir, actual);
}

struct Registrar {
  Registrar() {
    crm::testing::RegisterCaseFolders(fs::path(CRM_SOURCE_DIR) / "tests/cases/identity_match",
                                      "identity match case", "[identity][case]", &RunCase);
  }
};
const Registrar registrar;

}  // namespace
}  // namespace crm::identity::testing
