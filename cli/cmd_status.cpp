#include <iostream>

#include "cli/commands_list.h"
#include "core/db/status.h"

namespace crm::cli {
namespace {

void AddOptions(po::options_description& options) {
  options.add_options()
      ("limit", po::value<int>()->default_value(20)->value_name("N"), "show the newest N runs (0: all)");
}

int Run(Invocation& invocation) {
  db::StatusView status = db::ReadStatus(*invocation.journal, invocation.options["limit"].as<int>());
  std::cout << (invocation.global.format == "json" ? db::RenderStatusJson(status)
                                                   : db::RenderStatusText(status));
  return 0;
}

}  // namespace

const CommandDef kStatusCommand = {
    .name = "status",
    .summary = "show the journal: which phase ran when, with which spec, and its outcome",
    .needs = Needs::kStagingRead,
    .positional = "[SPEC]",
    .add_options = AddOptions,
    .run = Run,
};

}  // namespace crm::cli
