// A problem found in a spec, as data: where it is, which key, what is wrong. Rendered as
// `<file>:<line>:<column>: <key.path>: <message>` (the key path is left out when empty).
#pragma once

#include <string>
#include <vector>

namespace crm::spec {

// 1-based position in the spec file; line 0 means "not from the file" (a default).
struct Location {
  int line = 0;
  int column = 0;
};

struct Diagnostic {
  std::string file;
  int line = 0;
  int column = 0;
  std::string key_path;  // entities.contact.from[0].map.emial
  std::string message;   // unknown field 'emial' (did you mean 'email'?)

  std::string ToString() const;
};

// Sorts by line, then column, then text, and drops exact repeats.
void SortDiagnostics(std::vector<Diagnostic>* diagnostics);

// One diagnostic a line, no trailing newline.
std::string JoinDiagnostics(const std::vector<Diagnostic>& diagnostics);

}  // namespace crm::spec
