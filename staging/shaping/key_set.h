// The keys seen in one source load, for duplicate_key rejects: exact (keys are compared byte for
// byte, never by hash alone) and compact — an open-addressing table of 16-byte slots plus one
// arena of the key bytes, about 30 MB for a million 10-byte keys instead of ~80 MB for an
// unordered_set<std::string>.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace crm::staging {

class KeySet {
 public:
  KeySet();
  // Adds `key`; false when it was already there.
  bool Insert(std::string_view key);
  size_t size() const { return size_; }

 private:
  struct Slot {
    uint64_t hash = 0;    // 0: empty (real hashes have the low bit set)
    uint64_t offset = 0;  // of the key's 4-byte length prefix in arena_
  };
  std::string_view KeyAt(uint64_t offset) const;
  void Grow();

  std::vector<Slot> slots_;
  std::string arena_;
  size_t size_ = 0;
};

}  // namespace crm::staging
