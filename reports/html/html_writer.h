// An HTML writer that can only produce well-formed, XHTML-compatible HTML5: every element it
// opens is closed (Finish checks), every attribute is quoted, and every piece of text and every
// attribute value goes through EscapeText — so a value such as `<script>` always stays text and
// the pages parse with an XML parser as well as in a browser.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace crm::reports {

using Attrs = std::vector<std::pair<std::string, std::string>>;

// `text` with & < > " ' as character references; invalid UTF-8 and control characters (which
// XML forbids, and which a source file may hold) become U+FFFD.
std::string EscapeText(std::string_view text);

class HtmlWriter {
 public:
  // Opens `tag` (an identifier chosen by the code, never data) with its attributes.
  HtmlWriter& Open(std::string_view tag, const Attrs& attrs = {});
  // Closes the innermost open element.
  HtmlWriter& Close();
  // An element without content: `<meta .../>` for HTML's void elements and SVG shapes.
  HtmlWriter& Empty(std::string_view tag, const Attrs& attrs = {});
  HtmlWriter& Text(std::string_view text);
  // Open, Text, Close.
  HtmlWriter& Element(std::string_view tag, std::string_view text, const Attrs& attrs = {});
  // Markup written by the code itself (the style sheet): never data.
  HtmlWriter& Trusted(std::string_view markup);

  // The document; throws std::logic_error when an element is still open.
  std::string Finish();

 private:
  void Start(std::string_view tag, const Attrs& attrs);

  std::string out_;
  std::vector<std::string> open_;
};

}  // namespace crm::reports
