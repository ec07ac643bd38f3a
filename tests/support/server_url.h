// The URL of a test server from the environment (scripts/test-servers env). A missing variable
// fails the test, never skips it: a server suite that silently passes without its server would
// prove nothing.
#pragma once

#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>

namespace crm::testing {

inline std::string ServerUrl(const char* variable) {
  const char* value = std::getenv(variable);
  if (value == nullptr || *value == '\0') {
    FAIL(variable << " is not set: start the test servers with `scripts/test-servers start`, "
                     "then `eval \"$(scripts/test-servers env)\"`");
  }
  return value;
}

}  // namespace crm::testing
