// The cutover gate: cutover may start only when the last `validate` ran on the full data of the
// current staged load, with the current spec, and passed. `--force --reason "..."` opens a closed
// gate, and the override is journaled (a `_notes` row of kind "gate_override" on the run).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/db/journal.h"

namespace crm::db {

struct GateOverride {
  bool force = false;  // --force
  std::string reason;  // --reason; required (non-blank) with --force
};

struct GateDecision {
  bool overridden = false;  // the gate was closed and --force opened it
  std::string refusal;      // what the closed gate said (empty when it was open)
};

// Why cutover may not start, or empty when it may. Reads the journal only.
std::string CutoverGateRefusal(Journal& journal, std::string_view spec_sha256);

// Checks the gate for the cutover run `run_id` (the run is journaled before the gate is checked,
// so a refusal shows in `status`). Throws crm::Error(kGate, refusal) when closed and not forced;
// crm::Error(kUsage) for --force without a reason. A forced pass journals the override.
GateDecision CheckCutoverGate(Journal& journal, std::string_view spec_sha256,
                              const GateOverride& force, std::optional<int64_t> run_id);

}  // namespace crm::db
