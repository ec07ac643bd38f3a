#include "cli/commands_list.h"

namespace crm::cli {
namespace {

void AddOptions(po::options_description& options) {
  options.add_options()
      ("source", po::value<std::vector<std::string>>()->composing(),
       "NAME=PATH_OR_URL: a source to inventory and map (repeat for each source)");
}

}  // namespace

// Arrives with its own issue; until then main.cpp answers with exit 2 and a plain message.
const CommandDef kInitCommand = {
    .name = "init",
    .summary = "scaffold a migration folder with a draft spec from the sources",
    .needs = Needs::kNothing,
    .positional = "DIR",
    .add_options = AddOptions,
    .run = nullptr,
    .available = false,
};

}  // namespace crm::cli
