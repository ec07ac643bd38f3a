#include "reports/pages/doc_table.h"

namespace crm::reports {

std::string CellText(const Object::Ptr& o, const std::string& key) {
  if (!Has(o, key)) return "-";
  Poco::Dynamic::Var v = o->get(key);
  if (v.type() == typeid(bool)) return v.extract<bool>() ? "yes" : "no";
  if (Array::Ptr a = Arr(o, key)) {
    std::string out;
    for (size_t i = 0; i < a->size(); ++i) {
      Poco::Dynamic::Var item = a->get(i);
      if (item.type() == typeid(Object::Ptr)) continue;
      out += (out.empty() ? "" : ", ") + VarText(item);
    }
    return out;
  }
  if (v.type() == typeid(Object::Ptr)) return "";
  return VarText(v);
}

void ObjectTable(HtmlWriter& html, std::string_view css, const Array::Ptr& rows,
                 const std::vector<Column>& columns, std::string_view empty_text) {
  if (Size(rows) == 0) {
    EmptyNote(html, empty_text);
    return;
  }
  BeginTable(html, css, columns);
  for (size_t i = 0; i < rows->size(); ++i) {
    Object::Ptr row = ObjAt(rows, i);
    html.Open("tr");
    for (const Column& c : columns) Cell(html, c, CellText(row, c.key));
    html.Close();
  }
  EndTable(html);
}

}  // namespace crm::reports
