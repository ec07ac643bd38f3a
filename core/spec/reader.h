// Internal to core/spec: reads one validated map of the tree, taking every default from the
// grammar table so defaults live in exactly one place.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/spec/tree.h"

namespace crm::spec::internal {

class Reader {
 public:
  // `map` may be nullptr (absent): every read returns the default.
  Reader(const Node* map, std::string pattern) : map_(map), pattern_(std::move(pattern)) {}

  bool Has(std::string_view key) const { return Get(key) != nullptr; }
  const Node* Get(std::string_view key) const { return map_ ? map_->Get(key) : nullptr; }
  Reader Sub(std::string_view key) const { return Reader(Get(key), Child(key)); }

  std::string Str(std::string_view key) const;  // the value, else the literal default, else ""
  int64_t Int(std::string_view key) const;
  double Num(std::string_view key) const;
  bool Bool(std::string_view key) const;
  std::vector<std::string> List(std::string_view key) const;

  // Valid entries of the map (for maps of user-chosen names).
  std::vector<const Entry*> Entries() const;
  const std::string& pattern() const { return pattern_; }
  std::string Child(std::string_view key) const {
    return pattern_.empty() ? std::string(key) : pattern_ + "." + std::string(key);
  }

 private:
  const Node* map_;
  std::string pattern_;
};

}  // namespace crm::spec::internal

namespace crm::spec::internal {

// The enum value whose Name() is `name`; `fallback` when none is (the validator has already
// reported it).
template <typename E>
E EnumFromName(std::string_view name, E fallback) {
  for (int i = 0; i < 32; ++i) {
    E value = static_cast<E>(i);
    if (Name(value) == "?") break;
    if (Name(value) == name) return value;
  }
  return fallback;
}

}  // namespace crm::spec::internal
