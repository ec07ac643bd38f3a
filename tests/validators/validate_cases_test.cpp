// Data-driven validate cases on SQLite staging: every folder under tests/cases/validate/ is one
// test (see validate_harness.h for the folder layout). CRM_UPDATE_EXPECTED=1 rewrites
// expected.txt (then read the diff).
#include <catch2/catch.hpp>

#include "tests/support/case_folders.h"
#include "tests/validators/validate_harness.h"

namespace crm::validate::testing {
namespace {

void RunCase(const std::filesystem::path& dir) {
  crm::testing::CheckExpected(dir, RenderValidateCase(dir, ""));
}

struct Registrar {
  Registrar() {
    crm::testing::RegisterCaseFolders(
        std::filesystem::path(CRM_SOURCE_DIR) / "tests/cases/validate", "validate case",
        "[validate][case]", RunCase);
  }
};
const Registrar registrar;

}  // namespace
}  // namespace crm::validate::testing
