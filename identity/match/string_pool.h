// Strings stored end to end in one buffer, addressed by index: a value costs its bytes and an
// 8-byte offset, where a std::string costs 32 bytes plus a heap block for anything longer than
// 15 bytes (most e-mail addresses). Matching holds the distinct values of every field and the key
// of every record this way, so three million records stay within a few hundred megabytes.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace crm::identity {

class StringPool {
 public:
  StringPool() { offsets_.push_back(0); }
  StringPool(std::initializer_list<std::string_view> values) : StringPool() {
    for (std::string_view v : values) push_back(v);
  }

  size_t size() const { return offsets_.size() - 1; }
  bool empty() const { return size() == 0; }
  // Valid until the next push_back.
  std::string_view operator[](size_t i) const {
    return {data_.data() + offsets_[i], static_cast<size_t>(offsets_[i + 1] - offsets_[i])};
  }
  void push_back(std::string_view value) {
    data_.append(value);
    offsets_.push_back(data_.size());
  }
  void reserve(size_t values) { offsets_.reserve(values + 1); }
  // Gives back the room growth left over once the pool is complete.
  void shrink_to_fit() {
    data_.shrink_to_fit();
    offsets_.shrink_to_fit();
  }

 private:
  std::string data_;
  std::vector<uint64_t> offsets_;
};

}  // namespace crm::identity
