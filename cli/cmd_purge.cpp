#include "cli/commands_list.h"

namespace crm::cli {
namespace {

void AddOptions(po::options_description& options) {
  options.add_options()
      ("yes", po::bool_switch(), "confirm: the erased data cannot be brought back");
}

}  // namespace

// Arrives with its own issue; until then main.cpp answers with exit 2 and a plain message.
const CommandDef kPurgeCommand = {
    .name = "purge",
    .summary = "erase personal data from staging after sign-off; keep journal, counts, reports",
    .needs = Needs::kStagingWrite,
    .positional = "[SPEC]",
    .add_options = AddOptions,
    .run = nullptr,
    .available = false,
};

}  // namespace crm::cli
