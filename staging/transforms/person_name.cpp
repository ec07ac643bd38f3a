#include "staging/transforms/person_name.h"

#include <algorithm>
#include <array>
#include <vector>

#include "core/common/text.h"
#include "staging/transforms/text_transforms.h"

namespace crm::transforms {
namespace {

// Compared against the lower-cased word without its trailing dot.
constexpr std::array<std::string_view, 27> kTitles = {
    "mr",  "mrs",  "ms",   "miss", "mx",  "dr",  "prof", "sir",  "dame",
    "rev", "herr", "frau", "dipl", "ing", "dhr", "mevr", "mw",   "drs",
    "ir",  "ds",   "mme",  "mlle", "m",   "sr",  "sra",  "srta", "mag"};
constexpr std::array<std::string_view, 10> kSuffixes = {"jr",  "sr", "ii",  "iii", "iv",
                                                        "phd", "md", "msc", "bsc", "esq"};
constexpr std::array<std::string_view, 28> kParticles = {
    "van", "von", "de",  "der", "den", "het", "'t",  "ten",   "ter", "te",
    "la",  "le",  "du",  "des", "da",  "di",  "del", "della", "dos", "das",
    "do",  "zu",  "zum", "zur", "bin", "ibn", "al",  "st"};

std::string Key(std::string_view word) {
  std::string key = ToLowerAscii(word);
  if (!key.empty() && key.back() == '.') key.pop_back();
  return key;
}

template <size_t N>
bool In(const std::array<std::string_view, N>& list, std::string_view word) {
  std::string key = Key(word);
  return std::find(list.begin(), list.end(), key) != list.end();
}

std::vector<std::string> Words(std::string_view text) {
  return Split(CollapseWhitespace(text), ' ');
}

std::string JoinRange(const std::vector<std::string>& words, size_t begin, size_t end) {
  std::vector<std::string> part(words.begin() + static_cast<long>(begin),
                                words.begin() + static_cast<long>(end));
  return Join(part, " ");
}

// Takes titles off the front and suffixes off the back of `words`.
void TakeTitlesAndSuffixes(std::vector<std::string>* words, PersonName* out) {
  size_t titles = 0;
  while (titles + 1 < words->size() && In(kTitles, (*words)[titles])) ++titles;
  out->title = JoinRange(*words, 0, titles);
  words->erase(words->begin(), words->begin() + static_cast<long>(titles));
  size_t end = words->size();
  while (end > 1 && In(kSuffixes, (*words)[end - 1])) --end;
  out->suffix = JoinRange(*words, end, words->size());
  words->resize(end);
}

}  // namespace

bool TrySplitPersonName(std::string_view in, PersonName* out, std::string* error) {
  PersonName name;
  std::string text = CollapseWhitespace(in);
  size_t comma = text.find(',');
  if (comma != std::string::npos) {
    std::vector<std::string> last = Words(std::string_view(text).substr(0, comma));
    std::vector<std::string> first = Words(std::string_view(text).substr(comma + 1));
    // "Smith, Jr., John" and "Smith, John, Jr." keep the suffix out of the given names.
    std::erase_if(first, [](const std::string& w) { return w == ","; });
    for (std::string& w : first) {
      if (!w.empty() && w.back() == ',') w.pop_back();
    }
    TakeTitlesAndSuffixes(&first, &name);
    size_t particles = first.size();
    while (particles > 1 && In(kParticles, first[particles - 1])) --particles;
    std::vector<std::string> moved(first.begin() + static_cast<long>(particles), first.end());
    first.resize(particles);
    moved.insert(moved.end(), last.begin(), last.end());
    name.first = Join(first, " ");
    name.last = Join(moved, " ");
  } else {
    std::vector<std::string> words = Words(text);
    TakeTitlesAndSuffixes(&words, &name);
    if (words.size() == 1 && !In(kTitles, words[0])) {
      name.last = words[0];
    } else if (words.size() > 1) {
      size_t start = words.size() - 1;
      for (size_t i = 1; i + 1 < words.size(); ++i) {
        if (In(kParticles, words[i])) {
          start = i;
          break;
        }
      }
      name.first = JoinRange(words, 0, start);
      name.last = JoinRange(words, start, words.size());
    }
  }
  if (name.first.empty() && name.last.empty()) {
    *error = "'" + text + "' has no name in it";
    return false;
  }
  *out = std::move(name);
  return true;
}

}  // namespace crm::transforms
