// A table of a document's array of flat objects: one row per object, one cell per column (the
// column's key names the member). Arrays in a member are shown joined by ", ".
#pragma once

#include <string_view>
#include <vector>

#include "reports/html/table.h"
#include "reports/pages/doc.h"

namespace crm::reports {

// The member as a cell shows it: text, numbers, "yes"/"no", arrays joined, "-" when absent.
std::string CellText(const Object::Ptr& o, const std::string& key);

// Writes the table, or `empty_text` as an EmptyNote when the array is empty or absent.
void ObjectTable(HtmlWriter& html, std::string_view css, const Array::Ptr& rows,
                 const std::vector<Column>& columns, std::string_view empty_text);

}  // namespace crm::reports
