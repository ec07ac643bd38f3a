// Day-first or month-first: when a date field's formats read numeric dates both ways ("%d/%m/%Y"
// and "%m/%d/%Y"), "03/04/2021" is ambiguous and fails the transform. Shaping samples the source
// column once before mapping, lets the DateOrderDetector (staging/transforms/date_order.h) decide
// the order the data proves, and keeps only the formats of that order for the column, so every
// value reads one way. When the sample cannot tell (every day 12 or less) or proves both orders,
// all formats stay and an ambiguous value still fails; the decision says so.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/spec/spec.h"
#include "staging/transforms/date_order.h"

namespace crm::staging {

// Non-null values of a source column sampled to decide its order.
constexpr size_t kDateOrderSample = 10000;

enum class FormatOrder { kNeither, kDayFirst, kMonthFirst };

// Day-first when %d/%e comes before %m in `format`, month-first when after; neither when one is
// missing, a year directive comes first (ISO) or the month is a name (%b, %B).
FormatOrder OrderOfFormat(std::string_view format);

// True when `formats` hold a day-first and a month-first format.
bool ReadsBothOrders(const std::vector<std::string>& formats);

// `formats` without those of the other order when `order` is day- or month-first; unchanged
// otherwise.
std::vector<std::string> FormatsForOrder(const std::vector<std::string>& formats,
                                         transforms::DateOrder order);

// The order decided per field name for one source mapping; fields not in it use all formats.
using DateOrders = std::map<std::string, transforms::DateOrder, std::less<>>;

// Up to kDateOrderSample non-null values of a source column (as the source spells it), in line
// order.
using ColumnSampler = std::function<std::vector<std::string>(const std::string& column)>;

// Decides the order of every field of entity.from[mapping_index] mapped `from` one column whose
// date formats read both orders, from that column's sample; appends one decision per such field
// to `decisions`. Fields built from several columns (template, concat) keep all formats.
DateOrders DecideDateOrders(const spec::Spec& spec, const spec::Entity& entity,
                            size_t mapping_index, const ColumnSampler& sample,
                            std::vector<std::string>* decisions);

// The one-line decision for a report: "legacy: contact.born from Geboren: day_first: 9 numeric
// dates, 2 only day-first reads (e.g. 31/01/2021), 7 ambiguous; reading %d/%m/%Y only".
std::string DescribeDateOrder(const std::string& source, const std::string& entity,
                              const std::string& field, const std::string& column,
                              const transforms::DateOrderReport& report,
                              const std::vector<std::string>& formats);

}  // namespace crm::staging
