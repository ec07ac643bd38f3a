// The shape of a value, for seeing at a glance how a column is written: upper-case letters
// become 'A', lower-case 'a', digits '9', everything else stays as it is. A run of letters of one
// case is cut to three ("Johnson" -> "Aaaa", "JOHNSON" -> "AAA", "john@example.com" ->
// "aaa@aaa.aaa"), because the length of a word says little; digits keep their count ("1234 AB" -> "9999 AA", "06-1234567" ->
// "99-9999999"), because it tells a postal code or phone format. A letter outside ASCII (any
// UTF-8 sequence) counts as lower-case: classifying case would cost a Unicode lookup per
// character on the hot path for little gain. Shapes longer than kMaxShapeLength end in "…".
#pragma once

#include <string>
#include <string_view>

namespace crm::plan {

inline constexpr size_t kMaxShapeLength = 40;
// Bytes a shape may take: kMaxShapeLength characters and the three bytes of "…".
inline constexpr size_t kMaxShapeBytes = kMaxShapeLength + 3;

// Writes the shape of `value` to out[0, n) and returns n (at most kMaxShapeBytes). The profiler's
// hot path: no allocation.
size_t ValueShape(std::string_view value, char* out);

// The same into a string (cleared first).
void ValueShape(std::string_view value, std::string* out);

}  // namespace crm::plan
