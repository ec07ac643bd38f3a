#include "identity/golden/json_text.h"

namespace crm::identity {

void AppendJsonString(std::string* out, std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out->push_back('"');
  for (char c : value) {
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default: {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20) {
          out->append("\\u00");
          out->push_back(kHex[byte >> 4]);
          out->push_back(kHex[byte & 0xF]);
        } else {
          out->push_back(c);
        }
      }
    }
  }
  out->push_back('"');
}

std::string& JsonObjectText::Member(std::string_view key) {
  text_.push_back(text_.empty() ? '{' : ',');
  AppendJsonString(&text_, key);
  text_.push_back(':');
  return text_;
}

}  // namespace crm::identity
