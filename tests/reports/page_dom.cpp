#include "tests/reports/page_dom.h"

#include <Poco/DOM/DOMParser.h>
#include <Poco/DOM/NodeList.h>
#include <Poco/SAX/InputSource.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <functional>
#include <sstream>

namespace crm::reports::testing {
namespace {

void Walk(Poco::XML::Node* node, const std::function<void(Poco::XML::Element*)>& visit) {
  for (Poco::XML::Node* child = node->firstChild(); child; child = child->nextSibling()) {
    if (child->nodeType() == Poco::XML::Node::ELEMENT_NODE) {
      visit(static_cast<Poco::XML::Element*>(child));
      Walk(child, visit);
    }
  }
}

}  // namespace

Dom ParsePage(const std::string& html) {
  Poco::XML::DOMParser parser;
  Dom dom;
  try {
    dom = parser.parseString(html);
  } catch (const Poco::Exception& e) {
    FAIL("the page is not well-formed XML: " << e.displayText());
  }
  REQUIRE(dom);
  return dom;
}

std::vector<Poco::XML::Element*> Elements(const Dom& dom, const std::string& tag,
                                          Poco::XML::Element* root) {
  std::vector<Poco::XML::Element*> found;
  Poco::XML::Node* start =
      root ? static_cast<Poco::XML::Node*>(root) : static_cast<Poco::XML::Node*>(Dom(dom).get());
  Walk(start, [&](Poco::XML::Element* e) {
    if (e->localName() == tag || e->nodeName() == tag) found.push_back(e);
  });
  return found;
}

Poco::XML::Element* FindBy(const Dom& dom, const std::string& name, const std::string& value,
                           Poco::XML::Element* root) {
  Poco::XML::Element* found = nullptr;
  Poco::XML::Node* start =
      root ? static_cast<Poco::XML::Node*>(root) : static_cast<Poco::XML::Node*>(Dom(dom).get());
  Walk(start, [&](Poco::XML::Element* e) {
    if (!found && e->hasAttribute(name) && e->getAttribute(name) == value) found = e;
  });
  return found;
}

std::string TextOf(Poco::XML::Node* node) { return node ? node->innerText() : ""; }

std::string Field(Poco::XML::Element* row, const std::string& field) {
  for (Poco::XML::Node* c = row->firstChild(); c; c = c->nextSibling()) {
    if (c->nodeType() != Poco::XML::Node::ELEMENT_NODE) continue;
    auto* e = static_cast<Poco::XML::Element*>(c);
    if (e->getAttribute("data-field") == field) return e->innerText();
  }
  return "<missing>";
}

std::vector<Poco::XML::Element*> TableRows(const Dom& dom, const std::string& css,
                                           Poco::XML::Element* root) {
  for (Poco::XML::Element* table : Elements(dom, "table", root)) {
    if (table->getAttribute("class") != css) continue;
    for (Poco::XML::Element* body : Elements(dom, "tbody", table)) {
      std::vector<Poco::XML::Element*> rows;
      for (Poco::XML::Node* c = body->firstChild(); c; c = c->nextSibling()) {
        if (c->nodeType() == Poco::XML::Node::ELEMENT_NODE && c->nodeName() == "tr") {
          rows.push_back(static_cast<Poco::XML::Element*>(c));
        }
      }
      return rows;
    }
  }
  return {};
}

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace crm::reports::testing
