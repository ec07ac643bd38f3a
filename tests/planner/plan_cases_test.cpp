// Data-driven plan cases: every folder under tests/cases/plan/ is one Catch2 test, run through
// RunPlan end to end. The folder is copied to a scratch directory, where the spec's relative paths
// resolve:
//   migration.yaml  the spec
//   input files     whatever its sources name
//   options.txt     optional: `sample_rows N`
//   source.sql      optional: statements run first into a new SQLite file source.db (for sql
//                   sources)
//   expected.txt    the exit code, the rendered plan (plan_render.h) and, for PII columns, their
//                   top value and samples as plan.json shows them (masked).
// Whatever expected.txt says, the runner checks that the plan was stored in _plans for the run
// and that plan.json has exactly the contract's top-level keys. CRM_UPDATE_EXPECTED=1 rewrites
// expected.txt (then read the diff).
#include <unistd.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "core/common/error.h"
#include "core/common/progress.h"
#include "core/common/text.h"
#include "core/db/journal.h"
#include "core/db/staging_schema.h"
#include "tests/planner/plan_render.h"
#include "tests/support/case_folders.h"

namespace fs = std::filesystem;

namespace crm::plan::testing {
namespace {

class Silent : public Progress {
 public:
  void Begin(std::string_view, int64_t) override {}
  void Advance(int64_t) override {}
  void End() override {}
  void Note(std::string_view) override {}
};

PlanOptions OptionsOf(const fs::path& dir) {
  PlanOptions options;
  if (!fs::exists(dir / "options.txt")) return options;
  for (const std::string& line : Split(crm::testing::ReadFile(dir / "options.txt"), '\n')) {
    const std::vector<std::string> words = Split(std::string(TrimView(line)), ' ');
    if (words.size() == 2 && words[0] == "sample_rows") {
      options.sample_rows = std::stoll(words[1]);
    } else if (!TrimView(line).empty()) {
      FAIL("options.txt: unknown line '" << line << "'");
    }
  }
  return options;
}

std::string StoredPlan(db::Database& staging, int64_t run_id) {
  std::string json;
  soci::indicator ind = soci::i_null;
  long long id = run_id;
  staging.session() << "SELECT plan_json FROM _plans WHERE run_id = :r", soci::into(json, ind),
      soci::use(id);
  return ind == soci::i_ok ? json : std::string();
}

// The top-level keys of plan.json, and the masked values of its PII columns.
std::string RenderPlanFile(const std::string& path) {
  Poco::JSON::Parser parser;
  auto root = parser.parse(crm::testing::ReadFile(path)).extract<Poco::JSON::Object::Ptr>();
  std::string out = "plan.json keys";
  std::vector<std::string> names;
  root->getNames(names);  // sorted: the order is checked by the contract test in the renderer
  for (const std::string& k : names) out += " " + k;
  out += "\n";
  auto sources = root->getArray("sources");
  for (size_t i = 0; i < sources->size(); ++i) {
    auto source = sources->getObject(static_cast<unsigned>(i));
    auto columns = source->getArray("columns");
    for (size_t j = 0; j < columns->size(); ++j) {
      auto column = columns->getObject(static_cast<unsigned>(j));
      if (!column->getValue<bool>("pii")) continue;
      out += "plan.json " + source->getValue<std::string>("name") + "." +
             column->getValue<std::string>("name") + ":";
      auto top = column->getArray("top");
      if (top->size() > 0) {
        out += " top " + top->getObject(0)->getValue<std::string>("value");
      }
      auto samples = column->getArray("samples");
      for (size_t k = 0; k < samples->size(); ++k) {
        out += " sample " + samples->getElement<std::string>(static_cast<unsigned>(k));
      }
      out += "\n";
    }
  }
  return out;
}

std::string RenderCase(const fs::path& case_dir) {
  const fs::path dir = fs::temp_directory_path() /
                       ("crm_plan_" + case_dir.filename().string() + "_" +
                        std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(case_dir, dir, fs::copy_options::recursive);
  fs::remove(dir / "expected.txt");
  std::string out;
  try {
    if (fs::exists(dir / "source.sql")) {
      auto source = db::Database::Connect("sqlite:source.db", dir.string());
      for (const std::string& statement :
           Split(crm::testing::ReadFile(dir / "source.sql"), ';')) {
        if (!TrimView(statement).empty()) source->Execute(statement);
      }
    }
    const spec::Spec spec = spec::LoadSpec((dir / "migration.yaml").string());
    auto staging = db::OpenStaging(spec.staging_url, spec.base_dir);
    db::Journal journal(*staging);
    PlanOptions options = OptionsOf(dir);
    options.run_id = journal.BeginRun({.command = "plan"});
    Silent progress;
    try {
      const PlanResult result = RunPlan(spec, *staging, options, progress);
      journal.FinishRun(options.run_id, db::kOutcomeOk, result.blocking ? 1 : 0, {});
      out += std::string("exit ") + (result.blocking ? "1" : "0") + "\n";
      out += RenderPlanText(result);
      CHECK(StoredPlan(*staging, options.run_id) == result.plan_json);
      CHECK(result.json_path == (dir / "reports" / "plan.json").string());
      out += RenderPlanFile(result.json_path);
    } catch (const Error& e) {
      journal.FinishRun(options.run_id, db::kOutcomeFailed, e.exit_code(), {});
      CHECK(StoredPlan(*staging, options.run_id).empty());
      out += "exit " + std::to_string(e.exit_code()) + "\n" + CategoryName(e.category()) +
             " error: " + e.what() + "\n";
    }
  } catch (const Error& e) {
    out += "exit " + std::to_string(e.exit_code()) + "\n" + CategoryName(e.category()) +
           " error: " + e.what() + "\n";
  }
  for (size_t at; (at = out.find(dir.string())) != std::string::npos;) {
    out.replace(at, dir.string().size(), "<dir>");
  }
  fs::remove_all(dir);
  return out;
}

void RunCase(const fs::path& dir) { crm::testing::CheckExpected(dir, RenderCase(dir)); }

const struct Registrar {
  Registrar() {
    crm::testing::RegisterCaseFolders(fs::path(CRM_SOURCE_DIR) / "tests/cases/plan", "plan case",
                                      "[plan][case]", RunCase);
  }
} registrar;

}  // namespace
}  // namespace crm::plan::testing
