#include "staging/transforms/boolean.h"

#include <array>
#include <string>

#include "staging/transforms/text_transforms.h"

namespace crm::transforms {
namespace {

constexpr std::array<std::string_view, 18> kTrue = {
    "true", "t",    "yes",  "y",   "1", "on",   "x",  "\u2713",  "ja",
    "j",    "wahr", "waar", "oui", "o", "vrai", "si", "s\u00ed", "checked"};
constexpr std::array<std::string_view, 14> kFalse = {"false",  "f",      "no",        "n",   "0",
                                                     "off",    "nein",   "nee",       "non", "faux",
                                                     "falsch", "onwaar", "unchecked", "-"};

}  // namespace

bool TryParseBoolean(std::string_view in, bool* out) {
  std::string lowered;
  std::string error;
  if (!TryLower(Trim(in), &lowered, &error)) return false;
  for (std::string_view word : kTrue) {
    if (lowered == word) {
      *out = true;
      return true;
    }
  }
  for (std::string_view word : kFalse) {
    if (lowered == word) {
      *out = false;
      return true;
    }
  }
  return false;
}

}  // namespace crm::transforms
