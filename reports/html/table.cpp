#include "reports/html/table.h"

namespace crm::reports {

void BeginTable(HtmlWriter& html, std::string_view css, const std::vector<Column>& columns) {
  html.Open("table", {{"class", std::string(css)}});
  html.Open("thead").Open("tr");
  for (const Column& c : columns) {
    if (c.numeric) {
      html.Element("th", c.title, {{"class", "num"}, {"scope", "col"}});
    } else {
      html.Element("th", c.title, {{"scope", "col"}});
    }
  }
  html.Close().Close();  // tr, thead
  html.Open("tbody");
}

void Cell(HtmlWriter& html, const Column& column, std::string_view text, std::string_view css) {
  std::string classes = column.numeric ? "num" : "";
  if (!css.empty()) classes += (classes.empty() ? "" : " ") + std::string(css);
  Attrs attrs{{"data-field", column.key}};
  if (!classes.empty()) attrs.push_back({"class", classes});
  html.Element("td", text, attrs);
}

void EndTable(HtmlWriter& html) { html.Close().Close(); }

void EmptyNote(HtmlWriter& html, std::string_view text) {
  html.Element("p", text, {{"class", "empty"}});
}

}  // namespace crm::reports
