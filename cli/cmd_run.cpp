#include "cli/commands_list.h"
#include "cli/prepare.h"

namespace crm::cli {
namespace {

struct Step {
  std::string_view command;
  std::vector<std::string> args;  // the phase's own options, as typed on a command line
};

// The runbook in order: plan; a pilot on a subset (stage + validate) when the spec has one; the
// full stage and validate; cutover; the close-out report.
std::vector<Step> Steps(const spec::Spec& spec) {
  std::vector<Step> steps = {{"plan", {}}};
  const spec::Subset* pilot = spec.FindSubset("pilot");
  if (!pilot && !spec.subsets.empty()) pilot = &spec.subsets.front();
  if (pilot) {
    steps.push_back({"stage", {"--subset", pilot->name}});
    steps.push_back({"validate", {"--subset", pilot->name}});
  }
  steps.push_back({"stage", {}});
  steps.push_back({"validate", {}});
  steps.push_back({"cutover", {}});
  steps.push_back({"report", {}});
  return steps;
}

std::string Describe(const Step& step) {
  std::string text(step.command);
  for (const std::string& arg : step.args) text += " " + arg;
  return text;
}

int Run(Invocation& invocation) {
  db::PhaseResult& result = *invocation.result;
  int64_t ran = 0;
  for (const Step& step : Steps(*invocation.spec)) {
    const CommandDef* command = FindCommand(step.command);
    Invocation phase = invocation;
    phase.command = std::string(step.command);
    phase.options = po::variables_map();
    po::options_description options;
    if (command->add_options) command->add_options(options);
    po::store(po::command_line_parser(step.args).options(options).run(), phase.options);
    po::notify(phase.options);
    invocation.progress->Note("== crm-migrate " + Describe(step));
    ++ran;
    int exit_code = RunJournaledPhase(*command, phase);
    if (exit_code != 0) {
      result.counts = {{"phases_run", ran}};
      result.messages.push_back({"error", "gate", Describe(step) + " stopped the run (exit " +
                                                      std::to_string(exit_code) + ")"});
      return exit_code;
    }
  }
  result.counts = {{"phases_run", ran}};
  return 0;
}

}  // namespace

const CommandDef kRunCommand = {
    .name = "run",
    .summary = "run every phase in order, stopping at the first failed gate",
    .needs = Needs::kStagingWrite,
    .positional = "[SPEC]",
    .add_options = nullptr,
    .run = Run,
};

}  // namespace crm::cli
