#include "core/spec/env.h"

#include <cstdlib>

#include "core/spec/values.h"

namespace crm::spec {

EnvLookup ProcessEnv() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

bool ExpandEnv(std::string_view text, const EnvLookup& env, std::string* out, std::string* error) {
  std::string result;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '$') {
      result += text[i];
      continue;
    }
    if (i + 1 < text.size() && text[i + 1] == '$') {
      result += '$';
      ++i;
      continue;
    }
    if (i + 1 >= text.size() || text[i + 1] != '{') {
      result += '$';
      continue;
    }
    size_t close = text.find('}', i + 2);
    if (close == std::string_view::npos) {
      *error = "unterminated '${' (write $$ for a literal '$')";
      return false;
    }
    std::string name(text.substr(i + 2, close - i - 2));
    if (!IdentifierProblem(name).empty()) {
      *error = "'${" + name + "}' is not a valid environment variable name";
      return false;
    }
    std::optional<std::string> value = env(name);
    if (!value) {
      *error = "environment variable '" + name + "' is not set";
      return false;
    }
    result += *value;
    i = close;
  }
  *out = std::move(result);
  return true;
}

}  // namespace crm::spec
