#include "core/spec/diagnostic.h"

#include <algorithm>
#include <tuple>

namespace crm::spec {

std::string Diagnostic::ToString() const {
  std::string out = file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
  if (!key_path.empty()) out += key_path + ": ";
  return out + message;
}

void SortDiagnostics(std::vector<Diagnostic>* diagnostics) {
  auto key = [](const Diagnostic& d) { return std::tie(d.line, d.column, d.key_path, d.message); };
  std::stable_sort(diagnostics->begin(), diagnostics->end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
  diagnostics->erase(
      std::unique(diagnostics->begin(), diagnostics->end(),
                  [&](const Diagnostic& a, const Diagnostic& b) { return key(a) == key(b); }),
      diagnostics->end());
}

std::string JoinDiagnostics(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    if (!out.empty()) out += '\n';
    out += d.ToString();
  }
  return out;
}

}  // namespace crm::spec
