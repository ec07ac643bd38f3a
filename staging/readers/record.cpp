#include "staging/readers/record.h"

#include <cstdio>

#include "staging/readers/encoding.h"

namespace crm::readers {

std::string QuoteForDisplay(std::string_view text) {
  std::string out = "\"";
  size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x80) {
      // Keep a valid multi-byte character readable; escape a byte that starts no valid one.
      size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;
      if (i + length <= text.size() &&
          FindInvalidUtf8(text.substr(i, length)) == std::string_view::npos) {
        out.append(text.substr(i, length));
        i += length;
        continue;
      }
    }
    char escaped[8];
    switch (byte) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (byte < 0x20 || byte >= 0x7F) {
          std::snprintf(escaped, sizeof(escaped), "\\x%02X", byte);
          out += escaped;
        } else {
          out.push_back(static_cast<char>(byte));
        }
    }
    ++i;
  }
  out += "\"";
  return out;
}

std::string RenderRecord(const Record& record) {
  std::string out = record.is_reject ? "reject" : "row";
  out += " line=" + std::to_string(record.line) + " offset=" + std::to_string(record.offset);
  if (!record.is_reject) {
    out += " [";
    for (size_t i = 0; i < record.fields.size(); ++i) {
      if (i > 0) out += ", ";
      out += record.fields[i].is_null ? "NULL" : QuoteForDisplay(record.fields[i].value);
    }
    out += "]";
    return out;
  }
  out += " kind=" + std::string(RejectKindName(record.kind));
  out += " column=" + std::to_string(record.column);
  out += " error_offset=" + std::to_string(record.error_offset);
  out += " raw=" + QuoteForDisplay(record.raw);
  out += " message=" + QuoteForDisplay(record.message);
  return out;
}

}  // namespace crm::readers
