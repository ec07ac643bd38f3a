#include "core/common/error.h"

namespace crm {

int ExitCodeFor(ErrorCategory category) {
  switch (category) {
    case ErrorCategory::kGate: return 1;
    case ErrorCategory::kUsage: return 2;
    case ErrorCategory::kSpec: return 2;
    case ErrorCategory::kIo: return 3;
    case ErrorCategory::kInternal: return 4;
  }
  return 4;
}

const char* CategoryName(ErrorCategory category) {
  switch (category) {
    case ErrorCategory::kGate: return "gate";
    case ErrorCategory::kUsage: return "usage";
    case ErrorCategory::kSpec: return "spec";
    case ErrorCategory::kIo: return "io";
    case ErrorCategory::kInternal: return "internal";
  }
  return "internal";
}

}  // namespace crm
