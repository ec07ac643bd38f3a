// crm-migrate: parse the global options, find the subcommand in the table, prepare what it needs,
// run it, and map every error to the exit code contract (DESIGN.md) in exactly one place.
#include <cstdio>
#include <iostream>

#include "cli/command.h"
#include "cli/prepare.h"
#include "core/common/error.h"
#include "core/common/text.h"

namespace crm::cli {
namespace {

void AddGlobalOptions(po::options_description& options, GlobalOptions& global) {
  options.add_options()
      ("spec,c", po::value<std::string>(&global.spec_path), "the migration spec")
      ("format", po::value<std::string>(&global.format), "text or json")
      ("quiet,q", po::bool_switch(&global.quiet), "no progress output")
      ("break-lock", po::bool_switch(&global.break_lock), "take a stale writer lock")
      ("help,h", po::bool_switch(), "help")
      ("args", po::value<std::vector<std::string>>()->composing(), "positional arguments");
}

Error UsageError(std::string_view command, const std::string& message) {
  return Error(ErrorCategory::kUsage, "crm-migrate " + std::string(command) + ": " + message +
                                          "\nRun 'crm-migrate " + std::string(command) +
                                          " --help' for its options.");
}

std::vector<std::string> CommandNames() {
  std::vector<std::string> names;
  for (const CommandDef& c : Commands()) names.emplace_back(c.name);
  return names;
}

int Dispatch(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << RenderGlobalHelp();
    return 2;
  }
  std::string first = argv[1];
  if (first == "--help" || first == "-h" || first == "help") {
    std::cout << RenderGlobalHelp();
    return 0;
  }
  if (first == "--version") {
    std::cout << "crm-migrate " << CRM_VERSION << "\n";
    return 0;
  }
  const CommandDef* command = FindCommand(first);
  if (!command) {
    std::string message = "crm-migrate: unknown command '" + first + "'";
    std::string suggestion = ClosestMatch(first, CommandNames());
    if (!suggestion.empty()) message += " (did you mean '" + suggestion + "'?)";
    throw Error(ErrorCategory::kUsage, message + "\nRun 'crm-migrate --help' for the commands.");
  }

  Invocation invocation;
  invocation.command = first;
  po::options_description all;
  AddGlobalOptions(all, invocation.global);
  po::options_description own;
  if (command->add_options) command->add_options(own);
  all.add(own);
  po::positional_options_description positional;
  positional.add("args", -1);

  bool help = false;
  try {
    po::store(po::command_line_parser(argc - 1, argv + 1).options(all).positional(positional).run(),
              invocation.options);
    help = invocation.options["help"].as<bool>();
    if (!help) po::notify(invocation.options);
  } catch (const po::unknown_option& e) {
    std::vector<std::string> names;
    for (const auto& option : all.options()) names.push_back("--" + option->long_name());
    std::string message = e.what();
    std::string suggestion = ClosestMatch(e.get_option_name(), names);
    if (!suggestion.empty()) message += " (did you mean '" + suggestion + "'?)";
    throw UsageError(first, message);
  } catch (const po::error& e) {
    throw UsageError(first, e.what());
  }
  if (help) {
    std::cout << RenderCommandHelp(*command);
    return 0;
  }
  if (invocation.global.format != "text" && invocation.global.format != "json") {
    throw UsageError(first, "--format must be text or json, not '" + invocation.global.format + "'");
  }
  if (invocation.options.count("args")) {
    invocation.args = invocation.options["args"].as<std::vector<std::string>>();
  }
  if (command->positional == "[SPEC]") {
    if (invocation.args.size() > 1) throw UsageError(first, "expected at most one SPEC argument");
    if (invocation.args.size() == 1) {
      if (!invocation.options["spec"].defaulted() && invocation.options.count("spec")) {
        throw UsageError(first, "give the spec either with -c/--spec or as SPEC, not both");
      }
      invocation.global.spec_path = invocation.args.front();
      invocation.args.clear();
    }
  }

  ProgressOptions progress_options;
  progress_options.style = DetectProgressStyle(stderr, invocation.global.quiet);
  std::unique_ptr<Progress> progress = MakeProgress(progress_options);
  invocation.progress = progress.get();
  return RunPrepared(*command, invocation);
}

}  // namespace
}  // namespace crm::cli

int main(int argc, char** argv) {
  try {
    return crm::cli::Dispatch(argc, argv);
  } catch (const crm::Error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return e.exit_code();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "crm-migrate: internal error: %s\n", e.what());
    return 4;
  }
}
