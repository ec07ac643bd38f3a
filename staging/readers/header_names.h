// Column names from a CSV header row, made usable as staging column names: an empty name becomes
// "column_N" (N the 1-based position) and a repeated name gets the first free suffix "_2", "_3", ...
// that no other header name uses. Each change is explained in one sentence appended to `notes`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace crm::readers {

std::vector<std::string> NameColumns(const std::vector<std::string_view>& header,
                                     std::vector<std::string>* notes);

}  // namespace crm::readers
