#include "tests/docs/doc_commands.h"

#include <regex>

namespace crm::docs {
namespace {

std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::string Trim(const std::string& text) {
  size_t first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  size_t last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

// The first `# exit N` preceded by white space ends the command; what follows N is either a
// skip (", skipped by the doc test: REASON") or free text for the reader.
bool ParseAnnotated(const std::string& text, DocCommand* out) {
  static const std::regex kAnnotated(R"(^(.*?)\s+#\s*exit\s+(\d+)\b(.*)$)");
  static const std::regex kSkip(R"(^,\s*skipped by the doc test:\s*(\S.*)$)");
  std::smatch match;
  if (!std::regex_match(text, match, kAnnotated)) return false;
  out->command = Trim(match[1].str());
  out->exit_code = std::stoi(match[2].str());
  std::smatch skip;
  const std::string rest = match[3].str();
  if (std::regex_match(rest, skip, kSkip)) out->skip_reason = Trim(skip[1].str());
  return !out->command.empty();
}

}  // namespace

std::vector<DocCommand> ExtractDocCommands(std::string_view markdown,
                                           std::vector<std::string>* errors) {
  std::vector<DocCommand> commands;
  const std::vector<std::string> lines = SplitLines(markdown);
  bool in_fence = false;
  bool in_sh = false;
  int fence_line = 0;
  std::string pending;  // a command continued with a trailing backslash
  for (size_t i = 0; i < lines.size(); ++i) {
    const int number = static_cast<int>(i) + 1;
    const std::string line = Trim(lines[i]);
    if (line.rfind("```", 0) == 0) {
      if (!in_fence) {
        in_fence = true;
        in_sh = line == "```sh";
        fence_line = number;
      } else {
        if (!pending.empty()) {
          errors->push_back("line " + std::to_string(number) + ": the block ends inside a command");
          pending.clear();
        }
        in_fence = in_sh = false;
      }
      continue;
    }
    if (!in_sh) continue;
    if (pending.empty() && (line.empty() || line[0] == '#')) continue;
    if (!line.empty() && line.back() == '\\') {
      pending += Trim(line.substr(0, line.size() - 1)) + " ";
      continue;
    }
    const std::string text = pending + line;
    pending.clear();
    DocCommand command;
    command.line = number;
    if (ParseAnnotated(text, &command)) {
      commands.push_back(std::move(command));
    } else {
      errors->push_back("line " + std::to_string(number) +
                        ": a command without its `# exit N` annotation: " + text);
    }
  }
  if (in_fence) {
    errors->push_back("line " + std::to_string(fence_line) + ": a fenced block is never closed");
  }
  return commands;
}

}  // namespace crm::docs
