#include "staging/shaping/date_orders.h"

#include "staging/shaping/transform_chain.h"

namespace crm::staging {

FormatOrder OrderOfFormat(std::string_view format) {
  size_t day = std::string_view::npos, month = std::string_view::npos,
         year = std::string_view::npos;
  for (size_t i = 0; i + 1 < format.size(); ++i) {
    if (format[i] != '%') continue;
    char d = format[++i];
    if ((d == 'd' || d == 'e') && day == std::string_view::npos) day = i;
    if (d == 'm' && month == std::string_view::npos) month = i;
    if ((d == 'Y' || d == 'y' || d == 'F') && year == std::string_view::npos) year = i;
    // A month name cannot be mistaken for a day.
    if (d == 'b' || d == 'B') return FormatOrder::kNeither;
  }
  if (day == std::string_view::npos || month == std::string_view::npos) {
    return FormatOrder::kNeither;
  }
  // The detector skips values that start with a year, so such formats take no side.
  if (year != std::string_view::npos && year < day && year < month) return FormatOrder::kNeither;
  return day < month ? FormatOrder::kDayFirst : FormatOrder::kMonthFirst;
}

bool ReadsBothOrders(const std::vector<std::string>& formats) {
  bool day_first = false, month_first = false;
  for (const std::string& f : formats) {
    FormatOrder o = OrderOfFormat(f);
    day_first = day_first || o == FormatOrder::kDayFirst;
    month_first = month_first || o == FormatOrder::kMonthFirst;
  }
  return day_first && month_first;
}

std::vector<std::string> FormatsForOrder(const std::vector<std::string>& formats,
                                         transforms::DateOrder order) {
  FormatOrder drop;
  if (order == transforms::DateOrder::kDayFirst) {
    drop = FormatOrder::kMonthFirst;
  } else if (order == transforms::DateOrder::kMonthFirst) {
    drop = FormatOrder::kDayFirst;
  } else {
    return formats;
  }
  std::vector<std::string> kept;
  for (const std::string& f : formats) {
    if (OrderOfFormat(f) != drop) kept.push_back(f);
  }
  return kept;
}

std::string DescribeDateOrder(const std::string& source, const std::string& entity,
                              const std::string& field, const std::string& column,
                              const transforms::DateOrderReport& report,
                              const std::vector<std::string>& formats) {
  std::string out = source + ": " + entity + "." + field + " from " + column + ": " +
                    report.Describe() + "; ";
  if (report.order == transforms::DateOrder::kDayFirst ||
      report.order == transforms::DateOrder::kMonthFirst) {
    FormatOrder keep = report.order == transforms::DateOrder::kDayFirst ? FormatOrder::kDayFirst
                                                                       : FormatOrder::kMonthFirst;
    std::string list;
    for (const std::string& f : formats) {
      if (OrderOfFormat(f) == keep) list += (list.empty() ? "" : ", ") + f;
    }
    return out + "reading " + list + " only";
  }
  if (report.order == transforms::DateOrder::kConflicting) {
    return out + "the column mixes both orders: keeping all formats, ambiguous values fail";
  }
  return out + "the sample cannot tell: keeping all formats, ambiguous values fail";
}

DateOrders DecideDateOrders(const spec::Spec& spec, const spec::Entity& entity,
                            size_t mapping_index, const ColumnSampler& sample,
                            std::vector<std::string>* decisions) {
  DateOrders orders;
  const spec::SourceMapping& sm = entity.from.at(mapping_index);
  const spec::Source* source = spec.FindSource(sm.source);
  if (source == nullptr) return orders;  // the RowMapper reports it
  for (const spec::FieldMapping& m : sm.map) {
    const spec::Field* field = entity.FindField(m.field);
    if (field == nullptr || m.from.empty() || m.value || !m.templ.empty() || !m.concat.empty()) {
      continue;
    }
    std::vector<std::string> formats = AmbiguousDateFormats(*source, *field, m);
    if (formats.empty()) continue;
    transforms::DateOrderDetector detector;
    for (const std::string& value : sample(m.from)) detector.Add(value);
    transforms::DateOrderReport report = detector.Report();
    orders[m.field] = report.order;
    decisions->push_back(
        DescribeDateOrder(sm.source, entity.name, m.field, m.from, report, formats));
  }
  return orders;
}

}  // namespace crm::staging
