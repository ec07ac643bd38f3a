#include "cli/commands_list.h"

namespace crm::cli {
namespace {

void AddOptions(po::options_description& options) {
  options.add_options()
      ("subset", po::value<std::string>()->value_name("NAME"), "stage only the members of this subset of the spec")
      ("source", po::value<std::vector<std::string>>()->composing()->value_name("NAME"),
       "stage only this source (repeatable); the others keep their current load");
}

}  // namespace

const CommandDef kStageCommand = UnavailablePhase(
    "stage",
    "land the sources raw and shape them into canonical staging tables",
    Needs::kStagingWrite, "[SPEC]", AddOptions);

}  // namespace crm::cli
