// Numbers written with a locale's decimal and thousands separators, to one canonical spelling.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace crm::transforms {

struct NumberFormat {
  // The decimal separator, one character.
  std::string decimal = ".";
  // Characters accepted between groups of three digits. Spaces include U+00A0 and U+202F.
  std::vector<std::string> thousands = {","};
};

// The separators of a locale: "en" (1,234.56), "de" / "nl" / "es" / "it" / "pt" / "da"
// (1.234,56), "fr" / "sv" / "nb" / "fi" / "pl" / "cs" (1 234,56 with a space, no-break space or
// narrow no-break space), "de-CH" (1'234.56; also ’), "c" (no grouping, "." decimal). Only the
// language counts, except "de-CH"/"de_CH". False for a locale not listed.
bool TryNumberFormatForLocale(std::string_view locale, NumberFormat* out);

// Reads `in` (trimmed): an optional sign, digits with optional separators between groups of
// exactly three (the first group 1–3 digits), an optional decimal part. Writes the canonical form:
// "-" when negative, digits without separators, "." and the decimal digits as written
// ("1.234,50" de → "1234.50", ",5" → "0.5"). Fails on anything else, including a separator the
// locale does not use ("1,234.56" in de) and exponents.
bool TryParseNumber(std::string_view in, const NumberFormat& format, std::string* out,
                    std::string* error);

}  // namespace crm::transforms
