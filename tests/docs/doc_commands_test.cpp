// Every command of MIGRATION.md, run as the runbook says, must give the exit code its annotation
// promises (tests/docs/doc_commands.h has the annotation grammar). How it runs: an empty folder
// gets a copy of samples/acme as samples/acme (without the state a run left in work/, out/ and
// reports/), the build's crm-migrate goes first on the PATH, and each command runs there with
// /bin/sh, in the order of the text; the first code that differs fails the test.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "tests/docs/doc_commands.h"

namespace fs = std::filesystem;
using crm::docs::DocCommand;
using crm::docs::ExtractDocCommands;

namespace {

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string Tail(const std::string& text, size_t size) {
  return text.size() <= size ? text : "…" + text.substr(text.size() - size);
}

// Removes a folder when the test ends, passed or failed.
struct RemoveAtEnd {
  fs::path path;
  ~RemoveAtEnd() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

// Appends rather than `"'" + text`, which GCC 12 at -O3 misreads as an overflow (-Warray-bounds).
std::string Quote(const fs::path& path) {
  std::string quoted = "'";
  quoted += path.string();
  quoted += "'";
  return quoted;
}

}  // namespace

TEST_CASE("doc commands: annotated lines of sh blocks, in order", "[docs]") {
  const std::string doc =
      "text\n"
      "```sh\n"
      "# a comment\n"
      "\n"
      "crm-migrate stage s.yaml   # exit 0: staged 26\n"
      "crm-migrate cutover s.yaml \\\n"
      "  --dry-run   # exit 1\n"
      "psql -c 'SELECT 1'   # exit 0, skipped by the doc test: needs a PostgreSQL server\n"
      "```\n"
      "```yaml\n"
      "target: sqlite:work/crm.db\n"
      "```\n";
  std::vector<std::string> errors;
  std::vector<DocCommand> commands = ExtractDocCommands(doc, &errors);
  CHECK(errors.empty());
  REQUIRE(commands.size() == 3);
  CHECK(commands[0].line == 5);
  CHECK(commands[0].command == "crm-migrate stage s.yaml");
  CHECK(commands[0].exit_code == 0);
  CHECK(commands[0].skip_reason.empty());
  CHECK(commands[1].line == 7);
  CHECK(commands[1].command == "crm-migrate cutover s.yaml --dry-run");
  CHECK(commands[1].exit_code == 1);
  CHECK(commands[2].command == "psql -c 'SELECT 1'");
  CHECK(commands[2].skip_reason == "needs a PostgreSQL server");
}

TEST_CASE("doc commands: a command without its exit code is an error", "[docs]") {
  std::vector<std::string> errors;
  std::vector<DocCommand> commands =
      ExtractDocCommands("```sh\ncrm-migrate stage s.yaml\nls   # exit 0\n```\n```sh\nls   # exit 0\n",
                         &errors);
  CHECK(commands.size() == 2);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0] == "line 2: a command without its `# exit N` annotation: crm-migrate stage s.yaml");
  CHECK(errors[1] == "line 5: a fenced block is never closed");
}

TEST_CASE("every command of MIGRATION.md gives the exit code it is annotated with", "[docs]") {
  std::vector<std::string> errors;
  const std::vector<DocCommand> commands =
      ExtractDocCommands(ReadFile(fs::path(CRM_SOURCE_DIR) / "MIGRATION.md"), &errors);
  REQUIRE(errors == std::vector<std::string>{});
  REQUIRE(!commands.empty());

  const fs::path base = fs::temp_directory_path() / ("crm-doc-" + std::to_string(getpid()));
  const fs::path root = base / "root";  // the folder the runbook's commands run in
  const fs::path io = base / "io";      // each command's script and output, outside it
  fs::remove_all(base);
  const RemoveAtEnd cleanup{base};
  fs::create_directories(root / "samples");
  fs::create_directories(io);
  fs::copy(fs::path(CRM_SOURCE_DIR) / "samples/acme", root / "samples/acme",
           fs::copy_options::recursive);
  for (const char* state : {"work", "out", "reports"}) fs::remove_all(root / "samples/acme" / state);
  const fs::path bin_dir = fs::path(CRM_BINARY).parent_path();

  int ran = 0;
  std::vector<std::string> skipped;
  for (const DocCommand& command : commands) {
    if (!command.skip_reason.empty()) {
      skipped.push_back("line " + std::to_string(command.line) + ": " + command.skip_reason);
      continue;
    }
    std::ofstream(io / "cmd.sh", std::ios::binary) << command.command << "\n";
    const std::string shell = "cd " + Quote(root) + " && PATH=" + Quote(bin_dir) +
                              ":\"$PATH\" /bin/sh " + Quote(io / "cmd.sh") + " >" +
                              Quote(io / "stdout") + " 2>" + Quote(io / "stderr") + " </dev/null";
    const int status = std::system(shell.c_str());
    REQUIRE(WIFEXITED(status));
    ++ran;
    INFO("MIGRATION.md line " << command.line << ": " << command.command << "\nstdout:\n"
                              << Tail(ReadFile(io / "stdout"), 2000) << "\nstderr:\n"
                              << Tail(ReadFile(io / "stderr"), 2000));
    REQUIRE(WEXITSTATUS(status) == command.exit_code);
  }
  std::cout << "MIGRATION.md: " << ran << " commands ran with the exit code of their annotation, "
            << skipped.size() << " skipped\n";
  for (const std::string& skip : skipped) std::cout << "  skipped " << skip << "\n";
}
