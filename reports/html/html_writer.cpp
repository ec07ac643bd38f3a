#include "reports/html/html_writer.h"

#include <stdexcept>

namespace crm::reports {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the valid UTF-8 sequence at `s[i]`, or 0 when it is not one (overlong forms,
// surrogates and code points above U+10FFFF included).
size_t ValidSequence(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  size_t len = 0;
  char32_t cp = 0;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return 0;
  if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
  // U+FFFE and U+FFFF are not XML characters either.
  if (cp == 0xFFFE || cp == 0xFFFF) return 0;
  return len;
}

}  // namespace

std::string EscapeText(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '&': out += "&amp;"; ++i; continue;
      case '<': out += "&lt;"; ++i; continue;
      case '>': out += "&gt;"; ++i; continue;
      case '"': out += "&quot;"; ++i; continue;
      case '\'': out += "&#39;"; ++i; continue;
      default: break;
    }
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      out += kReplacement;
      ++i;
      continue;
    }
    if (c == 0x7F) {
      out += kReplacement;
      ++i;
      continue;
    }
    const size_t len = ValidSequence(text, i);
    if (len == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    out.append(text.substr(i, len));
    i += len;
  }
  return out;
}

void HtmlWriter::Start(std::string_view tag, const Attrs& attrs) {
  out_ += '<';
  out_ += tag;
  for (const auto& [name, value] : attrs) {
    out_ += ' ';
    out_ += name;
    out_ += "=\"";
    out_ += EscapeText(value);
    out_ += '"';
  }
}

HtmlWriter& HtmlWriter::Open(std::string_view tag, const Attrs& attrs) {
  Start(tag, attrs);
  out_ += '>';
  open_.emplace_back(tag);
  return *this;
}

HtmlWriter& HtmlWriter::Close() {
  if (open_.empty()) throw std::logic_error("HtmlWriter: Close without an open element");
  out_ += "</" + open_.back() + ">";
  // A line break between block-level closings keeps the source readable and diffable.
  if (open_.back() == "tr" || open_.back() == "section" || open_.back() == "p" ||
      open_.back() == "li" || open_.back() == "table" || open_.back() == "div") {
    out_ += '\n';
  }
  open_.pop_back();
  return *this;
}

HtmlWriter& HtmlWriter::Empty(std::string_view tag, const Attrs& attrs) {
  Start(tag, attrs);
  out_ += "/>";
  return *this;
}

HtmlWriter& HtmlWriter::Text(std::string_view text) {
  out_ += EscapeText(text);
  return *this;
}

HtmlWriter& HtmlWriter::Element(std::string_view tag, std::string_view text, const Attrs& attrs) {
  return Open(tag, attrs).Text(text).Close();
}

HtmlWriter& HtmlWriter::Trusted(std::string_view markup) {
  out_ += markup;
  return *this;
}

std::string HtmlWriter::Finish() {
  if (!open_.empty()) {
    throw std::logic_error("HtmlWriter: <" + open_.back() + "> is still open");
  }
  return std::move(out_);
}

}  // namespace crm::reports
