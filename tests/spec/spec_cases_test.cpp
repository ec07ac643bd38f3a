// Data-driven spec cases: every folder under tests/cases/spec/ is one Catch2 test.
//   migration.yaml       the spec
//   expected.txt         the exact diagnostics, one a line (a bad spec), or
//   expected_model.txt   DescribeSpec of the parsed model (a valid spec)
//   env.txt              optional NAME=value lines: the only environment the case sees
#include <algorithm>
#include <catch2/catch.hpp>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/common/error.h"
#include "core/spec/spec.h"

namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::string TrimTrailingNewlines(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

crm::spec::EnvLookup EnvOf(const fs::path& dir) {
  std::map<std::string, std::string> vars;
  std::istringstream lines(ReadFile(dir / "env.txt"));
  for (std::string line; std::getline(lines, line);) {
    size_t eq = line.find('=');
    if (eq != std::string::npos) vars[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

void RunCase(const fs::path& dir) {
  const std::string yaml = ReadFile(dir / "migration.yaml");
  const crm::spec::EnvLookup env = EnvOf(dir);
  const std::vector<crm::spec::Diagnostic> diagnostics =
      crm::spec::CheckSpec(yaml, "migration.yaml", env);
  const std::string actual = crm::spec::JoinDiagnostics(diagnostics);
  if (fs::exists(dir / "expected.txt")) {
    REQUIRE_FALSE(diagnostics.empty());
    CHECK(actual == TrimTrailingNewlines(ReadFile(dir / "expected.txt")));
    // The same text is what ParseSpec throws, as a spec error (exit 2).
    try {
      crm::spec::ParseSpec(yaml, "migration.yaml", env);
      FAIL("ParseSpec accepted a bad spec");
    } catch (const crm::Error& e) {
      CHECK(e.category() == crm::ErrorCategory::kSpec);
      CHECK(std::string(e.what()) == actual);
    }
  } else {
    INFO(actual);
    REQUIRE(diagnostics.empty());
    crm::spec::Spec spec = crm::spec::ParseSpec(yaml, "migration.yaml", env);
    spec.sha256.clear();  // the model text must not change with every edit of the file
    CHECK(crm::spec::DescribeSpec(spec) ==
          TrimTrailingNewlines(ReadFile(dir / "expected_model.txt")) + "\n");
  }
}

std::vector<fs::path> CaseDirs() {
  std::vector<fs::path> dirs;
  for (const auto& entry : fs::directory_iterator(fs::path(CRM_SOURCE_DIR) / "tests/cases/spec")) {
    if (entry.is_directory() && fs::exists(entry.path() / "migration.yaml")) {
      dirs.push_back(entry.path());
    }
  }
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

class CaseInvoker : public Catch::ITestInvoker {
 public:
  explicit CaseInvoker(fs::path dir) : dir_(std::move(dir)) {}
  void invoke() const override { RunCase(dir_); }

 private:
  fs::path dir_;
};

// Registers one test per case folder before main runs, so ctest lists each by name.
const bool kRegistered = [] {
  static std::deque<std::string> names;  // Catch keeps references to the names
  for (const fs::path& dir : CaseDirs()) {
    names.push_back("spec case: " + dir.filename().string());
    Catch::AutoReg(new CaseInvoker(dir), CATCH_INTERNAL_LINEINFO, Catch::StringRef(),
                   Catch::NameAndTags{names.back(), "[spec][cases]"});
  }
  return true;
}();

}  // namespace
