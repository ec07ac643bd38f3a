#include "core/common/text.h"

#include <catch2/catch.hpp>

TEST_CASE("EditDistance counts single-byte edits", "[text]") {
  CHECK(crm::EditDistance("emial", "email") == 1);
  CHECK(crm::EditDistance("kitten", "sitting") == 3);
  CHECK(crm::EditDistance("", "abc") == 3);
  CHECK(crm::EditDistance("same", "same") == 0);
}

TEST_CASE("ClosestMatch suggests plausible typos only", "[text]") {
  std::vector<std::string> keys = {"email", "phone", "country", "first_name"};
  CHECK(crm::ClosestMatch("emial", keys) == "email");
  CHECK(crm::ClosestMatch("Phone", keys) == "phone");
  CHECK(crm::ClosestMatch("zzzzzz", keys).empty());
}

TEST_CASE("Split keeps empty pieces", "[text]") {
  CHECK(crm::Join(crm::Split("a,,b", ','), "|") == "a||b");
  CHECK(crm::TrimView("  x y \t") == "x y");
}
