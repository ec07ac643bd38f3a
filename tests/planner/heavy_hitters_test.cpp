#include "planner/profile/heavy_hitters.h"

#include <catch2/catch.hpp>
#include <string>

#include "staging/landing/hash.h"

namespace crm::plan {
namespace {

void Add(HeavyHitters* hh, const std::string& v) { hh->Add(staging::Hash64(v), v); }

std::string Render(const std::vector<HeavyHitter>& top) {
  std::string out;
  for (const HeavyHitter& h : top) {
    out += h.value + "=" + std::to_string(h.count) + (h.error ? "~" + std::to_string(h.error) : "") + " ";
  }
  return out;
}

TEST_CASE("heavy hitters: exact while the values fit, ties by value", "[planner][top]") {
  HeavyHitters hh(4);
  for (const char* v : {"b", "a", "c", "a", "b", "a"}) Add(&hh, v);
  CHECK(Render(hh.Top(10)) == "a=3 b=2 c=1 ");
  CHECK(Render(hh.Top(2)) == "a=3 b=2 ");
  CHECK(hh.exact());
}

TEST_CASE("heavy hitters: frequent values survive a long tail of unique ones", "[planner][top]") {
  HeavyHitters hh(16);
  for (int i = 0; i < 10000; ++i) {
    Add(&hh, "unique-" + std::to_string(i));
    if (i % 4 == 0) Add(&hh, "NL");   // 2500
    if (i % 10 == 0) Add(&hh, "BE");  // 1000
  }
  const std::vector<HeavyHitter> top = hh.Top(2);
  REQUIRE(top.size() == 2);
  CHECK_FALSE(hh.exact());
  CHECK(top[0].value == "NL");
  CHECK(top[1].value == "BE");
  // Space-Saving's guarantee: count - error <= true count <= count.
  CHECK(top[0].count >= 2500);
  CHECK(top[0].count - top[0].error <= 2500);
  CHECK(top[1].count >= 1000);
  CHECK(top[1].count - top[1].error <= 1000);
}

}  // namespace
}  // namespace crm::plan
