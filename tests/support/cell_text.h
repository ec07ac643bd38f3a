// How the data-driven suites render one cell of a staging query: NULL, integers and doubles as
// numbers, text quoted and escaped for display (readers::QuoteForDisplay).
#pragma once

#include <soci/soci.h>

#include <string>

namespace crm::testing {

std::string CellText(const soci::row& row, size_t i);

}  // namespace crm::testing
