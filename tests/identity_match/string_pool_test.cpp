// StringPool: values stored end to end stay addressable by index as the pool grows, empty values
// and embedded NULs included (matching keeps every distinct field value and key this way).
#include <catch2/catch.hpp>
#include <string>

#include "identity/match/string_pool.h"

namespace crm::identity {
namespace {

TEST_CASE("a string pool returns every value it was given, by index", "[identity][match][pool]") {
  StringPool pool = {""};
  std::vector<std::string> given = {""};
  for (int i = 0; i < 5000; ++i) {  // enough to reallocate the buffer many times
    given.push_back(i % 7 == 0 ? std::string() : "value " + std::to_string(i) + "@x.example");
    pool.push_back(given.back());
  }
  given.push_back(std::string("nul\0inside", 10));
  pool.push_back(given.back());
  pool.shrink_to_fit();
  REQUIRE(pool.size() == given.size());
  for (size_t i = 0; i < given.size(); ++i) CHECK(pool[i] == given[i]);
}

}  // namespace
}  // namespace crm::identity
