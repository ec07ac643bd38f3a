#include "staging/readers/header_names.h"

#include <set>

namespace crm::readers {

std::vector<std::string> NameColumns(const std::vector<std::string_view>& header,
                                     std::vector<std::string>* notes) {
  // Names the file itself uses are never handed to a renamed column, so "id,id,id_2" does not end
  // up with two id_2 columns.
  const std::set<std::string, std::less<>> taken(header.begin(), header.end());
  std::set<std::string, std::less<>> used;
  std::vector<std::string> columns;
  for (size_t i = 0; i < header.size(); ++i) {
    std::string name(header[i]);
    const std::string position = std::to_string(i + 1);
    if (name.empty()) {
      name = "column_" + position;
      notes->push_back("header column " + position + " has no name; named " + name);
    } else if (used.count(name) != 0) {
      std::string candidate;
      for (int n = 2; candidate.empty() || used.count(candidate) || taken.count(candidate); ++n) {
        candidate = name + "_" + std::to_string(n);
      }
      notes->push_back("header column " + position + " repeats the name '" + name + "'; named " +
                       candidate);
      name = candidate;
    }
    used.insert(name);
    columns.push_back(std::move(name));
  }
  return columns;
}

}  // namespace crm::readers
