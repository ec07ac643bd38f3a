// Column names as words: what `init` compares with its dictionary of field names. "EMail",
// "e_mail", "E-Mail Address", "customerID", "Téléphone", "Telefoon2" become the words
// ["e", "mail"], ["e", "mail"], ["e", "mail", "address"], ["customer", "id"], ["telephone"],
// ["telefoon", "2"]: camelCase and letter/digit boundaries split, then the stage's matching key
// (case, accents and punctuation ignored; staging/transforms/text_transforms.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace crm::plan::init {

std::vector<std::string> NameWords(std::string_view column_name);

// The words run together: "emailaddress", "customerid".
std::string Compact(const std::vector<std::string>& words);

}  // namespace crm::plan::init
