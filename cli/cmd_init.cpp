#include "cli/commands_list.h"

namespace crm::cli {
namespace {

void AddOptions(po::options_description& options) {
  options.add_options()
      ("source", po::value<std::vector<std::string>>()->composing()->value_name("NAME=PATH"),
       "a source to inventory and map: a file path or database URL (repeatable)");
}

}  // namespace

const CommandDef kInitCommand = UnavailablePhase(
    "init",
    "scaffold a migration folder with a draft spec from the sources",
    Needs::kNothing, "DIR", AddOptions);

}  // namespace crm::cli
