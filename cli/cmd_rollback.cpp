#include "cli/commands_list.h"

namespace crm::cli {
namespace {

void AddOptions(po::options_description& options) {
  options.add_options()
      ("run", po::value<long>()->required()->value_name("ID"), "the id of the cutover run to undo (see status)");
}

}  // namespace

const CommandDef kRollbackCommand = UnavailablePhase(
    "rollback",
    "undo a cutover run: delete what it inserted, restore what it updated",
    Needs::kStagingWrite, "[SPEC]", AddOptions);

}  // namespace crm::cli
