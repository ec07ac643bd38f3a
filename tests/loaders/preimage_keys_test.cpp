// The keys of an insert_batch pre-image survive the trip through its JSON array, whatever they
// hold: a rollback deletes exactly the rows whose keys come back.
#include <catch2/catch.hpp>

#include "core/common/error.h"
#include "loaders/cutover_journal.h"

namespace crm::loaders {
namespace {

TEST_CASE("insert_batch keys round-trip through their JSON array", "[cutover][preimages]") {
  const std::vector<std::string> keys = {
      "L-1", "", "quote \" and backslash \\", "line\nbreak\r\ttab", std::string("nul\0x", 5),
      "\x01\x1f control", "Müller / 東京", "[\"not\", \"an array\"]"};
  const std::string packed = PackKeys(keys);
  CHECK(packed.find('\n') == std::string::npos);
  CHECK(UnpackKeys(packed) == keys);
  CHECK(PackKeys({}) == "[]");
  CHECK(UnpackKeys("[]").empty());
}

TEST_CASE("keys that are not a JSON array are an internal error", "[cutover][preimages]") {
  CHECK_THROWS_AS(UnpackKeys("[\"unterminated"), Error);
  CHECK_THROWS_AS(UnpackKeys("{\"a\": 1}"), Error);
}

}  // namespace
}  // namespace crm::loaders
