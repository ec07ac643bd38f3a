// Email normalisation: one canonical spelling per address, or a reason it is not an address.
#pragma once

#include <string>
#include <string_view>

namespace crm::transforms {

struct EmailOptions {
  // Lower-case the local part too. Strictly the local part is case-sensitive, but no mail system
  // a CRM talks to treats it so, and duplicates are found on the lower-cased form.
  bool lower_local_part = true;
};

// Normalises one address: trims Unicode spaces, drops a "mailto:" prefix and a display name
// ("John Doe <john@example.com>"), lower-cases the domain (and the local part, see options), and
// checks the syntax a deliverable address has: one "@", a local part of 1–64 characters of
// atext and single dots, a domain of at least two labels of letters, digits and inner hyphens,
// with a top-level label of at least two letters, 254 characters in all. Bytes beyond ASCII are
// allowed (internationalised addresses). Returns false with `error` set otherwise.
bool TryNormalizeEmail(std::string_view in, const EmailOptions& options, std::string* out,
                       std::string* error);

}  // namespace crm::transforms
