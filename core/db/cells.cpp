#include "core/db/cells.h"

#include <charconv>
#include <cstdio>
#include <ctime>
#include <stdexcept>

namespace crm::db {
namespace {

std::string DateText(const std::tm& t) {
  char buffer[64];
  if (t.tm_hour == 0 && t.tm_min == 0 && t.tm_sec == 0) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", t.tm_year + 1900, t.tm_mon + 1,
                  t.tm_mday);
  } else {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d %02d:%02d:%02d", t.tm_year + 1900,
                  t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec);
  }
  return buffer;
}

template <typename T>
std::string NumberText(T value) {
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

}  // namespace

std::string CellText(const soci::row& row, std::size_t i) {
  switch (row.get_properties(i).get_data_type()) {
    case soci::dt_string:
    case soci::dt_xml:
      return row.get<std::string>(i);
    case soci::dt_double:
      return NumberText(row.get<double>(i));
    case soci::dt_integer:
      return NumberText(row.get<int>(i));
    case soci::dt_long_long:
      return NumberText(row.get<long long>(i));
    case soci::dt_unsigned_long_long:
      return NumberText(row.get<unsigned long long>(i));
    case soci::dt_date:
      return DateText(row.get<std::tm>(i));
    default:
      throw std::runtime_error("column " + row.get_properties(i).get_name() +
                               " has a type that cannot be read as text");
  }
}

std::optional<int64_t> CellInteger(const soci::row& row, std::size_t i) {
  if (row.get_indicator(i) == soci::i_null) return std::nullopt;
  switch (row.get_properties(i).get_data_type()) {
    case soci::dt_integer:
      return row.get<int>(i);
    case soci::dt_long_long:
      return row.get<long long>(i);
    case soci::dt_unsigned_long_long:
      return static_cast<int64_t>(row.get<unsigned long long>(i));
    case soci::dt_double:
      return static_cast<int64_t>(row.get<double>(i));
    default:
      return std::stoll(row.get<std::string>(i));
  }
}

}  // namespace crm::db
