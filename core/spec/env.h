// `${VAR}` expansion in connection strings. `$$` is a literal `$`; a variable that is not set,
// an unterminated `${` or a bad variable name is an error, reported by the caller with the
// spec position.
#pragma once

#include <string>
#include <string_view>

#include "core/spec/spec.h"

namespace crm::spec {

// Expands every ${NAME} in `text`. On failure returns false and sets *error.
bool ExpandEnv(std::string_view text, const EnvLookup& env, std::string* out, std::string* error);

}  // namespace crm::spec
