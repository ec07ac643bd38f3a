// Gives a command what its Needs say, runs it, and prints its result:
//   kSpec          parse and check the spec (every error at once, exit 2, before any database);
//   kStagingRead   open the staging database (creating or migrating its schema);
//   kStagingWrite  take the writer lock for the whole command, journal a run in _runs before the
//                  command starts and finish it with the outcome whatever happens, then print the
//                  PhaseResult (stdout: one JSON line with --format json, a summary otherwise).
#pragma once

#include "cli/command.h"

namespace crm::cli {

int RunPrepared(const CommandDef& command, Invocation& invocation);

// For `run`: runs one phase as its own journaled run on an already prepared staging database
// whose writer lock the caller holds. Returns the phase's exit code; errors propagate.
int RunJournaledPhase(const CommandDef& command, Invocation& invocation);

}  // namespace crm::cli
