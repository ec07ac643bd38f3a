#include "staging/transforms/date_order.h"

#include <vector>

namespace crm::transforms {

std::string_view DateOrderName(DateOrder order) {
  switch (order) {
    case DateOrder::kDayFirst:
      return "day_first";
    case DateOrder::kMonthFirst:
      return "month_first";
    case DateOrder::kConflicting:
      return "conflicting";
    default:
      return "unknown";
  }
}

void DateOrderDetector::Add(std::string_view value) {
  std::vector<std::string_view> numbers;
  std::vector<std::string_view> separators;
  size_t pos = 0;
  while (pos < value.size() && value[pos] == ' ') ++pos;
  while (numbers.size() < 3 && pos < value.size()) {
    size_t start = pos;
    while (pos < value.size() && value[pos] >= '0' && value[pos] <= '9') ++pos;
    if (pos == start) break;
    numbers.push_back(value.substr(start, pos - start));
    start = pos;
    while (pos < value.size() && numbers.size() < 3 &&
           (value[pos] == '/' || value[pos] == '.' || value[pos] == '-')) {
      ++pos;
    }
    separators.push_back(value.substr(start, pos - start));
  }
  bool date_like = numbers.size() == 3 && separators[0].size() == 1 &&
                   separators[0] == separators[1] && numbers[0].size() <= 2 &&
                   numbers[1].size() <= 2;
  if (!date_like) {
    ++report_.skipped;
    return;
  }
  int a = std::stoi(std::string(numbers[0]));
  int b = std::stoi(std::string(numbers[1]));
  if (a < 1 || b < 1 || a > 31 || b > 31 || (a > 12 && b > 12)) {
    ++report_.skipped;
    return;
  }
  ++report_.values;
  std::string text(value.substr(0, pos));
  if (a > 12) {
    if (report_.day_first_proofs++ == 0) report_.day_first_example = text;
  } else if (b > 12) {
    if (report_.month_first_proofs++ == 0) report_.month_first_example = text;
  } else if (a != b) {
    ++report_.undecided;
  }
}

DateOrderReport DateOrderDetector::Report() const {
  DateOrderReport r = report_;
  if (r.day_first_proofs > 0 && r.month_first_proofs > 0) {
    r.order = DateOrder::kConflicting;
  } else if (r.day_first_proofs > 0) {
    r.order = DateOrder::kDayFirst;
  } else if (r.month_first_proofs > 0) {
    r.order = DateOrder::kMonthFirst;
  }
  return r;
}

std::string DateOrderReport::Describe() const {
  std::string out(DateOrderName(order));
  out += ": " + std::to_string(values) + " numeric dates";
  if (day_first_proofs > 0) {
    out += ", " + std::to_string(day_first_proofs) + " only day-first reads (e.g. " +
           day_first_example + ")";
  }
  if (month_first_proofs > 0) {
    out += ", " + std::to_string(month_first_proofs) + " only month-first reads (e.g. " +
           month_first_example + ")";
  }
  out += ", " + std::to_string(undecided) + " ambiguous";
  return out;
}

}  // namespace crm::transforms
