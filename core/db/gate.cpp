#include "core/db/gate.h"

#include "core/common/text.h"
#include "core/db/json_util.h"

namespace crm::db {
namespace {

std::string ShortSha(std::string_view sha) {
  return sha.empty() ? "none" : std::string(sha.substr(0, 12));
}

}  // namespace

namespace {

// A purge (`crm-migrate purge --yes`) after the current load was staged left its values NULL:
// loading them would write empty records over the CRM's. No --force opens this.
std::string PurgedRefusal(Journal& journal, const LoadRecord& load) {
  for (const RunRecord& run : journal.ListRuns()) {
    if (run.id <= load.run_id) break;
    if (run.command == "purge" && run.outcome == kOutcomeOk) {
      return "cutover refused: the personal data of staged load " + std::to_string(load.id) +
             " was erased by purge (run " + std::to_string(run.id) +
             "): run `crm-migrate stage` and `crm-migrate validate` again";
    }
  }
  return "";
}

}  // namespace

std::string CutoverGateRefusal(Journal& journal, std::string_view spec_sha256) {
  const std::string prefix = "cutover refused: ";
  const std::string rerun = ": run `crm-migrate validate` first";
  std::optional<LoadRecord> load = journal.CurrentLoad();
  if (!load) {
    return prefix +
           "nothing has been staged in full yet: run `crm-migrate stage`, then "
           "`crm-migrate validate`";
  }
  if (std::string purged = PurgedRefusal(journal, *load); !purged.empty()) return purged;
  std::optional<RunRecord> validate = journal.LastRun("validate");
  if (!validate) {
    return prefix + "validate has not run on staged load " + std::to_string(load->id) + rerun;
  }
  std::string last = "the last validate (run " + std::to_string(validate->id) + ")";
  if (!validate->subset.empty()) {
    return prefix + last + " ran on subset '" + validate->subset + "', not on the full data" +
           rerun;
  }
  if (validate->load_id != load->id) {
    std::string checked =
        validate->load_id ? "staged load " + std::to_string(*validate->load_id) : "no staged load";
    return prefix + last + " checked " + checked + ", but the current staged load is " +
           std::to_string(load->id) + rerun;
  }
  if (validate->spec_sha256 != spec_sha256) {
    return prefix + last + " ran with another spec (sha256 " + ShortSha(validate->spec_sha256) +
           "…, now " + ShortSha(spec_sha256) + "…)" + rerun;
  }
  // `validate --only rules` checks everything the gate needs; one rule, or identity alone, not.
  if (Poco::JSON::Object::Ptr options = ParseJsonObject(validate->options_json);
      options && options->has("only") && options->getValue<std::string>("only") != "rules") {
    return prefix + last + " ran only part of the checks (--only " +
           options->getValue<std::string>("only") + ")" + rerun;
  }
  if (validate->outcome == kOutcomeRunning) {
    return prefix + last + " never finished (crashed or killed)" + rerun;
  }
  if (validate->outcome != kOutcomeOk) {
    std::string code = validate->exit_code ? ", exit " + std::to_string(*validate->exit_code) : "";
    return prefix + last + " did not pass (" + validate->outcome + code +
           "): fix the findings and run `crm-migrate validate` again";
  }
  return "";
}

GateDecision CheckCutoverGate(Journal& journal, std::string_view spec_sha256,
                              const GateOverride& force, std::optional<int64_t> run_id) {
  std::string reason(TrimView(force.reason));
  if (force.force && reason.empty()) {
    throw Error(ErrorCategory::kUsage,
                "--force needs --reason \"why\": overriding the cutover gate is journaled with "
                "its reason");
  }
  GateDecision decision;
  if (std::optional<LoadRecord> load = journal.CurrentLoad()) {
    if (std::string purged = PurgedRefusal(journal, *load); !purged.empty()) {
      throw Error(ErrorCategory::kGate, purged);
    }
  }
  decision.refusal = CutoverGateRefusal(journal, spec_sha256);
  if (decision.refusal.empty()) return decision;
  if (!force.force) throw Error(ErrorCategory::kGate, decision.refusal);
  decision.overridden = true;
  journal.AddNote("cutover gate overridden with --force: " + reason +
                      " (the gate said: " + decision.refusal + ")",
                  run_id, "gate_override");
  return decision;
}

}  // namespace crm::db
