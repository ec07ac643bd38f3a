#include "staging/transforms/mo_catalog.h"

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string_view>

namespace crm::transforms {
namespace {

constexpr uint32_t kMagic = 0x950412de;
constexpr uint32_t kMagicSwapped = 0xde120495;

uint32_t ReadU32(std::string_view data, size_t offset, bool swapped) {
  uint32_t v = static_cast<uint32_t>(static_cast<unsigned char>(data[offset])) |
               static_cast<uint32_t>(static_cast<unsigned char>(data[offset + 1])) << 8 |
               static_cast<uint32_t>(static_cast<unsigned char>(data[offset + 2])) << 16 |
               static_cast<uint32_t>(static_cast<unsigned char>(data[offset + 3])) << 24;
  if (swapped) {
    v = (v >> 24) | ((v >> 8) & 0xff00) | ((v << 8) & 0xff0000) | (v << 24);
  }
  return v;
}

// The string described by the table entry at `entry` (length, offset), or false when it points
// outside the file.
bool ReadString(std::string_view data, size_t entry, bool swapped, std::string_view* out) {
  if (entry + 8 > data.size()) return false;
  uint32_t length = ReadU32(data, entry, swapped);
  uint32_t offset = ReadU32(data, entry + 4, swapped);
  if (static_cast<uint64_t>(offset) + length > data.size()) return false;
  *out = data.substr(offset, length);
  return true;
}

}  // namespace

bool TryReadMoCatalog(const std::string& path, MoEntries* entries, std::string* error) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    *error = "cannot open " + path;
    return false;
  }
  std::ostringstream buffer;
  buffer << file.rdbuf();
  std::string bytes = buffer.str();
  std::string_view data = bytes;
  if (data.size() < 28) {
    *error = path + ": too short for a .mo file";
    return false;
  }
  uint32_t magic = ReadU32(data, 0, false);
  if (magic != kMagic && magic != kMagicSwapped) {
    *error = path + ": not a .mo file (bad magic number)";
    return false;
  }
  bool swapped = magic == kMagicSwapped;
  uint32_t count = ReadU32(data, 8, swapped);
  uint32_t originals = ReadU32(data, 12, swapped);
  uint32_t translations = ReadU32(data, 16, swapped);
  entries->clear();
  entries->reserve(count);
  for (uint32_t i = 0; i < count; ++i) {
    std::string_view original;
    std::string_view translation;
    if (!ReadString(data, originals + 8ull * i, swapped, &original) ||
        !ReadString(data, translations + 8ull * i, swapped, &translation)) {
      *error = path + ": string table entry " + std::to_string(i) + " outside the file";
      return false;
    }
    if (original.empty()) continue;  // the catalog header
    // Plural forms are separated by NUL; the first is the singular.
    original = original.substr(0, original.find('\0'));
    translation = translation.substr(0, translation.find('\0'));
    entries->emplace_back(original, translation);
  }
  return true;
}

}  // namespace crm::transforms
