#include "cli/commands_list.h"

namespace crm::cli {
namespace {

void AddOptions(po::options_description& options) {
  options.add_options()
      ("sample-rows", po::value<long>()->default_value(100000)->value_name("N"),
       "rows of each source read to profile expensive checks and measure throughput");
}

}  // namespace

const CommandDef kPlanCommand = UnavailablePhase(
    "plan",
    "inventory and profile the sources, check the mapping, count the scope, estimate",
    Needs::kStagingWrite, "[SPEC]", AddOptions);

}  // namespace crm::cli
