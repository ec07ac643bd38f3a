// The page documents: members read whatever their JSON type, and secrets scrubbed everywhere.
#include <catch2/catch.hpp>

#include "reports/pages/doc.h"

namespace crm::reports::testing {
namespace {

TEST_CASE("a password anywhere in a page document is masked", "[reports]") {
  Object::Ptr doc = NewObject();
  Object::Ptr note = NewObject();
  note->set("text", "moved to postgresql://crm:s3cretpw@db.acme.example/crm yesterday");
  Array::Ptr notes = new Array;
  notes->add(note);
  notes->add(std::string("odbc:DSN=crm;UID=u;PWD=s3cretpw"));
  doc->set("notes", notes);
  doc->set("count", 3);
  ScrubSecrets(doc);
  const std::string json = ToJson(doc);
  CHECK(json.find("s3cretpw") == std::string::npos);
  CHECK(json.find("db.acme.example") != std::string::npos);
  CHECK(Int(doc, "count") == 3);
}

TEST_CASE("members are read whatever their JSON type, absent ones as empty", "[reports]") {
  Object::Ptr o = NewObject();
  o->set("n", "42");
  o->set("x", 1.5);
  o->set("b", true);
  o->set("null", Poco::Dynamic::Var());
  CHECK(Int(o, "n") == 42);
  CHECK(Real(o, "x") == 1.5);
  CHECK(Str(o, "b") == "true");
  CHECK(Bool(o, "b"));
  CHECK(!Has(o, "null"));
  CHECK(Str(o, "missing").empty());
  CHECK(Obj(o, "n") == nullptr);
  CHECK(Size(Arr(o, "missing")) == 0);
  CHECK(Size(OrEmpty(Arr(o, "missing"))) == 0);
}

}  // namespace
}  // namespace crm::reports::testing
