#include <sstream>

#include "cli/command.h"
#include "cli/commands_list.h"

namespace crm::cli {

const std::vector<CommandDef>& Commands() {
  // The runbook's order: what a team runs, top to bottom.
  static const std::vector<CommandDef> commands = {
      kInitCommand,     kPlanCommand,   kStageCommand,  kValidateCommand,
      kCutoverCommand,  kReportCommand, kRunCommand,    kStatusCommand,
      kRollbackCommand, kNoteCommand,   kPurgeCommand,  kSpecReferenceCommand,
  };
  return commands;
}

const CommandDef* FindCommand(std::string_view name) {
  for (const CommandDef& command : Commands()) {
    if (command.name == name) return &command;
  }
  return nullptr;
}

std::string RenderGlobalHelp() {
  std::ostringstream out;
  out << "crm-migrate " << CRM_VERSION
      << " - move customer data into a new CRM, phase by phase\n\n"
         "Usage: crm-migrate <command> [options] [SPEC]\n\n"
         "Commands:\n";
  for (const CommandDef& command : Commands()) {
    std::string name(command.name);
    name.resize(std::max<size_t>(name.size(), 17), ' ');
    out << "  " << name << command.summary << "\n";
  }
  out << "\nGlobal options (every command):\n"
         "  -c, --spec FILE   the migration spec (default: migration.yaml in the current folder;\n"
         "                    a single positional SPEC argument does the same)\n"
         "  --format FORMAT   text (default) or json: json prints the command's result on stdout\n"
         "  -q, --quiet       no progress or notes on stderr (errors are still printed)\n"
         "  --break-lock      take over the staging database's writer lock from a process\n"
         "                    that is gone (a lock of a live process is never taken)\n"
         "  -h, --help        this help, or a command's help after its name\n"
         "  --version         print the version\n\n"
         "Exit codes: 0 done, 1 a gate or blocking finding, 2 usage or spec error,\n"
         "            3 a source, staging or target could not be reached, 4 internal error.\n"
         "Run 'crm-migrate <command> --help' for a command's options.\n";
  return out.str();
}

std::string RenderCommandHelp(const CommandDef& command) {
  std::ostringstream out;
  out << "Usage: crm-migrate " << command.name << " [options]";
  if (!command.positional.empty()) out << " " << command.positional;
  out << "\n\n" << command.summary << ".\n";
  po::options_description options("Options", 100, 50);
  if (command.add_options) command.add_options(options);
  if (!options.options().empty()) out << "\n" << options;
  out << "\nGlobal options: -c/--spec FILE, --format text|json, -q/--quiet, --break-lock, "
         "-h/--help\n(see 'crm-migrate --help').\n";
  return out.str();
}

}  // namespace crm::cli
