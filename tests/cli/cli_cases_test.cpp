// Each folder tests/cases/cli/<name>/ is one end-to-end case:
//   cmd              a shell script run by /bin/sh in a fresh copy of the folder, with $CRM set
//                    to the crm-migrate binary and $SAMPLE to samples/acme (read only);
//   expected_exit    the exit code of the script (its last command's);
//   expected_stdout, expected_stderr   (optional) the exact output after normalisation:
//                    ISO-8601 times become <time>, 64-hex digests <sha256>, 12-hex prefixes
//                    <sha12>, "pid N" <pid>, the temporary folder <dir>, measured figures (the
//                    plan's estimate, report page sizes) <measured>/<n>.
// Set CRM_UPDATE_CASES=1 to write the expected files from the current output (then read them!).
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <list>
#include <regex>
#include <sstream>

namespace fs = std::filesystem;

namespace {

const fs::path kCases = fs::path(CRM_SOURCE_DIR) / "tests/cases/cli";

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteFile(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::string Normalise(std::string text, const std::string& dir) {
  for (size_t at = text.find(dir); at != std::string::npos; at = text.find(dir, at)) {
    text.replace(at, dir.size(), "<dir>");
  }
  static const std::vector<std::pair<std::regex, std::string>> kRules = {
      {std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z)"), "<time>"},
      // A stale rule's cutoff is counted back from today.
      {std::regex(R"(\(before \d{4}-\d\d-\d\d\))"), "(before <date>)"},
      {std::regex(R"(\b[0-9a-f]{64}\b)"), "<sha256>"},
      {std::regex(R"(\b[0-9a-f]{12}\b)"), "<sha12>"},
      {std::regex(R"(pid \d+)"), "pid <pid>"},
      {std::regex(R"("pid":\d+)"), "\"pid\":<pid>"},
      {std::regex(R"("host":"[^"]*")"), "\"host\":<host>"},
      {std::regex(R"(on host [A-Za-z0-9_.-]+)"), "on host <host>"},
      // Measured on the machine: the plan's estimate and the report pages' sizes (which carry
      // durations).
      {std::regex(R"(estimate: [^"\n]*)"), "estimate: <measured>"},
      {std::regex(R"((html|json)_bytes(":|=)\d+)"), "$1_bytes$2<n>"},
  };
  for (const auto& [pattern, replacement] : kRules) {
    text = std::regex_replace(text, pattern, replacement);
  }
  return text;
}

class CliCase : public Catch::ITestInvoker {
 public:
  explicit CliCase(fs::path folder) : folder_(std::move(folder)) {}

  void invoke() const override {
    fs::path work = fs::temp_directory_path() /
                    ("crm-cli-" + folder_.filename().string() + "-" + std::to_string(getpid()));
    fs::remove_all(work);
    fs::copy(folder_, work, fs::copy_options::recursive);
    std::string command = "cd '" + work.string() + "' && CRM='" + CRM_BINARY + "' SAMPLE='" +
                          CRM_SOURCE_DIR + "/samples/acme' /bin/sh ./cmd >stdout.txt 2>stderr.txt";
    int status = std::system(command.c_str());
    REQUIRE(WIFEXITED(status));
    int exit_code = WEXITSTATUS(status);
    std::string out = Normalise(ReadFile(work / "stdout.txt"), work.string());
    std::string err = Normalise(ReadFile(work / "stderr.txt"), work.string());

    if (std::getenv("CRM_UPDATE_CASES")) {
      WriteFile(folder_ / "expected_exit", std::to_string(exit_code) + "\n");
      WriteFile(folder_ / "expected_stdout", out);
      WriteFile(folder_ / "expected_stderr", err);
    }
    INFO("case " << folder_.filename().string() << "\nstdout:\n" << out << "\nstderr:\n" << err);
    CHECK(exit_code == std::stoi(ReadFile(folder_ / "expected_exit")));
    if (fs::exists(folder_ / "expected_stdout")) CHECK(out == ReadFile(folder_ / "expected_stdout"));
    if (fs::exists(folder_ / "expected_stderr")) CHECK(err == ReadFile(folder_ / "expected_stderr"));
    fs::remove_all(work);
  }

 private:
  fs::path folder_;
};

// Registers every case folder as its own test, so ctest lists and runs them one by one.
struct Registrar {
  Registrar() {
    std::vector<fs::path> folders;
    for (const auto& entry : fs::directory_iterator(kCases)) {
      if (entry.is_directory()) folders.push_back(entry.path());
    }
    std::sort(folders.begin(), folders.end());
    for (const fs::path& folder : folders) {
      names_.push_back("cli case: " + folder.filename().string());
      Catch::AutoReg(new CliCase(folder), CATCH_INTERNAL_LINEINFO, "",
                     Catch::NameAndTags{names_.back(), "[cli][e2e]"});
    }
  }
  std::list<std::string> names_;  // stable storage for the names Catch refers to
};
const Registrar registrar;

}  // namespace
