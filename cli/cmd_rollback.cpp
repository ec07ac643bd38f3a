#include "cli/commands_list.h"

namespace crm::cli {
namespace {

void AddOptions(po::options_description& options) {
  options.add_options()
      ("run", po::value<long>()->required(), "the id of the cutover run to undo (see status)");
}

}  // namespace

// Arrives with its own issue; until then main.cpp answers with exit 2 and a plain message.
const CommandDef kRollbackCommand = {
    .name = "rollback",
    .summary = "undo a cutover run: delete what it inserted, restore what it updated",
    .needs = Needs::kStagingWrite,
    .positional = "[SPEC]",
    .add_options = AddOptions,
    .run = nullptr,
    .available = false,
};

}  // namespace crm::cli
