#include "cli/commands_list.h"

namespace crm::cli {
namespace {

void AddOptions(po::options_description& options) {
  options.add_options()
      ("dry-run", po::bool_switch(), "do everything inside transactions that are rolled back")
      ("resume", po::bool_switch(), "continue an interrupted cutover from its checkpoints")
      ("retry-rejects", po::bool_switch(), "re-try only the rows rejected by the last cutover")
      ("create-target", po::bool_switch(), "create the target tables from the spec")
      ("confirm-truncate", po::bool_switch(), "allow mode truncate-insert to empty the target")
      ("force", po::bool_switch(), "start although the validation gate is closed (needs --reason)")
      ("reason", po::value<std::string>()->value_name("TEXT"), "why the gate is overridden (journaled)");
}

}  // namespace

const CommandDef kCutoverCommand = UnavailablePhase(
    "cutover",
    "load the golden records into the target: batched, idempotent, resumable",
    Needs::kStagingWrite, "[SPEC]", AddOptions);

}  // namespace crm::cli
