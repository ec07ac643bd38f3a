// One CommandDef per subcommand, each defined in its own cmd_<name>.cpp.
#pragma once

#include "cli/command.h"

namespace crm::cli {

extern const CommandDef kInitCommand;
extern const CommandDef kPlanCommand;
extern const CommandDef kStageCommand;
extern const CommandDef kValidateCommand;
extern const CommandDef kCutoverCommand;
extern const CommandDef kReportCommand;
extern const CommandDef kRunCommand;
extern const CommandDef kStatusCommand;
extern const CommandDef kRollbackCommand;
extern const CommandDef kNoteCommand;
extern const CommandDef kPurgeCommand;
extern const CommandDef kSpecReferenceCommand;

}  // namespace crm::cli
