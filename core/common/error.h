// Errors that end a run. Expected, local failures (a bad row, a value that does not parse) are
// values, never exceptions; bugs are asserts. Everything that must stop the current command throws
// crm::Error with one of these categories, and the CLI maps the category to the exit code contract
// of DESIGN.md exactly once.
#pragma once

#include <stdexcept>
#include <string>

namespace crm {

enum class ErrorCategory {
  kGate,      // a blocking finding or a closed gate (exit 1)
  kUsage,     // bad command line (exit 2)
  kSpec,      // the spec is wrong or does not fit its sources or target (exit 2)
  kIo,        // a source, the staging database or the target cannot be reached/read/written (exit 3)
  kInternal,  // a broken invariant, e.g. an unbalanced funnel (exit 4)
};

// Exit codes of the contract: 0 done, 1 gate, 2 usage/spec, 3 I/O, 4 internal.
int ExitCodeFor(ErrorCategory category);

// Lower-case name for logs and JSON ("gate", "usage", "spec", "io", "internal").
const char* CategoryName(ErrorCategory category);

class Error : public std::runtime_error {
 public:
  Error(ErrorCategory category, const std::string& message)
      : std::runtime_error(message), category_(category) {}

  ErrorCategory category() const { return category_; }
  int exit_code() const { return ExitCodeFor(category_); }

 private:
  ErrorCategory category_;
};

}  // namespace crm
