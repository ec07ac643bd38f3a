#include "cli/commands_list.h"

namespace crm::cli {
namespace {

void AddOptions(po::options_description& options) {
  options.add_options()
      ("yes", po::bool_switch(), "confirm: the erased data cannot be brought back");
}

}  // namespace

const CommandDef kPurgeCommand = UnavailablePhase(
    "purge",
    "erase personal data from staging after sign-off; keep journal, counts, reports",
    Needs::kStagingWrite, "[SPEC]", AddOptions);

}  // namespace crm::cli
