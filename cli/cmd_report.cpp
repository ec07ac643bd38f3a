#include "cli/commands_list.h"

namespace crm::cli {
namespace {

void AddOptions(po::options_description& options) {
  options.add_options()
      ("out", po::value<std::string>()->value_name("DIR"), "folder for the HTML and JSON reports (default: spec folder/reports)")
      ("show-pii", po::bool_switch(), "show raw values of PII fields (journaled)");
}

}  // namespace

const CommandDef kReportCommand = UnavailablePhase(
    "report",
    "render the lessons-learned close-out and every phase report",
    Needs::kStagingRead, "[SPEC]", AddOptions);

}  // namespace crm::cli
