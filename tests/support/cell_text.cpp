#include "tests/support/cell_text.h"

#include "core/db/cells.h"
#include "staging/readers/record.h"

namespace crm::testing {

std::string CellText(const soci::row& row, size_t i) {
  if (row.get_indicator(i) == soci::i_null) return "NULL";
  const soci::data_type type = row.get_properties(i).get_data_type();
  if (type == soci::dt_string || type == soci::dt_xml) {
    return readers::QuoteForDisplay(row.get<std::string>(i));
  }
  return db::CellText(row, i);
}

}  // namespace crm::testing
