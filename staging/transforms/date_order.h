// Which of day and month comes first in a column of numeric dates ("03/04/2021"), decided from a
// sample of its values. The planner runs it over a column's sample before the spec declares a
// format; the stage may run it over the first rows of a load to check the declared order.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace crm::transforms {

enum class DateOrder {
  kUnknown,      // no value proves either order: every day so far was 12 or less
  kDayFirst,     // some value has a first number over 12 (31/01/2021) and none contradicts it
  kMonthFirst,   // some value has a second number over 12 (01/31/2021) and none contradicts it
  kConflicting,  // values prove both orders: the column mixes formats
};
std::string_view DateOrderName(DateOrder order);  // "unknown", "day_first", ...

struct DateOrderReport {
  DateOrder order = DateOrder::kUnknown;
  size_t values = 0;              // values that had day and month as numbers
  size_t day_first_proofs = 0;    // values only day-first can read
  size_t month_first_proofs = 0;  // values only month-first can read
  size_t undecided = 0;           // values both orders read, differently (03/04/2021)
  size_t skipped = 0;             // year-first (ISO) values and values that are not dates
  std::string day_first_example;
  std::string month_first_example;

  // One line for a report: "day_first: 120 of 400 values prove it (e.g. 31/01/2021), 280 are
  // ambiguous".
  std::string Describe() const;
};

// Not thread-safe: one detector per column, fed from one thread.
class DateOrderDetector {
 public:
  // Looks at the first two numbers of `value` when it starts with three numbers separated by
  // the same non-digit characters and the first is not a four-digit year.
  void Add(std::string_view value);
  DateOrderReport Report() const;

 private:
  DateOrderReport report_;
};

}  // namespace crm::transforms
