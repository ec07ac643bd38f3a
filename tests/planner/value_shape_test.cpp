#include "planner/profile/value_shape.h"

#include <catch2/catch.hpp>

namespace crm::plan {
namespace {

std::string Shape(std::string_view v) {
  std::string out = "stale";
  ValueShape(v, &out);
  return out;
}

TEST_CASE("value shapes: classes, letter runs cut, digits kept", "[planner][shape]") {
  CHECK(Shape("John Smith") == "Aaaa Aaaa");
  CHECK(Shape("JOHNSON") == "AAA");
  CHECK(Shape("john@example.com") == "aaa@aaa.aaa");
  CHECK(Shape("555-1234") == "999-9999");
  CHECK(Shape("1234 AB") == "9999 AA");
  CHECK(Shape("+31 6 12345678") == "+99 9 99999999");
  CHECK(Shape("McDonald") == "AaAaaa");
  CHECK(Shape("") == "");
}

TEST_CASE("value shapes: a non-ASCII letter is one lower-case letter", "[planner][shape]") {
  CHECK(Shape("Öztürk") == "aaa");  // Ö counts as lower-case: no Unicode case lookup
  CHECK(Shape("José") == "Aaaa");
}

TEST_CASE("value shapes: long values end in an ellipsis", "[planner][shape]") {
  const std::string digits(100, '7');
  const std::string shape = Shape(digits);
  CHECK(shape == std::string(kMaxShapeLength, '9') + "\xE2\x80\xA6");
}

}  // namespace
}  // namespace crm::plan
