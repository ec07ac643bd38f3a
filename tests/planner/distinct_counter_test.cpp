#include "planner/profile/distinct_counter.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "staging/landing/hash.h"

namespace crm::plan {
namespace {

uint64_t H(int64_t i) { return staging::Hash64("value-" + std::to_string(i)); }

TEST_CASE("distinct: exact up to the limit, repeats counted once", "[planner][distinct]") {
  DistinctCounter counter(100);
  for (int round = 0; round < 3; ++round) {
    for (int64_t i = 0; i < 100; ++i) counter.Add(H(i));
  }
  const DistinctEstimate e = counter.Estimate();
  CHECK(e.value == 100);
  CHECK(e.exact);
  CHECK(e.error == 0);
}

TEST_CASE("distinct: past the limit a HyperLogLog estimate within its error", "[planner][distinct]") {
  for (int64_t n : {1000, 50000, 1000000}) {
    DistinctCounter counter(500, 14);
    for (int64_t i = 0; i < n; ++i) counter.Add(H(i));
    for (int64_t i = 0; i < n; i += 7) counter.Add(H(i));  // repeats do not count
    const DistinctEstimate e = counter.Estimate();
    CHECK_FALSE(e.exact);
    CHECK(e.error == Approx(1.04 / 128).epsilon(0.001));
    // Three standard errors: a failure here is a broken estimator, not bad luck (p < 0.003).
    INFO("n=" << n << " estimate=" << e.value);
    CHECK(std::abs(static_cast<double>(e.value - n)) <= 3 * e.error * static_cast<double>(n));
  }
}

TEST_CASE("distinct: an empty column has none", "[planner][distinct]") {
  DistinctCounter counter;
  CHECK(counter.Estimate().value == 0);
  CHECK(counter.Estimate().exact);
}

}  // namespace
}  // namespace crm::plan
