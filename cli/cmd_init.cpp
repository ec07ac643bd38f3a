#include "cli/commands_list.h"

namespace crm::cli {
namespace {

void AddOptions(po::options_description& options) {
  options.add_options()
      ("source", po::value<std::vector<std::string>>()->composing(),
       "NAME=PATH_OR_URL: a source to inventory and map (repeat for each source)");
}

}  // namespace

const CommandDef kInitCommand = UnavailablePhase(
    "init",
    "scaffold a migration folder with a draft spec from the sources",
    Needs::kNothing, "DIR", AddOptions);

}  // namespace crm::cli
