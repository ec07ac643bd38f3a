// Disjoint sets over record indexes 0..n-1, shared by clustering (the match graph's pieces) and
// golden records (clusters joined by a shared key). 32-bit indexes: a million records cost 4 MB,
// where maps of rows and keys cost a hundred bytes and more per record. A set's root is its
// smallest index.
#pragma once

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

namespace crm::identity {

class UnionFind {
 public:
  explicit UnionFind(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0u); }
  uint32_t Find(uint32_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void Union(uint32_t a, uint32_t b) {
    a = Find(a), b = Find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::vector<uint32_t> parent_;
};

}  // namespace crm::identity
