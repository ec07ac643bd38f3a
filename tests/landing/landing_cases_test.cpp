// Data-driven landing cases: every folder under tests/cases/landing/ is one Catch2 test. The
// folder is copied to a scratch directory (so steps may change its files) and holds:
//   migration.yaml  the spec; ${CASE_DIR} in a connection string is the scratch copy
//   setup.sql       optional: statements run into ${CASE_DIR}/source.db (a SQL source)
//   steps.txt       optional: `land <source> [force]` and `copy <from> <to>` a line; default:
//                   land every source once, in spec order
//   expected.txt    each step's result and decisions, then per source the raw rows with lineage,
//                   _source_columns and _rejects
// Staging is a fresh SQLite file in the scratch copy. CRM_UPDATE_EXPECTED=1 rewrites expected.txt.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/common/error.h"
#include "tests/support/case_folders.h"
#include "core/common/text.h"
#include "core/db/staging_schema.h"
#include "tests/landing/landing_harness.h"

namespace fs = std::filesystem;

namespace crm::staging::testing {
namespace {
using crm::testing::CheckExpected;
using crm::testing::ReadFile;
using crm::testing::RegisterCaseFolders;

const fs::path kCasesDir = fs::path(CRM_SOURCE_DIR) / "tests/cases/landing";

void ReplaceAll(std::string* text, const std::string& from, const std::string& to) {
  for (size_t at = 0; (at = text->find(from, at)) != std::string::npos; at += to.size()) {
    text->replace(at, from.size(), to);
  }
}

void RunSetupSql(const fs::path& dir) {
  if (!fs::exists(dir / "setup.sql")) return;
  auto db = db::Database::Connect("sqlite:" + (dir / "source.db").string(), "");
  for (const std::string& statement : Split(ReadFile(dir / "setup.sql"), ';')) {
    if (!TrimView(statement).empty()) db->Execute(statement);
  }
}

std::string RenderCase(const fs::path& source_dir) {
  const fs::path dir =
      fs::temp_directory_path() /
      ("crm_landing_" + source_dir.filename().string() + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(source_dir, dir, fs::copy_options::recursive);
  fs::remove(dir / "expected.txt");
  std::string out;
  try {
    RunSetupSql(dir);
    const spec::EnvLookup env = [&](const std::string& name) -> std::optional<std::string> {
      if (name == "CASE_DIR") return dir.string();
      return std::nullopt;
    };
    spec::Spec spec =
        spec::ParseSpec(ReadFile(dir / "migration.yaml"), (dir / "migration.yaml").string(), env);
    auto staging = db::OpenStaging("sqlite:" + (dir / "staging.db").string(), "");
    db::Journal journal(*staging);
    const int64_t run = journal.BeginRun({.command = "stage"});
    std::vector<std::string> steps;
    if (fs::exists(dir / "steps.txt")) {
      for (const std::string& line : Split(ReadFile(dir / "steps.txt"), '\n')) {
        if (!TrimView(line).empty()) steps.push_back(std::string(TrimView(line)));
      }
    } else {
      for (const spec::Source& source : spec.sources) steps.push_back("land " + source.name);
    }
    for (const std::string& step : steps) {
      const std::vector<std::string> words = Split(step, ' ');
      if (words.at(0) == "copy") {
        fs::copy_file(dir / words.at(1), dir / words.at(2), fs::copy_options::overwrite_existing);
        out += step + "\n";
        continue;
      }
      try {
        const bool force = words.size() > 2 && words[2] == "force";
        LandResult result = LandAsStage(spec, words.at(1), *staging, journal, run, force);
        const auto loads = staging->Guard("counting loads", [&] {
          long long n = 0;
          staging->session() << "SELECT MAX(id) FROM _loads", soci::into(n);
          return n;
        });
        out += DescribeResult(result, loads);
        for (const std::string& decision : result.decisions) out += "  decision " + decision + "\n";
      } catch (const Error& e) {
        out += std::string("error ") + CategoryName(e.category()) + ": " + e.what() + "\n";
      }
    }
    for (const spec::Source& source : spec.sources) out += RenderLanded(*staging, source.name);
  } catch (const Error& e) {
    out += std::string("error ") + CategoryName(e.category()) + ": " + e.what() + "\n";
  }
  ReplaceAll(&out, dir.string(), "${CASE_DIR}");
  fs::remove_all(dir);
  return out;
}

void RunCase(const fs::path& dir) {
  CheckExpected(dir, RenderCase(dir));
}

struct CaseRegistrar {
  CaseRegistrar() { RegisterCaseFolders(kCasesDir, "landing", "[landing][case]", RunCase); }
};
const CaseRegistrar kRegistrar;

}  // namespace
}  // namespace crm::staging::testing
