// The CLI is a table of subcommands (Ninja's style): each entry says what it is called, what it
// does, what state it needs, its own options, and the function that runs it. main.cpp parses the
// global options, finds the entry, parses its options, prepares what it needs and calls it once.
// Boost.Program_options lives only in cli/.
#pragma once

#include <boost/program_options.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/progress.h"
#include "core/db/database.h"
#include "core/db/journal.h"
#include "core/db/phase_result.h"
#include "core/spec/spec.h"

namespace crm::cli {

namespace po = boost::program_options;

// What a command needs before it runs; main.cpp provides it (ordered: each includes the former).
enum class Needs {
  kNothing,       // runs without a spec (init, help)
  kSpec,          // a parsed, valid spec
  kStagingRead,   // the staging database opened (and its schema checked); must exist already
  kStagingAppend, // the staging database opened or created, no lock: one appended row (note)
  kStagingWrite,  // the staging database with the writer lock held for the whole command
};

struct GlobalOptions {
  std::string spec_path = "migration.yaml";  // -c/--spec, or the one positional SPEC
  std::string format = "text";               // --format text|json: json prints the result on stdout
  bool quiet = false;                        // --quiet: no progress, no notes on stderr
  bool break_lock = false;                   // --break-lock: take a stale writer lock
};

// What a command's function receives.
struct Invocation {
  std::string command;             // the subcommand name as typed
  GlobalOptions global;
  po::variables_map options;       // the command's own options
  std::vector<std::string> args;   // positional arguments left after SPEC was taken (if any)
  Progress* progress = nullptr;    // human output; never null

  // Provided according to the command's Needs (null otherwise).
  const spec::Spec* spec = nullptr;       // kSpec and above
  db::Database* staging = nullptr;        // kStagingRead and above
  db::Journal* journal = nullptr;         // kStagingRead and above
  // kStagingWrite: the journaled run of this command and its result, which the command fills
  // (counts, messages, details) and main prints as text or JSON.
  std::optional<int64_t> run_id;
  db::PhaseResult* result = nullptr;
};

struct CommandDef {
  std::string_view name;
  std::string_view summary;  // one line for `crm-migrate --help`
  Needs needs;
  // Positional arguments: "SPEC" means an optional spec path; other names are documented in help.
  std::string_view positional;
  void (*add_options)(po::options_description& options);
  // Runs the command; returns the exit code (0 done, 1 gate). Errors are thrown as crm::Error.
  int (*run)(Invocation& invocation);
};

const std::vector<CommandDef>& Commands();
const CommandDef* FindCommand(std::string_view name);

// Help texts, printed by main.cpp and tested.
std::string RenderGlobalHelp();
std::string RenderCommandHelp(const CommandDef& command);

}  // namespace crm::cli
