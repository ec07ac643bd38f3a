#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <sstream>

#include "cli/commands_list.h"
#include "core/db/gate.h"
#include "loaders/cutover.h"

namespace crm::cli {
namespace {

void AddOptions(po::options_description& options) {
  options.add_options()
      ("dry-run", po::bool_switch(), "do everything inside transactions that are rolled back")
      ("resume", po::bool_switch(), "continue an interrupted cutover from its checkpoints")
      ("retry-rejects", po::bool_switch(), "re-try only the rows rejected by the last cutover")
      ("create-target", po::bool_switch(), "create the target tables from the spec")
      ("confirm-truncate", po::bool_switch(), "allow mode truncate-insert to empty the target")
      ("force", po::bool_switch(), "start although the validation gate is closed (needs --reason)")
      ("reason", po::value<std::string>()->value_name("TEXT"), "why the gate is overridden (journaled)");
}

bool Flag(const Invocation& invocation, const char* name) {
  return invocation.options.count(name) && invocation.options[name].as<bool>();
}

Poco::JSON::Array Strings(const std::vector<std::string>& items) {
  Poco::JSON::Array array;
  for (const std::string& item : items) array.add(item);
  return array;
}

std::string Details(const loaders::CutoverResult& cutover) {
  Poco::JSON::Object details(Poco::JSON_PRESERVE_KEY_ORDER);
  details.set("cutover_id", cutover.cutover_id);
  details.set("dry_run", cutover.dry_run);
  details.set("target", cutover.target);
  details.set("crosswalk", cutover.crosswalk);
  Poco::JSON::Array entities;
  for (const loaders::EntityOutcome& e : cutover.entities) {
    Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
    o.set("entity", e.entity);
    o.set("table", e.table);
    o.set("staged", e.staged);
    o.set("golden", e.golden);
    o.set("merged", e.merged);
    o.set("inserted", e.inserted);
    o.set("updated", e.updated);
    o.set("unchanged", e.unchanged);
    o.set("rejected", e.rejected);
    o.set("skipped", e.skipped);
    o.set("unresolved_references", e.unresolved);
    o.set("links_inserted", e.links_inserted);
    o.set("target_rows", e.target_rows);
    o.set("checksum_loaded", e.checksum_loaded);
    o.set("checksum_target", e.checksum_target);
    o.set("differences", Strings(e.differences));
    o.set("failures", Strings(e.failures));
    entities.add(o);
  }
  details.set("entities", entities);
  details.set("notes", Strings(cutover.notes));
  details.set("gate_failures", Strings(cutover.gate_failures));
  std::ostringstream out;
  details.stringify(out);
  return out.str();
}

// The gate: a full validate that passed on the current load with the current spec.
void CheckGate(Invocation& invocation, bool dry_run) {
  db::GateOverride force{Flag(invocation, "force"),
                         invocation.options.count("reason")
                             ? invocation.options["reason"].as<std::string>()
                             : std::string()};
  db::PhaseResult& result = *invocation.result;
  if (dry_run) {
    // A dry run commits nothing: it may show the full picture before the gate opens.
    std::string refusal = db::CutoverGateRefusal(*invocation.journal, invocation.spec->sha256);
    if (!refusal.empty()) result.messages.push_back({"warning", "gate", refusal});
    return;
  }
  db::GateDecision decision =
      db::CheckCutoverGate(*invocation.journal, invocation.spec->sha256, force, invocation.run_id);
  if (decision.overridden) {
    result.messages.push_back({"warning", "gate_override",
                               "cutover gate overridden with --force: " + decision.refusal});
  }
}

int Run(Invocation& invocation) {
  loaders::CutoverOptions options;
  options.run_id = *invocation.run_id;
  options.dry_run = Flag(invocation, "dry-run");
  options.resume = Flag(invocation, "resume");
  options.retry_rejects = Flag(invocation, "retry-rejects");
  options.create_target = Flag(invocation, "create-target");
  options.confirm_truncate = Flag(invocation, "confirm-truncate");
  CheckGate(invocation, options.dry_run);

  loaders::CutoverResult cutover = loaders::RunCutover(
      *invocation.spec, *invocation.staging, *invocation.journal, options, *invocation.progress);

  db::PhaseResult& result = *invocation.result;
  int64_t staged = 0, golden = 0, inserted = 0, updated = 0, unchanged = 0, rejected = 0,
          skipped = 0, unresolved = 0, links = 0, target_rows = 0;
  for (const loaders::EntityOutcome& e : cutover.entities) {
    staged += e.staged;
    golden += e.golden;
    inserted += e.inserted;
    updated += e.updated;
    unchanged += e.unchanged;
    rejected += e.rejected;
    skipped += e.skipped;
    unresolved += e.unresolved;
    links += e.links_inserted;
    target_rows += e.target_rows;
  }
  const bool dry = cutover.dry_run;
  result.counts = {{"staged", staged},
                   {"golden", golden},
                   {dry ? "would_insert" : "inserted", inserted},
                   {dry ? "would_update" : "updated", updated},
                   {"unchanged", unchanged},
                   {dry ? "would_fail" : "rejected", rejected},
                   {"skipped", skipped},
                   {"unresolved_references", unresolved},
                   {dry ? "would_link" : "links_inserted", links},
                   {"target_rows", target_rows}};
  for (const std::string& note : cutover.notes) result.messages.push_back({"info", "note", note});
  for (const loaders::EntityOutcome& e : cutover.entities) {
    result.messages.push_back(
        {"info", "funnel",
         e.entity + " -> " + e.table + ": staged " + std::to_string(e.staged) + ", golden " +
             std::to_string(e.golden) + " = " + (dry ? "would insert " : "inserted ") +
             std::to_string(e.inserted) + " + " + (dry ? "would update " : "updated ") +
             std::to_string(e.updated) + " + unchanged " + std::to_string(e.unchanged) + " + " +
             (dry ? "would fail " : "rejected ") + std::to_string(e.rejected) + " + skipped " +
             std::to_string(e.skipped) + "; in the target " + std::to_string(e.target_rows) +
             (e.checksum_target.empty()
                  ? std::string()
                  : ", checksum " + e.checksum_target +
                        (e.checksum_target == e.checksum_loaded ? " (matches)"
                                                                : " (loaded " +
                                                                      e.checksum_loaded + ")"))});
    for (const std::string& f : e.failures) {
      result.messages.push_back({dry ? "warning" : "error", dry ? "would_fail" : "rejected",
                                 e.entity + " " + f});
    }
    for (const std::string& d : e.differences) {
      result.messages.push_back({"warning", "difference", e.entity + " " + d});
    }
  }
  for (const std::string& w : cutover.warnings) result.messages.push_back({"warning", "", w});
  if (!cutover.crosswalk.empty()) {
    result.messages.push_back({"info", "crosswalk", "crosswalk written to " + cutover.crosswalk});
  }
  for (const std::string& g : cutover.gate_failures) {
    result.messages.push_back({"error", "max_errors", g});
  }
  result.details_json = Details(cutover);
  return cutover.gate_failures.empty() ? 0 : 1;
}

}  // namespace

const CommandDef kCutoverCommand = {
    .name = "cutover",
    .summary = "load the golden records into the target: batched, idempotent, resumable",
    .needs = Needs::kStagingWrite,
    .positional = "[SPEC]",
    .add_options = AddOptions,
    .run = Run,
};

}  // namespace crm::cli
