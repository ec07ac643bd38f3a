// Many spellings of one thing onto one code ("IT", "Information Technology", "software" →
// "it_services"), e.g. an industry or a lead source, from the spec or a file beside it.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace crm::transforms {

// What a value that is in no entry becomes.
enum class UnmappedPolicy {
  kError,  // the transform fails ("unmapped value 'Bakery'")
  kKeep,   // the value passes through unchanged
  kNull,   // the value becomes NULL
};

// A read-only table from spellings to codes, plus a thread-safe tally of the values it did not
// know (for the stage's summary and the plan report). Spellings match when their keys are equal:
// Unicode case-folded, surrounding spaces trimmed, inner runs of spaces as one — accents and
// punctuation count ("Café" and "Cafe" are different spellings).
class ValueMap {
 public:
  // Each entry is (spelling, code). Every code also maps to itself. Fails when one spelling is
  // given two different codes ("'it' maps to both 'it_services' and 'italy'").
  static bool TryBuild(const std::vector<std::pair<std::string, std::string>>& entries,
                       std::unique_ptr<ValueMap>* out, std::string* error);

  // Reads entries from a file: one "spelling<TAB>code" or "spelling,code" a line (the last
  // separator splits, so a spelling may contain commas when the code does not); blank lines and
  // lines starting with '#' are skipped.
  static bool TryReadEntries(const std::string& path,
                             std::vector<std::pair<std::string, std::string>>* entries,
                             std::string* error);

  // The code for `in`, or false; a miss is counted for Unknown().
  bool Lookup(std::string_view in, std::string* code) const;

  // Distinct values Lookup missed, most frequent first (ties by value), at most `limit`. At
  // most 10,000 distinct values are tallied; later new ones are only counted in total_misses().
  std::vector<std::pair<std::string, uint64_t>> Unknown(size_t limit) const;
  uint64_t total_misses() const;

  size_t size() const { return codes_.size(); }

 private:
  static bool TryKey(std::string_view in, std::string* key);

  std::unordered_map<std::string, std::string> codes_;
  mutable std::mutex misses_mutex_;
  mutable std::unordered_map<std::string, uint64_t> misses_;
  mutable uint64_t total_misses_ = 0;
};

}  // namespace crm::transforms
