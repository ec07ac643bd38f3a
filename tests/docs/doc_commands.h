// The commands of a Markdown runbook with the exit codes the text promises for them.
//
// Every line of a ```sh fenced block is one command (a line ending in `\` continues on the next;
// lines starting with `#` are comments) and must end with its annotation:
//   crm-migrate stage spec.yaml   # exit 0: what it prints
//   crm-migrate plan spec.yaml    # exit 0, skipped by the doc test: why it cannot run here
// Blocks of other languages (```yaml, ```text, ...) are not commands.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace crm::docs {

struct DocCommand {
  int line = 0;             // 1-based line of the Markdown file where the annotation stands
  std::string command;      // the shell text, without the annotation
  int exit_code = 0;        // the exit code the text promises
  std::string skip_reason;  // not empty: the doc test does not run it, for this reason
};

// The annotated commands of `markdown` in order. A command line without a valid annotation, or
// a ```sh block left open, appends "line N: ..." to `errors` and yields no command.
std::vector<DocCommand> ExtractDocCommands(std::string_view markdown,
                                           std::vector<std::string>* errors);

}  // namespace crm::docs
