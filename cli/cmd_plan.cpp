#include "cli/commands_list.h"

namespace crm::cli {
namespace {

void AddOptions(po::options_description& options) {
  options.add_options()
      ("sample-rows", po::value<long>()->default_value(100000),
       "rows of each source read to profile expensive checks and measure throughput");
}

}  // namespace

// Arrives with its own issue; until then main.cpp answers with exit 2 and a plain message.
const CommandDef kPlanCommand = {
    .name = "plan",
    .summary = "inventory and profile the sources, check the mapping, count the scope, estimate",
    .needs = Needs::kStagingWrite,
    .positional = "[SPEC]",
    .add_options = AddOptions,
    .run = nullptr,
    .available = false,
};

}  // namespace crm::cli
