#include "cli/prepare.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <iostream>
#include <sstream>

#include "cli/result_text.h"
#include "core/db/lock.h"
#include "core/db/staging_schema.h"
#include "reports/report.h"

namespace crm::cli {
namespace {

// The command's own options as a JSON object, for _runs.options (what the run was asked to do).
std::string OptionsJson(const po::variables_map& options) {
  Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
  for (const auto& [name, value] : options) {
    if (name == "args" || name == "help" || value.defaulted()) continue;
    const boost::any& any = value.value();
    if (const auto* s = boost::any_cast<std::string>(&any)) {
      object.set(name, *s);
    } else if (const auto* b = boost::any_cast<bool>(&any)) {
      object.set(name, *b);
    } else if (const auto* l = boost::any_cast<long>(&any)) {
      object.set(name, static_cast<Poco::Int64>(*l));
    } else if (const auto* v = boost::any_cast<std::vector<std::string>>(&any)) {
      Poco::JSON::Array array;
      for (const std::string& item : *v) array.add(item);
      object.set(name, array);
    }
  }
  std::ostringstream out;
  object.stringify(out);
  return out.str();
}

std::string_view OutcomeFor(int exit_code) {
  if (exit_code == 0) return db::kOutcomeOk;
  if (exit_code == 1) return db::kOutcomeGateFailed;
  return db::kOutcomeFailed;
}

void PrintResult(const Invocation& invocation, const db::PhaseResult& result) {
  if (invocation.global.format == "json") {
    std::cout << db::RenderPhaseResultJson(result) << std::flush;
  } else {
    std::cout << RenderPhaseResultText(result) << std::flush;
  }
}

}  // namespace

int RunJournaledPhase(const CommandDef& command, Invocation& invocation) {
  db::Journal& journal = *invocation.journal;
  db::RunStart start;
  start.command = std::string(command.name);
  start.spec_path = invocation.spec->path;
  start.spec_sha256 = invocation.spec->sha256;
  start.options_json = OptionsJson(invocation.options);
  if (invocation.options.count("subset")) {
    start.subset = invocation.options["subset"].as<std::string>();
  }
  db::PhaseResult result;
  result.command = start.command;
  result.run_id = journal.BeginRun(start);
  invocation.run_id = result.run_id;
  invocation.result = &result;
  try {
    result.exit_code = command.run(invocation);
    result.outcome = std::string(OutcomeFor(result.exit_code));
  } catch (const Error& e) {
    // The run is journaled as failed with its exit code; the error itself is printed by main.
    // When the staging database is what failed, the journal cannot be written either: the
    // original error is the one to report, and the run stays "running" in the journal.
    invocation.result = nullptr;
    try {
      journal.FinishRun(*result.run_id, db::kOutcomeFailed, e.exit_code(), result.counts);
    } catch (const Error&) {
    }
    throw;
  }
  journal.FinishRun(*result.run_id, result.outcome, result.exit_code, result.counts);
  invocation.result = nullptr;
  // The run's own page (plan, quality, cutover) and the index, from the journal just written. A
  // page that cannot be written does not undo the phase: `crm-migrate report` renders it again.
  try {
    reports::RenderRunReport(*invocation.spec, journal, *result.run_id, {});
  } catch (const Error& e) {
    invocation.progress->Note(std::string("warning: report page not written: ") + e.what());
  }
  PrintResult(invocation, result);
  return result.exit_code;
}

int RunPrepared(const CommandDef& command, Invocation& invocation) {
  if (command.needs == Needs::kNothing) return command.run(invocation);

  spec::Spec spec = spec::LoadSpec(invocation.global.spec_path);
  invocation.spec = &spec;
  if (command.needs == Needs::kSpec) return command.run(invocation);

  db::SchemaStatus schema;
  std::unique_ptr<db::Database> staging =
      db::OpenStaging(spec.staging_url, spec.base_dir,
                      db::ConnectOptions{.create = command.needs != Needs::kStagingRead}, &schema);
  for (const std::string& change : schema.changes) {
    invocation.progress->Note("staging " + staging->masked_url() + ": " + change);
  }
  db::Journal journal(*staging);
  invocation.staging = staging.get();
  invocation.journal = &journal;
  if (command.needs == Needs::kStagingRead || command.needs == Needs::kStagingAppend) {
    return command.run(invocation);
  }

  db::WriterLock lock(*staging, db::LockOptions{std::string(command.name),
                                                invocation.global.break_lock});
  if (!lock.takeover_message().empty()) {
    invocation.progress->Note("warning: " + lock.takeover_message());
  }
  int exit_code = RunJournaledPhase(command, invocation);
  lock.Release();
  return exit_code;
}

}  // namespace crm::cli
