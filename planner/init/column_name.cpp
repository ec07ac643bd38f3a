#include "planner/init/column_name.h"

#include "core/common/text.h"
#include "staging/transforms/text_transforms.h"

namespace crm::plan::init {
namespace {

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLetter(char c) { return IsUpper(c) || IsLower(c) || static_cast<unsigned char>(c) >= 0x80; }

// A space wherever a new word starts inside a run of letters and digits: "CompanyName" →
// "Company Name", "EMail" → "E Mail", "customerID" → "customer ID", "address1" → "address 1".
// Only ASCII case is looked at; the matching key folds the rest afterwards.
std::string SplitCamelCase(std::string_view name) {
  std::string out;
  out.reserve(name.size() + 8);
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (i > 0) {
      char prev = name[i - 1];
      char next = i + 1 < name.size() ? name[i + 1] : '\0';
      bool lower_to_upper = IsLower(prev) && IsUpper(c);
      bool acronym_end = IsUpper(prev) && IsUpper(c) && IsLower(next);
      bool letter_digit = (IsLetter(prev) && IsDigit(c)) || (IsDigit(prev) && IsLetter(c));
      if (lower_to_upper || acronym_end || letter_digit) out.push_back(' ');
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

std::vector<std::string> NameWords(std::string_view column_name) {
  std::string key;
  std::string error;
  std::string split = SplitCamelCase(column_name);
  // Invalid UTF-8 in a name keeps its ASCII-lowered spelling: still comparable, never fatal.
  if (!transforms::TryMatchKey(split, &key, &error)) key = ToLowerAscii(split);
  std::vector<std::string> words;
  for (std::string& word : Split(key, ' ')) {
    if (!word.empty()) words.push_back(std::move(word));
  }
  return words;
}

std::string Compact(const std::vector<std::string>& words) { return Join(words, ""); }

}  // namespace crm::plan::init
