// Small text helpers shared by every module. Pure functions, no allocation surprises.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace crm {

std::string_view TrimView(std::string_view s);
std::string Join(const std::vector<std::string>& parts, std::string_view separator);
std::vector<std::string> Split(std::string_view s, char separator);
bool StartsWith(std::string_view s, std::string_view prefix);
std::string ToLowerAscii(std::string_view s);

// Appends code point `cp` (at most U+10FFFF) as UTF-8.
void AppendUtf8(char32_t cp, std::string* out);

// Edit distance over bytes (Levenshtein plus adjacent transpositions); for key names and short
// values.
size_t EditDistance(std::string_view a, std::string_view b);

// The candidate closest to `word` when it is close enough to be a plausible typo (distance at most
// a third of the word's length, minimum 1, maximum 3); empty when nothing is close.
std::string ClosestMatch(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace crm
