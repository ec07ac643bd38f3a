#include "cli/commands_list.h"

namespace crm::cli {
namespace {

void AddOptions(po::options_description& options) {
  options.add_options()
      ("out", po::value<std::string>(), "folder for the HTML and JSON reports (default: spec folder/reports)")
      ("show-pii", po::bool_switch(), "show raw values of PII fields (journaled)");
}

}  // namespace

// Arrives with its own issue; until then main.cpp answers with exit 2 and a plain message.
const CommandDef kReportCommand = {
    .name = "report",
    .summary = "render the lessons-learned close-out and every phase report",
    .needs = Needs::kStagingRead,
    .positional = "[SPEC]",
    .add_options = AddOptions,
    .run = nullptr,
    .available = false,
};

}  // namespace crm::cli
