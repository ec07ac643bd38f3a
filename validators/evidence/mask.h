// Masking of PII values in samples (DESIGN.md: `j***@example.com`, `+31 6 ****5678`): enough is
// kept for a data steward to recognise the kind of problem (the domain of an e-mail, the country
// code and last digits of a phone), never enough to identify the person.
#pragma once

#include <string>
#include <string_view>

namespace crm::validate {

enum class MaskKind { kEmail, kPhone, kOther };

// kEmail: the first character of the local part, "***", then "@" and the domain as written
// (without a local part, or without exactly one '@', as kOther). kPhone: the first three
// characters and the last four digits stay, every other digit becomes '*'. kOther: the first
// character (a whole UTF-8 sequence) and "***", whatever the length. Empty stays empty.
std::string MaskPii(std::string_view value, MaskKind kind);

}  // namespace crm::validate
