// Data-driven shaping cases: every folder under tests/cases/shaping/ is one Catch2 test. A folder
// holds `migration.yaml`, `raw.txt` (raw rows per source, see shaping_fixture.h), an optional
// `options.txt` (`subset = NAME`, `env = VAR=value`, `bucket = 1` to render _crm_bucket) and
// `expected.txt`: the stg rows, the rejects, the funnel and warnings, or the error. Each case runs
// with two worker threads and with none, which must render the same. Set CRM_UPDATE_EXPECTED=1 to
// rewrite expected.txt (then review the diff).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/common/error.h"
#include "tests/support/case_folders.h"
#include "core/common/progress.h"
#include "core/common/text.h"
#include "tests/shaping/shaping_fixture.h"

namespace fs = std::filesystem;
using crm::testing::CheckExpected;
using crm::testing::ReadFile;
using crm::testing::RegisterCaseFolders;

namespace {

const fs::path kCasesDir = fs::path(CRM_SOURCE_DIR) / "tests/cases/shaping";

std::map<std::string, std::string> ReadOptions(const fs::path& dir) {
  std::map<std::string, std::string> options;
  std::istringstream in(ReadFile(dir / "options.txt"));
  std::string line;
  while (std::getline(in, line)) {
    size_t eq = line.find('=');
    if (eq == std::string::npos) continue;
    options[std::string(crm::TrimView(line.substr(0, eq)))] =
        std::string(crm::TrimView(line.substr(eq + 1)));
  }
  return options;
}

std::string RenderCase(const fs::path& dir, int threads) {
  auto options = ReadOptions(dir);
  std::map<std::string, std::string> env;
  if (options.count("env")) {
    const std::string& e = options["env"];
    env[e.substr(0, e.find('='))] = e.substr(e.find('=') + 1);
  }
  std::string out;
  try {
    crm::spec::Spec spec = crm::spec::LoadSpec((dir / "migration.yaml").string());
    auto s = crm::testing::OpenShapingDb(dir.filename().string() + std::to_string(threads));
    int64_t load = crm::testing::LandRawText(s, ReadFile(dir / "raw.txt"), options["subset"]);
    crm::staging::ShapeOptions shape;
    shape.run_id = s.run_id;
    shape.load_id = load;
    shape.threads = threads;
    shape.batch_rows = 2;  // several batches even for a few rows: exercises the reordering
    shape.env = [env](const std::string& name) -> std::optional<std::string> {
      auto it = env.find(name);
      if (it == env.end()) return std::nullopt;
      return it->second;
    };
    if (!options["subset"].empty()) shape.subset = spec.FindSubset(options["subset"]);
    crm::ProgressOptions po;
    po.style = crm::ProgressStyle::kQuiet;
    auto progress = crm::MakeProgress(po);
    std::string results;
    for (const crm::spec::Entity& e : spec.entities) {
      if (e.from.empty()) continue;
      results += crm::testing::RenderResult(
          crm::staging::ShapeEntity(spec, e, *s.db, *s.journal, shape, *progress));
    }
    out += crm::testing::RenderStaged(s, spec, load, options["bucket"] == "1");
    out += crm::testing::RenderRejects(s);
    out += results;
  } catch (const crm::Error& e) {
    std::string message = e.what();
    const std::string prefix = (dir / "").string();
    for (size_t at; (at = message.find(prefix)) != std::string::npos;) {
      message.erase(at, prefix.size());
    }
    out += std::string("error ") + crm::CategoryName(e.category()) + ": " + message + "\n";
  }
  return out;
}

void RunCase(const fs::path& dir) {
  const std::string actual = RenderCase(dir, 2);
  CheckExpected(dir, actual);
  CHECK(RenderCase(dir, 0) == actual);
}

struct CaseRegistrar {
  CaseRegistrar() { RegisterCaseFolders(kCasesDir, "shaping", "[shaping][case]", RunCase); }
};
const CaseRegistrar kRegistrar;

}  // namespace
