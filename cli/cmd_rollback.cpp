#include "cli/commands_list.h"
#include "loaders/cutover.h"

namespace crm::cli {
namespace {

void AddOptions(po::options_description& options) {
  options.add_options()
      ("run", po::value<long>()->required()->value_name("ID"), "the id of the cutover run to undo (see status)");
}

int Run(Invocation& invocation) {
  loaders::RollbackOptions options;
  options.run_id = *invocation.run_id;
  options.cutover_id = invocation.options["run"].as<long>();
  loaders::RollbackResult rollback = loaders::RunRollback(
      *invocation.spec, *invocation.staging, *invocation.journal, options, *invocation.progress);
  db::PhaseResult& result = *invocation.result;
  result.counts = {{"deleted", rollback.deleted},
                   {"restored", rollback.restored},
                   {"links_deleted", rollback.links_deleted},
                   {"verified", rollback.verified}};
  result.messages.push_back(
      {"info", "rollback",
       "cutover run " + std::to_string(options.cutover_id) + " undone: " +
           std::to_string(rollback.deleted) + " inserted row(s) deleted, " +
           std::to_string(rollback.restored) + " updated row(s) restored and verified by " +
           "checksum, " + std::to_string(rollback.links_deleted) + " link row(s) deleted"});
  return 0;
}

}  // namespace

const CommandDef kRollbackCommand = {
    .name = "rollback",
    .summary = "undo a cutover run: delete what it inserted, restore what it updated",
    .needs = Needs::kStagingWrite,
    .positional = "[SPEC]",
    .add_options = AddOptions,
    .run = Run,
};

}  // namespace crm::cli
