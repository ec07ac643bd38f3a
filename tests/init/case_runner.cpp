// Data-driven init cases: every folder under tests/cases/init/ is one Catch2 test. A folder holds
// its source files, `args.txt` (`source NAME=FILE` a line, FILE relative to the folder, and
// optionally `region CC` and `sample N`) and `expected.txt`: the draft as the spec loader reads it
// back (sources, entities, every field mapping) followed by the draft's evidence comments, or
// `error <category>: <message>` when init must refuse. Folder paths in messages read `<case>`.
// Set CRM_UPDATE_EXPECTED=1 to rewrite expected.txt (then review the diff).
#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>

#include "core/common/error.h"
#include "core/common/text.h"
#include "core/spec/spec.h"
#include "planner/init/init.h"
#include "tests/init/init_support.h"
#include "tests/support/case_folders.h"

namespace fs = std::filesystem;

namespace crm::plan::init {
namespace {

const fs::path kCasesDir = fs::path(CRM_SOURCE_DIR) / "tests/cases/init";

std::string ReplaceAll(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); !from.empty() && at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

InitOptions ReadArgs(const fs::path& dir) {
  InitOptions options;
  std::istringstream in(crm::testing::ReadFile(dir / "args.txt"));
  std::string line;
  while (std::getline(in, line)) {
    std::string_view l = TrimView(line);
    if (l.empty() || l[0] == '#') continue;
    size_t space = l.find(' ');
    std::string key(l.substr(0, space));
    std::string value(space == std::string_view::npos ? "" : TrimView(l.substr(space + 1)));
    if (key == "source") {
      SourceArg arg = ParseSourceArg(value);
      arg.location = (dir / arg.location).string();
      options.sources.push_back(arg);
    } else if (key == "region") {
      options.default_region = value;
    } else if (key == "sample") {
      options.sample_rows = std::stoul(value);
    } else {
      FAIL("unknown key '" << key << "' in " << (dir / "args.txt"));
    }
  }
  return options;
}

// The lines of the draft that carry evidence: confidence, entity choice, unmapped columns.
std::string EvidenceComments(const std::string& yaml) {
  std::string out;
  std::istringstream in(yaml);
  std::string line;
  while (std::getline(in, line)) {
    std::string_view l = TrimView(line);
    if (StartsWith(l, "# confidence") || StartsWith(l, "# not mapped") ||
        StartsWith(l, "# the name") || StartsWith(l, "# it has") || StartsWith(l, "# its column") ||
        StartsWith(l, "# neither") || StartsWith(l, "# no column")) {
      out += std::string(l) + "\n";
    }
  }
  return out;
}

void RunCase(const fs::path& dir) {
  testing::ScratchDir scratch;
  InitOptions options = ReadArgs(dir);
  options.dir = (scratch.path() / "draft").string();
  std::string actual;
  try {
    RunInit(options);
    const std::string spec_path = options.dir + "/migration.yaml";
    spec::Spec spec = spec::LoadSpec(spec_path);
    actual = testing::RenderMappings(spec) + "--\n" +
             EvidenceComments(crm::testing::ReadFile(spec_path));
  } catch (const Error& e) {
    actual = std::string("error ") + CategoryName(e.category()) + ": " + e.what() + "\n";
    CHECK_FALSE(fs::exists(options.dir + "/migration.yaml"));
  }
  actual = ReplaceAll(actual, scratch.path().string(), "<scratch>");
  actual = ReplaceAll(actual, dir.string(), "<case>");
  crm::testing::CheckExpected(dir, actual);
}

struct Registrar {
  Registrar() { crm::testing::RegisterCaseFolders(kCasesDir, "init", "[init][cases]", RunCase); }
} registrar;

}  // namespace
}  // namespace crm::plan::init
