#include "staging/shaping/key_set.h"

#include <cstring>

namespace crm::staging {
namespace {

uint64_t HashKey(std::string_view key) {
  uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : key) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h | 1;
}

}  // namespace

KeySet::KeySet() : slots_(1024) {}

std::string_view KeySet::KeyAt(uint64_t offset) const {
  uint32_t length = 0;
  std::memcpy(&length, arena_.data() + offset, sizeof length);
  return std::string_view(arena_.data() + offset + sizeof length, length);
}

void KeySet::Grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.hash == 0) continue;
    size_t i = (s.hash >> 7) & mask;
    while (slots_[i].hash != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

bool KeySet::Insert(std::string_view key) {
  if ((size_ + 1) * 4 > slots_.size() * 3) Grow();
  uint64_t h = HashKey(key);
  size_t mask = slots_.size() - 1;
  size_t i = (h >> 7) & mask;
  while (slots_[i].hash != 0) {
    if (slots_[i].hash == h && KeyAt(slots_[i].offset) == key) return false;
    i = (i + 1) & mask;
  }
  uint32_t length = static_cast<uint32_t>(key.size());
  slots_[i] = Slot{h, arena_.size()};
  arena_.append(reinterpret_cast<const char*>(&length), sizeof length);
  arena_.append(key);
  ++size_;
  return true;
}

}  // namespace crm::staging
