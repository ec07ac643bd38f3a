#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <sstream>

#include "cli/commands_list.h"
#include "core/common/text.h"
#include "reports/purge/purge.h"

namespace crm::cli {
namespace {

void AddOptions(po::options_description& options) {
  options.add_options()
      ("yes", po::bool_switch(), "erase (it cannot be undone); without it, only list what would be erased")
      ("force", po::bool_switch(), "purge although no cutover has loaded the data (needs --reason)")
      ("reason", po::value<std::string>()->value_name("TEXT"), "why the purge gate is overridden (journaled)");
}

bool Flag(const Invocation& invocation, const char* name) {
  return invocation.options.count(name) && invocation.options[name].as<bool>();
}

std::string TableText(const purge::TableErasure& t) {
  return t.table + ": " + std::to_string(t.values) + " values in " + Join(t.columns, ", ") + " (" +
         t.what + "; " + std::to_string(t.rows) + " rows kept)";
}

std::string DetailsJson(const purge::PurgePlan& plan, bool erased) {
  Poco::JSON::Object details(Poco::JSON_PRESERVE_KEY_ORDER);
  details.set("erased", erased);
  Poco::JSON::Array tables;
  for (const purge::TableErasure& t : plan.tables) {
    Poco::JSON::Object table(Poco::JSON_PRESERVE_KEY_ORDER);
    table.set("table", t.table);
    table.set("what", t.what);
    Poco::JSON::Array columns;
    for (const std::string& column : t.columns) columns.add(column);
    table.set("columns", columns);
    table.set("rows", static_cast<Poco::Int64>(t.rows));
    table.set("values", static_cast<Poco::Int64>(t.values));
    tables.add(table);
  }
  details.set("tables", tables);
  std::ostringstream out;
  details.stringify(out);
  return out.str();
}

// Without --yes the purge is a dry run that lists what it would erase and exits 1: erasing is
// never the default. With --yes it checks the gate, erases and compacts.
int Run(Invocation& invocation) {
  db::PhaseResult& result = *invocation.result;
  const bool confirmed = Flag(invocation, "yes");
  purge::PurgePlan plan = purge::PlanPurge(*invocation.staging, *invocation.spec);
  for (const purge::TableErasure& t : plan.tables) {
    result.messages.push_back({"info", "table", TableText(t)});
  }
  for (const std::string& warning : plan.warnings) {
    result.messages.push_back({"warning", "kept", warning});
  }
  result.counts = {{"tables", static_cast<int64_t>(plan.tables.size())},
                   {"rows_kept", plan.rows()},
                   {"values_erased", confirmed ? plan.values() : 0}};
  result.details_json = DetailsJson(plan, confirmed);
  if (!confirmed) {
    const std::string refusal = purge::PurgeGateRefusal(*invocation.journal);
    if (!refusal.empty()) result.messages.push_back({"warning", "gate", refusal});
    result.messages.push_back(
        {"error", "not_confirmed",
         "nothing erased: this was a dry run; run `crm-migrate purge --yes` to erase these " +
             std::to_string(plan.values()) + " values (the journal, the counts and the reports "
                                             "stay)"});
    return 1;
  }
  db::GateOverride force{Flag(invocation, "force"),
                         invocation.options.count("reason")
                             ? invocation.options["reason"].as<std::string>()
                             : std::string()};
  db::GateDecision decision = purge::CheckPurgeGate(*invocation.journal, force, *invocation.run_id);
  if (decision.overridden) {
    result.messages.push_back(
        {"warning", "gate_override", "purge gate overridden with --force: " + decision.refusal});
  }
  purge::ExecutePurge(*invocation.staging, plan);
  result.messages.push_back({"info", "purged",
                             "erased " + std::to_string(plan.values()) + " values in " +
                                 std::to_string(plan.tables.size()) +
                                 " tables; the journal, the counts and the reports are kept"});
  return 0;
}

}  // namespace

const CommandDef kPurgeCommand = {
    .name = "purge",
    .summary = "erase personal data from staging after sign-off; keep journal, counts, reports",
    .needs = Needs::kStagingWrite,
    .positional = "[SPEC]",
    .add_options = AddOptions,
    .run = Run,
};

}  // namespace crm::cli
