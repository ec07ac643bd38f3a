#include "cli/commands_list.h"

namespace crm::cli {
namespace {

void AddOptions(po::options_description& options) {
  options.add_options()
      ("subset", po::value<std::string>(), "stage only the members of this subset of the spec")
      ("source", po::value<std::vector<std::string>>()->composing(),
       "stage only this source (repeatable); the others keep their current load");
}

}  // namespace

// Arrives with its own issue; until then main.cpp answers with exit 2 and a plain message.
const CommandDef kStageCommand = {
    .name = "stage",
    .summary = "land the sources raw and shape them into canonical staging tables",
    .needs = Needs::kStagingWrite,
    .positional = "[SPEC]",
    .add_options = AddOptions,
    .run = nullptr,
    .available = false,
};

}  // namespace crm::cli
