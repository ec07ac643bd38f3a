// Booleans in the spellings CRM exports use, in English, German, Dutch, French and Spanish.
#pragma once

#include <string_view>

namespace crm::transforms {

// True for "true", "t", "yes", "y", "1", "on", "x", "✓", "ja", "j", "wahr", "waar", "oui", "o",
// "vrai", "si", "sí", "checked"; false for "false", "f", "no", "n", "0", "off", "nein", "nee",
// "non", "faux", "falsch", "onwaar", "unchecked", "-"; any case, surrounding spaces ignored.
// Anything else (including blank) fails.
bool TryParseBoolean(std::string_view in, bool* out);

}  // namespace crm::transforms
