// Text transforms: whitespace, case and the matching key. Pure functions over UTF-8, safe from any
// thread. Case mapping uses utf8proc's simple (one code point to one code point) mappings, so
// Upper("ß") is "ẞ", not "SS"; the output of Lower, Upper and TitleCase is NFC.
#pragma once

#include <string>
#include <string_view>

namespace crm::transforms {

// True when `c` is a space a person would type or paste: ASCII space, tab, CR, LF, vertical tab,
// form feed, and the Unicode spaces U+00A0, U+2000..U+200B, U+202F, U+205F, U+3000, U+FEFF.
bool IsUnicodeSpace(char32_t c);

// Removes leading and trailing Unicode spaces. Never fails; invalid UTF-8 is left as it is.
// TrimView is the same as a view into `in`.
std::string Trim(std::string_view in);
std::string_view TrimView(std::string_view in);

// Trims and turns every run of Unicode spaces into one ASCII space.
std::string CollapseWhitespace(std::string_view in);

// Lower, upper and title case. Fail (false, `error` set) only on invalid UTF-8.
// TitleCase capitalises the first letter of every word and lowers the rest; a word starts after
// anything that is not a letter, mark or digit, except that after an apostrophe only a
// one-letter prefix starts a new word: "o'neil" → "O'Neil", "d'arcy" → "D'Arcy", "don't" → "Don't".
bool TryLower(std::string_view in, std::string* out, std::string* error);
bool TryUpper(std::string_view in, std::string* out, std::string* error);
bool TryTitleCase(std::string_view in, std::string* out, std::string* error);

// The key two spellings of one name share, for matching and lookups: compatibility-decomposed,
// marks stripped, case-folded (utf8proc flags of NOTES.md), a few letters that are not composed
// marks folded as well (ł→l, ø→o, æ→ae, œ→oe, đ→d, þ→th, ı→i), apostrophes removed, every other
// run of characters that are not letters or digits turned into one space, trimmed.
// "  Öztürk " → "ozturk", "O'Neil" → "oneil", "Jean-Luc" → "jean luc", "Straße" → "strasse".
// Fails only on invalid UTF-8.
bool TryMatchKey(std::string_view in, std::string* out, std::string* error);

// The match key with the spaces removed as well ("Pays-Bas" → "paysbas", "U.S.A." → "usa").
bool TryCompactKey(std::string_view in, std::string* out, std::string* error);

}  // namespace crm::transforms
