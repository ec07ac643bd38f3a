#include "tests/support/cell_text.h"

#include <charconv>

#include "staging/readers/record.h"

namespace crm::testing {

std::string CellText(const soci::row& row, size_t i) {
  if (row.get_indicator(i) == soci::i_null) return "NULL";
  switch (row.get_properties(i).get_data_type()) {
    case soci::dt_integer:
      return std::to_string(row.get<int>(i));
    case soci::dt_long_long:
      return std::to_string(row.get<long long>(i));
    case soci::dt_unsigned_long_long:
      return std::to_string(row.get<unsigned long long>(i));
    case soci::dt_double: {
      char buffer[64];
      auto end = std::to_chars(buffer, buffer + sizeof buffer, row.get<double>(i)).ptr;
      return std::string(buffer, end);
    }
    default:
      return readers::QuoteForDisplay(row.get<std::string>(i));
  }
}

}  // namespace crm::testing
