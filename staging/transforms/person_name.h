// Splitting a full name into its parts, for sources that keep a person's name in one field.
#pragma once

#include <string>
#include <string_view>

namespace crm::transforms {

struct PersonName {
  std::string title;   // "Dr.", "Prof. Dr.", "Mevr." — leading honorifics, as written
  std::string first;   // given names, middle names included: "Jan Peter"
  std::string last;    // family name with its particles: "van der Berg", "de la Cruz"
  std::string suffix;  // "Jr.", "III", "PhD"
};

// Splits `in` (whitespace collapsed). Two shapes:
//   "Last, First"  — "van der Berg, Jan"; particles written after the given name move to the
//                    family name ("Berg, Jan van der" → first "Jan", last "van der Berg");
//   "First Last"   — the family name starts at the first particle after the first word
//                    ("Jan van der Berg", "Maria de la Cruz"), otherwise it is the last word.
// Leading titles and trailing suffixes from a fixed list (English, German, Dutch, French) are
// taken off first, with or without their dot, any case. A single word is a family name. Fails
// only when no name is left.
bool TrySplitPersonName(std::string_view in, PersonName* out, std::string* error);

}  // namespace crm::transforms
