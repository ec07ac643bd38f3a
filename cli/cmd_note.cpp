#include <iostream>

#include "cli/commands_list.h"
#include "core/common/text.h"

namespace crm::cli {
namespace {

void AddOptions(po::options_description& options) {
  options.add_options()
      ("run", po::value<long>()->value_name("ID"), "attach the note to this run (see status)");
}

// A note is one appended row: it takes no writer lock, so a lesson can be written down while a
// long stage is still running.
int Run(Invocation& invocation) {
  if (invocation.args.size() != 1 || TrimView(invocation.args.front()).empty()) {
    throw Error(ErrorCategory::kUsage,
                "crm-migrate note: give the lesson as one quoted argument, e.g. crm-migrate note "
                "\"phones in legacy lack country codes\"");
  }
  std::optional<int64_t> run_id;
  if (invocation.options.count("run")) {
    run_id = invocation.options["run"].as<long>();
    if (!invocation.journal->GetRun(*run_id)) {
      throw Error(ErrorCategory::kUsage,
                  "crm-migrate note: there is no run " + std::to_string(*run_id) + " (see status)");
    }
  }
  int64_t id = invocation.journal->AddNote(invocation.args.front(), run_id);
  if (invocation.global.format == "json") {
    std::cout << "{\"note_id\":" << id << "}\n";
  } else {
    invocation.progress->Note("note " + std::to_string(id) + " added");
  }
  return 0;
}

}  // namespace

const CommandDef kNoteCommand = {
    .name = "note",
    .summary = "write down a lesson learned for the close-out report",
    .needs = Needs::kStagingAppend,
    .positional = "TEXT",
    .add_options = AddOptions,
    .run = Run,
};

}  // namespace crm::cli
