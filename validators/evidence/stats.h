// Statistics of a rule's result: the trend against the previous run of the same subset.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace crm::validate {

// "new" (no previous result for the rule), "fixed" (failures before, none now), "better" /
// "worse" (the failure rate fell / rose), "same".
std::string Trend(std::optional<int64_t> prev_failed, std::optional<int64_t> prev_checked,
                  int64_t failed, int64_t checked);

// The exact (Clopper-Pearson) 95% lower bound of a failure rate: the p at which seeing `failed`
// or more failures out of `checked` has probability 2.5%. A subset run blocks on a percentage
// threshold only when this bound lies above it: the full data is then over the threshold with
// 97.5% confidence. Exact rather than Wilson because pilots are small: 1 of 3 is no evidence
// against a 5% threshold (a 14% chance at exactly 5%), though Wilson's bound (6.2%) says so.
double ExactLowerBound(int64_t failed, int64_t checked);

// A rate as a percentage with up to two decimals: "3.16%", "0%".
std::string Percent(double fraction);

}  // namespace crm::validate
