// The JSON of a golden record's _crm_provenance and _crm_secondary, written straight into a
// string. Poco::JSON objects cost about 45,000 instructions a golden record (a tree of Vars,
// then stringify); these cost a few hundred, and write the same bytes: strings escaped as Poco
// 1.11 escapes them (\" \\ \b \f \n \r \t, other bytes below 0x20 as \u00XX with upper-case hex,
// everything else — '/', UTF-8, invalid bytes — as it is), no spaces, keys in the order given.
#pragma once

#include <string>
#include <string_view>

namespace crm::identity {

// Appends `value` as a JSON string, quotes included.
void AppendJsonString(std::string* out, std::string_view value);

// Builds one JSON object member by member: {"a":...,"b":...}.
class JsonObjectText {
 public:
  // Starts member `key`; the caller appends its value to text() next.
  std::string& Member(std::string_view key);
  bool empty() const { return text_.empty(); }
  // The object, "{}" when no member was added.
  std::string Finish() const { return text_.empty() ? "{}" : text_ + "}"; }

 private:
  std::string text_;
};

}  // namespace crm::identity
