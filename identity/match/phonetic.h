// Phonetic codes of names for blocking keys: two spellings that sound alike share a code, so
// "Meyer"/"Maier" or "Smith"/"Smyth" land in one block. Input is a match key (lower case, accents
// stripped); letters outside a-z are ignored. Pure functions, safe from any thread.
#pragma once

#include <string>
#include <string_view>

namespace crm::identity {

// American Soundex: the first letter and three digits ("robert" -> "R163"); empty when the
// value has no letter a-z.
std::string Soundex(std::string_view value);

// The primary code of Lawrence Philips' Double Metaphone, at most 4 characters ("schmidt" ->
// "XMT", "smith" -> "SM0"); empty when the value has no letter a-z. Condensed from the published
// rules for English, Germanic, Slavic, Romance and Greek spellings; the alternate code is not
// computed (blocking needs one key per value).
std::string DoubleMetaphone(std::string_view value);

}  // namespace crm::identity
