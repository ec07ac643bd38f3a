#include "cli/result_text.h"

#include <algorithm>
#include <sstream>

namespace crm::cli {

std::string RenderPhaseResultText(const db::PhaseResult& result) {
  std::ostringstream out;
  out << result.command << ": " << result.outcome;
  if (result.run_id) out << " (run " << *result.run_id << ", exit " << result.exit_code << ")";
  out << "\n";
  size_t width = 0;
  for (const auto& [name, value] : result.counts) width = std::max(width, name.size());
  for (const auto& [name, value] : result.counts) {
    out << "  " << name << std::string(width - name.size() + 2, ' ') << value << "\n";
  }
  for (const db::PhaseMessage& message : result.messages) {
    out << message.level << ": " << message.text << "\n";
  }
  return out.str();
}

}  // namespace crm::cli
