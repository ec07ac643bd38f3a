#include "core/common/error.h"

#include <catch2/catch.hpp>

TEST_CASE("Error categories map to the exit code contract", "[error]") {
  using crm::ErrorCategory;
  CHECK(crm::ExitCodeFor(ErrorCategory::kGate) == 1);
  CHECK(crm::ExitCodeFor(ErrorCategory::kUsage) == 2);
  CHECK(crm::ExitCodeFor(ErrorCategory::kSpec) == 2);
  CHECK(crm::ExitCodeFor(ErrorCategory::kIo) == 3);
  CHECK(crm::ExitCodeFor(ErrorCategory::kInternal) == 4);
  crm::Error e(ErrorCategory::kIo, "cannot open x");
  CHECK(e.exit_code() == 3);
  CHECK(std::string(e.what()) == "cannot open x");
}
