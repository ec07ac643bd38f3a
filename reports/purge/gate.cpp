// The purge gate: purge is the runbook's last step, so it waits for a cutover that loaded the
// data. Purging earlier would leave the staged and golden records empty for a cutover still to
// come. `--force --reason` opens it (an abandoned migration must be purged all the same).
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "core/common/text.h"
#include "reports/purge/purge.h"

namespace crm::purge {
namespace {

bool WasDryRun(const db::RunRecord& run) {
  try {
    Poco::JSON::Object::Ptr options =
        Poco::JSON::Parser().parse(run.options_json).extract<Poco::JSON::Object::Ptr>();
    return options && options->has("dry-run") && options->getValue<bool>("dry-run");
  } catch (const Poco::Exception&) {
    return false;  // options the journal cannot read: judged by the outcome alone
  }
}

}  // namespace

std::string PurgeGateRefusal(db::Journal& journal) {
  for (const db::RunRecord& run : journal.ListRuns()) {
    if (run.command == "cutover" && run.outcome == db::kOutcomeOk && !WasDryRun(run)) return "";
  }
  return "purge refused: no cutover has loaded the data yet (purge is the last step, after the "
         "close-out is signed off); to purge an abandoned migration, run it with --force "
         "--reason \"why\"";
}

db::GateDecision CheckPurgeGate(db::Journal& journal, const db::GateOverride& force,
                                int64_t run_id) {
  const std::string reason(TrimView(force.reason));
  if (force.force && reason.empty()) {
    throw Error(ErrorCategory::kUsage,
                "--force needs --reason \"why\": overriding the purge gate is journaled with its "
                "reason");
  }
  db::GateDecision decision;
  decision.refusal = PurgeGateRefusal(journal);
  if (decision.refusal.empty()) return decision;
  if (!force.force) throw Error(ErrorCategory::kGate, decision.refusal);
  decision.overridden = true;
  journal.AddNote("purge gate overridden with --force: " + reason + " (the gate said: " +
                      decision.refusal + ")",
                  run_id, "gate_override");
  return decision;
}

}  // namespace crm::purge
