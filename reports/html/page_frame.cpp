#include "reports/html/page_frame.h"

#include "reports/html/page_style.h"
#include "reports/pages/doc.h"

namespace crm::reports {

void BeginPage(HtmlWriter& html, const Poco::JSON::Object::Ptr& doc, std::string_view heading) {
  html.Trusted("<!DOCTYPE html>\n");
  html.Open("html", {{"lang", "en"}});
  html.Open("head");
  html.Empty("meta", {{"charset", "utf-8"}});
  html.Empty("meta", {{"http-equiv", "Content-Security-Policy"},
                      {"content", std::string(kContentSecurityPolicy)}});
  html.Empty("meta", {{"name", "viewport"}, {"content", "width=device-width, initial-scale=1"}});
  html.Empty("meta", {{"name", "generator"}, {"content", "crm-migrate report"}});
  html.Element("title", std::string(heading) + " — " + Str(doc, "title"));
  html.Open("style").Trusted(kPageStyle).Close();
  html.Close();  // head
  html.Open("body", {{"class", "page-" + Str(doc, "page")}});
  html.Open("header", {{"class", "page"}});
  html.Open("nav").Element("a", "All runs", {{"href", "index.html"}});
  html.Element("a", "Lessons learned", {{"href", "lessons-learned.html"}}).Close();
  html.Element("h1", std::string(heading));
  html.Open("dl");
  html.Element("dt", "Migration").Element("dd", Str(doc, "title"));
  html.Element("dt", "Owner").Element("dd", Str(doc, "owner").empty() ? "-" : Str(doc, "owner"));
  html.Element("dt", "Rendered").Element("dd", Str(doc, "generated_at"));
  html.Element("dt", "Staging").Element("dd", Str(doc, "staging"));
  html.Element("dt", "Personal data");
  if (Str(doc, "pii") == "shown") {
    html.Element("dd", "SHOWN (--show-pii): do not forward", {{"class", "pii-shown"}});
  } else {
    html.Element("dd", "masked");
  }
  html.Close();  // dl
  html.Close();  // header
  html.Open("main");
}

void EndPage(HtmlWriter& html, const Poco::JSON::Object::Ptr& doc) {
  html.Open("div", {{"class", "signoff"}});
  html.Element("div", "Data steward: name, date, signature");
  html.Element("div", "Approver: name, date, signature");
  html.Close();
  html.Close();  // main
  html.Open("footer", {{"class", "page"}});
  html.Element("p", "Rendered by crm-migrate from the journal of " + Str(doc, "staging") +
                        " at " + Str(doc, "generated_at") +
                        "; re-render any time with `crm-migrate report`. The same content is in " +
                        Str(doc, "page_file") + ".json.");
  html.Close();  // footer
  html.Close();  // body
  html.Close();  // html
}

}  // namespace crm::reports
