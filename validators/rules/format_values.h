// The value checks behind the format rule, as pure functions (tested one by one).
#pragma once

#include <string>
#include <string_view>

namespace crm::validate {

// The syntax stage's e-mail normaliser accepts (staging/transforms/email.h): one '@', a local
// part of 1-64 characters of atext and single dots, a domain of two or more labels of letters,
// digits and inner hyphens with a top-level label of two or more letters, 254 bytes in all;
// bytes beyond ASCII allowed. Sets *why when it returns false.
bool IsEmail(std::string_view value, std::string* why);

// YYYY-MM-DD, a real calendar day.
bool IsIsoDate(std::string_view value);
// YYYY-MM-DD, then 'T' or ' ', HH:MM[:SS[.fraction]], then optionally Z or ±HH[:MM].
bool IsIsoDatetime(std::string_view value);

// The postal code pattern (PCRE, anchored) of an ISO 3166 alpha-2 country, or empty when none is
// known.
std::string PostalCodePattern(std::string_view country);

}  // namespace crm::validate
