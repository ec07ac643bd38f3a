// Report pages read back as XML documents (they are XHTML-compatible), so tests assert what a
// page says by structure — a section, a row of a rule, the cell of a field — not by substring.
#pragma once

#include <Poco/AutoPtr.h>
#include <Poco/DOM/Document.h>
#include <Poco/DOM/Element.h>

#include <string>
#include <vector>

namespace crm::reports::testing {

using Dom = Poco::AutoPtr<Poco::XML::Document>;

// Parses a page; a page that is not well-formed fails the test (REQUIRE).
Dom ParsePage(const std::string& html);

// Every element named `tag` below `root` (document order); `root` null: the whole document.
std::vector<Poco::XML::Element*> Elements(const Dom& dom, const std::string& tag,
                                          Poco::XML::Element* root = nullptr);

// The element with attribute `name` = `value` (the first), or null.
Poco::XML::Element* FindBy(const Dom& dom, const std::string& name, const std::string& value,
                           Poco::XML::Element* root = nullptr);

// The text below a node, as a browser shows it (entities resolved).
std::string TextOf(Poco::XML::Node* node);

// The cell with data-field `field` in row `row`, as text; "<missing>" when the row has none.
std::string Field(Poco::XML::Element* row, const std::string& field);

// The rows of the <tbody> of the first table with class `css` below `root`.
std::vector<Poco::XML::Element*> TableRows(const Dom& dom, const std::string& css,
                                           Poco::XML::Element* root = nullptr);

std::string ReadText(const std::string& path);

}  // namespace crm::reports::testing
