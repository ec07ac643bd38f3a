// The one envelope every phase prints with `--format json`, and that reports render:
//
//   {"format": "crm-migrate/phase-result", "version": 1, "command": "stage", "run_id": 12,
//    "outcome": "ok", "exit_code": 0, "counts": {"extracted": 1000, ...},
//    "messages": [{"level": "warning", "code": "max_rejects", "text": "..."}],
//    "details": {...phase-specific...}}
//
// Keys are always present (run_id null when no run was journaled; details {} when none), in this
// order, so machines and golden tests can rely on the shape.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/db/journal.h"

namespace crm::db {

inline constexpr int kPhaseResultVersion = 1;

struct PhaseMessage {
  std::string level;  // "info", "warning" or "error"
  std::string code;   // a stable machine name ("max_rejects", "gate_override"); may be empty
  std::string text;   // for humans (already masked)
};

struct PhaseResult {
  std::string command;
  std::optional<int64_t> run_id;
  std::string outcome{kOutcomeOk};  // a kOutcome* value
  int exit_code = 0;
  Counts counts;
  std::vector<PhaseMessage> messages;
  std::string details_json;  // a JSON object with the phase's own data; empty: {}
};

// Renders `result` as JSON on one line (for jq and golden tests alike), with a trailing newline.
// Throws crm::Error(kInternal) when details_json is not a JSON object.
std::string RenderPhaseResultJson(const PhaseResult& result);

}  // namespace crm::db
