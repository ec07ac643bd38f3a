// A validating JSON scanner for one JSON Lines record that extracts the values at a fixed set of
// paths in a single pass, without building a document: a string comes out unescaped, a number,
// boolean, array or object as its exact original text, and JSON null (or a missing path) as null.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "staging/readers/record.h"

namespace crm::readers {

class JsonScanner {
 public:
  // `paths` address values: keys separated by dots, array elements by [n] ("address.city",
  // "tags[0]", "orders[2].total"). A key cannot contain '.', '[' or ']'. Throws
  // crm::Error(kSpec) for a malformed path.
  explicit JsonScanner(const std::vector<std::string>& paths);

  // Scans `line`, which must hold exactly one JSON object (whitespace around it is allowed) and
  // valid UTF-8. On success fills `fields` (one per path; views into `line` or `scratch`, valid
  // while both live and `scratch` is not modified) and, when `top_level_keys` is not null, appends
  // the object's top-level keys. On failure returns false with the byte position of the problem in
  // `line` and a message.
  bool Scan(std::string_view line, std::vector<Field>* fields, std::string* scratch,
            size_t* error_pos, std::string* message,
            std::vector<std::string>* top_level_keys = nullptr);

 private:
  struct Node {
    std::vector<std::pair<std::string, int>> keys;
    std::vector<std::pair<size_t, int>> indices;
    std::vector<size_t> outputs;  // paths that end here
  };
  class Parser;

  std::vector<Node> nodes_;
  size_t path_count_;
};

}  // namespace crm::readers
