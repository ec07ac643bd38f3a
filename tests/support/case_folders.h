// The data-driven suites' shared plumbing: every folder under a cases root is registered as its
// own Catch2 test, and a rendered result is compared with the folder's expected.txt (rewritten
// first when CRM_UPDATE_EXPECTED is set — then read the diff before committing it).
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace crm::testing {

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// CHECKs that `actual` equals `dir`/expected.txt.
inline void CheckExpected(const std::filesystem::path& dir, const std::string& actual) {
  if (std::getenv("CRM_UPDATE_EXPECTED") != nullptr) {
    std::ofstream(dir / "expected.txt", std::ios::binary) << actual;
  }
  CHECK(actual == ReadFile(dir / "expected.txt"));
}

// Registers "<prefix>/<folder>" with `tags` for every folder under `root`, in name order; each
// test calls `run` with its folder. Call it from a namespace-scope object's constructor.
inline void RegisterCaseFolders(const std::filesystem::path& root, const std::string& prefix,
                                const std::string& tags,
                                void (*run)(const std::filesystem::path& dir)) {
  class Invoker : public Catch::ITestInvoker {
   public:
    Invoker(void (*run)(const std::filesystem::path&), std::filesystem::path dir)
        : run_(run), dir_(std::move(dir)) {}
    void invoke() const override { run_(dir_); }

   private:
    void (*run_)(const std::filesystem::path&);
    std::filesystem::path dir_;
  };
  std::vector<std::filesystem::path> dirs;
  for (const auto& entry : std::filesystem::directory_iterator(root)) {
    if (entry.is_directory()) dirs.push_back(entry.path());
  }
  std::sort(dirs.begin(), dirs.end());
  for (const std::filesystem::path& dir : dirs) {
    Catch::AutoReg(new Invoker(run, dir), CATCH_INTERNAL_LINEINFO, "",
                   Catch::NameAndTags{prefix + "/" + dir.filename().string(), tags});
  }
}

}  // namespace crm::testing
