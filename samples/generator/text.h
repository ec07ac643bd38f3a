// Text helpers for the generator: Windows-1252 output, ASCII folding for e-mail addresses and
// typos for near-duplicates. All inputs are UTF-8.
#pragma once

#include <string>
#include <string_view>

#include "samples/generator/random.h"

namespace crm::generator {

// Appends `utf8` encoded as Windows-1252. Characters the code page lacks are transliterated the
// way a legacy system's export does it ("Łukasz" → "Lukasz", "Yılmaz" → "Yilmaz"); anything else
// becomes '?'.
void AppendCp1252(std::string_view utf8, std::string* out);

// The text as Windows-1252 would keep it, back in UTF-8 ("Łukasz" → "Lukasz"): what a correct
// reader of the legacy file must produce.
std::string Cp1252RoundTrip(std::string_view utf8);

// Lower-case ASCII letters and digits only, accents folded ("Öztürk" → "ozturk", "O'Neil" →
// "oneil", "Straße" → "strasse"); other characters dropped.
std::string AsciiFold(std::string_view utf8);

// The same name with one realistic typo (two letters swapped, one dropped or doubled); always
// different from the input when it has at least two letters.
std::string Typo(std::string_view utf8, Rng* rng);

// Appends `value` as a JSON string literal (quotes included).
void AppendJsonString(std::string_view value, std::string* out);

}  // namespace crm::generator
