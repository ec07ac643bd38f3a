// The human summary of a PhaseResult, printed on stdout in text mode:
//   stage: ok (run 12, exit 0)
//     extracted  1000
//     rejected      3
//   warning: legacy: 3 rows rejected (max_rejects 1%)
#pragma once

#include <string>

#include "core/db/phase_result.h"

namespace crm::cli {

std::string RenderPhaseResultText(const db::PhaseResult& result);

}  // namespace crm::cli
