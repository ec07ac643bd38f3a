// The frame every report page shares: the XHTML-compatible HTML5 document, the
// Content-Security-Policy that forbids fetching anything (default-src 'none'; inline style only;
// images only as data: URIs), the inline style sheet with its A4 print rules, the header (title,
// migration, owner, when it was rendered, whether PII is shown) and the footer.
#pragma once

#include <Poco/JSON/Object.h>

#include <string_view>

#include "reports/html/html_writer.h"

namespace crm::reports {

// The policy in the page's <meta http-equiv="Content-Security-Policy">.
inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

// Writes up to the opening of <main>. `doc` is the page's JSON document: its members title,
// migration, owner, generated_at, pii and staging head the page.
void BeginPage(HtmlWriter& html, const Poco::JSON::Object::Ptr& doc, std::string_view heading);

// Closes <main>, writes the footer and closes the document.
void EndPage(HtmlWriter& html, const Poco::JSON::Object::Ptr& doc);

}  // namespace crm::reports
