#include "cli/commands_list.h"

namespace crm::cli {
namespace {

void AddOptions(po::options_description& options) {
  options.add_options()
      ("subset", po::value<std::string>()->value_name("NAME"), "validate only the members of this subset")
      ("only", po::value<std::string>()->value_name("PART"), "run only this part: rules, identity, or one rule name")
      ("show-pii", po::bool_switch(), "show raw values of PII fields in samples (journaled)");
}

}  // namespace

const CommandDef kValidateCommand = UnavailablePhase(
    "validate",
    "run the quality rules and identity resolution; exit 1 when a blocking rule fails",
    Needs::kStagingWrite, "[SPEC]", AddOptions);

}  // namespace crm::cli
