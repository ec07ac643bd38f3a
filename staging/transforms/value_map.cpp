#include "staging/transforms/value_map.h"

#include <algorithm>
#include <fstream>
#include <memory>

#include "staging/transforms/text_transforms.h"

namespace crm::transforms {
namespace {

constexpr size_t kMaxTalliedMisses = 10000;

}  // namespace

bool ValueMap::TryKey(std::string_view in, std::string* key) {
  std::string error;
  return TryLower(CollapseWhitespace(in), key, &error);
}

bool ValueMap::TryBuild(const std::vector<std::pair<std::string, std::string>>& entries,
                        std::unique_ptr<ValueMap>* out, std::string* error) {
  std::unique_ptr<ValueMap> map(new ValueMap());
  auto add = [&](const std::string& spelling, const std::string& code) {
    std::string key;
    if (!TryKey(spelling, &key)) {
      *error = "value map: '" + spelling + "' is not valid UTF-8";
      return false;
    }
    auto [it, inserted] = map->codes_.try_emplace(key, code);
    if (!inserted && it->second != code) {
      *error = "value map: '" + spelling + "' maps to both '" + it->second + "' and '" + code + "'";
      return false;
    }
    return true;
  };
  for (const auto& [spelling, code] : entries) {
    if (!add(spelling, code)) return false;
  }
  for (const auto& entry : entries) {
    std::string key;
    // A code is a spelling of itself unless an entry already gives that spelling another code.
    if (TryKey(entry.second, &key)) map->codes_.try_emplace(key, entry.second);
  }
  *out = std::move(map);
  return true;
}

bool ValueMap::TryReadEntries(const std::string& path,
                              std::vector<std::pair<std::string, std::string>>* entries,
                              std::string* error) {
  std::ifstream in(path);
  if (!in) {
    *error = "cannot read value map " + path;
    return false;
  }
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string trimmed = Trim(line);
    if (trimmed.empty() || trimmed[0] == '#') continue;
    size_t split = line.rfind('\t');
    if (split == std::string::npos) split = line.rfind(',');
    if (split == std::string::npos) {
      *error = path + ":" + std::to_string(number) +
               ": expected 'spelling<TAB>code' or "
               "'spelling,code'";
      return false;
    }
    entries->emplace_back(Trim(line.substr(0, split)), Trim(line.substr(split + 1)));
  }
  return true;
}

bool ValueMap::Lookup(std::string_view in, std::string* code) const {
  std::string key;
  if (TryKey(in, &key)) {
    auto it = codes_.find(key);
    if (it != codes_.end()) {
      *code = it->second;
      return true;
    }
  }
  std::lock_guard<std::mutex> lock(misses_mutex_);
  ++total_misses_;
  std::string value = CollapseWhitespace(in);
  auto it = misses_.find(value);
  if (it != misses_.end()) {
    ++it->second;
  } else if (misses_.size() < kMaxTalliedMisses) {
    misses_.emplace(value, 1);
  }
  return false;
}

std::vector<std::pair<std::string, uint64_t>> ValueMap::Unknown(size_t limit) const {
  std::vector<std::pair<std::string, uint64_t>> out;
  {
    std::lock_guard<std::mutex> lock(misses_mutex_);
    out.assign(misses_.begin(), misses_.end());
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

uint64_t ValueMap::total_misses() const {
  std::lock_guard<std::mutex> lock(misses_mutex_);
  return total_misses_;
}

}  // namespace crm::transforms
