// The HTML writer and the charts: escaping that keeps any byte sequence text and the document
// well-formed, and charts that parse as XML with one shape per item.
#include <catch2/catch.hpp>

#include "reports/html/charts.h"
#include "reports/html/html_writer.h"
#include "tests/reports/page_dom.h"

namespace crm::reports::testing {
namespace {

TEST_CASE("EscapeText keeps markup as text", "[reports]") {
  CHECK(EscapeText("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;");
  CHECK(EscapeText("a & \"b\" 'c'") == "a &amp; &quot;b&quot; &#39;c&#39;");
}

TEST_CASE("EscapeText replaces what XML cannot hold", "[reports]") {
  const std::string fffd = "\xEF\xBF\xBD";
  CHECK(EscapeText("Lef\xE8vre") == "Lef" + fffd + "vre");          // windows-1252 byte
  CHECK(EscapeText(std::string("a\x01" "b\x7F", 4)) == "a" + fffd + "b" + fffd);
  CHECK(EscapeText("\xC0\xAF") == fffd + fffd);                       // overlong '/'
  CHECK(EscapeText("\xED\xA0\x80") == fffd + fffd + fffd);           // a surrogate
  CHECK(EscapeText("Élodie\tÖztürk\n") == "Élodie\tÖztürk\n");
}

TEST_CASE("HtmlWriter refuses an unclosed document", "[reports]") {
  HtmlWriter html;
  html.Open("section").Open("p").Text("x").Close();
  CHECK_THROWS_AS(html.Finish(), std::logic_error);
  HtmlWriter closed;
  closed.Open("p").Close();
  CHECK_THROWS_AS(closed.Close(), std::logic_error);
}

TEST_CASE("Attributes are quoted and escaped", "[reports]") {
  HtmlWriter html;
  html.Element("td", "x", {{"data-rule", "a\"><script>"}});
  Dom dom = ParsePage(html.Finish());
  Poco::XML::Element* td = Elements(dom, "td").at(0);
  CHECK(td->getAttribute("data-rule") == "a\"><script>");
  CHECK(Elements(dom, "script").empty());
}

TEST_CASE("Charts are well-formed SVG with one shape per item", "[reports]") {
  HtmlWriter html;
  html.Open("div");
  BarChart(html, "bars <x>", {{"one", 3, "", "ok"}, {"<two>", 0, "", "bad"}});
  FunnelChart(html, "funnel", {{"extracted", 10, "info"}, {"staged", 7, "info"},
                               {"loaded", 6, "ok"}});
  TimelineChart(html, "timeline", {{"#1 stage", 0, 2, "ok"}, {"#2 validate", 2, 2.5, "bad"}});
  html.Close();
  Dom dom = ParsePage(html.Finish());
  std::vector<Poco::XML::Element*> svgs = Elements(dom, "svg");
  REQUIRE(svgs.size() == 3);
  CHECK(svgs[0]->getAttribute("class") == "chart-bars");
  CHECK(Elements(dom, "rect", svgs[0]).size() == 2);
  CHECK(Elements(dom, "rect", svgs[1]).size() == 3);
  CHECK(Elements(dom, "rect", svgs[2]).size() == 2);
  CHECK(TextOf(Elements(dom, "title", svgs[0]).at(0)) == "bars <x>");
  // The funnel's widths follow the counts: the staged bar is 70% of the extracted one.
  std::vector<Poco::XML::Element*> rects = Elements(dom, "rect", svgs[1]);
  const double w0 = std::stod(rects[0]->getAttribute("width"));
  const double w1 = std::stod(rects[1]->getAttribute("width"));
  CHECK(w1 / w0 == Approx(0.7).epsilon(0.01));
}

}  // namespace
}  // namespace crm::reports::testing
