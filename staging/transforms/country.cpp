#include "staging/transforms/country.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/common/error.h"
#include "staging/transforms/mo_catalog.h"
#include "staging/transforms/text_transforms.h"

namespace crm::transforms {
namespace {

enum Tier { kCode = 1, kEnglish, kAlias, kEnglishVariant, kTranslation, kTranslationVariant };

// Names people write that iso-codes does not list (its names are the ISO short names, and its
// translations are of those). Kept short and unsurprising; add a line when real data needs it.
constexpr std::array<std::pair<const char*, const char*>, 44> kAliases = {{
    {"USA", "US"},
    {"U.S.", "US"},
    {"America", "US"},
    {"United States of America", "US"},
    {"UK", "GB"},
    {"Great Britain", "GB"},
    {"Britain", "GB"},
    {"England", "GB"},
    {"Scotland", "GB"},
    {"Wales", "GB"},
    {"Northern Ireland", "GB"},
    {"Großbritannien", "GB"},
    {"Groot-Brittannië", "GB"},
    {"Grande-Bretagne", "GB"},
    {"Gran Bretaña", "GB"},
    {"Engeland", "GB"},
    {"Angleterre", "GB"},
    {"Inglaterra", "GB"},
    {"Holland", "NL"},
    {"Russia", "RU"},
    {"Russland", "RU"},
    {"Rusland", "RU"},
    {"Russie", "RU"},
    {"Rusia", "RU"},
    {"Czech Republic", "CZ"},
    {"Turkey", "TR"},
    {"Ivory Coast", "CI"},
    {"Cape Verde", "CV"},
    {"Macedonia", "MK"},
    {"Swaziland", "SZ"},
    {"Burma", "MM"},
    {"Vatican", "VA"},
    {"Palestine", "PS"},
    {"UAE", "AE"},
    {"Syria", "SY"},
    {"Laos", "LA"},
    {"South Korea", "KR"},
    {"North Korea", "KP"},
    {"Taiwan", "TW"},
    {"Vietnam", "VN"},
    {"Iran", "IR"},
    {"East Timor", "TL"},
    {"Zaire", "CD"},
    {"Kosovo", "XK"},  // XK: user-assigned, widely used
}};

constexpr std::array<std::string_view, 10> kArticles = {"the", "die", "der", "das", "la",
                                                        "le",  "les", "el",  "los", "las"};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCategory::kIo, "cannot read " + path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

bool CountryResolver::TryLookupKey(std::string_view in, std::string* key, std::string* error) {
  if (!TryMatchKey(in, key, error)) return false;
  size_t space = key->find(' ');
  if (space != std::string::npos) {
    std::string_view first(key->data(), space);
    if (std::find(kArticles.begin(), kArticles.end(), first) != kArticles.end()) {
      key->erase(0, space + 1);
    }
  }
  std::erase(*key, ' ');
  return true;
}

void CountryResolver::Add(std::string_view text, const std::string& alpha2, int tier) {
  std::string key;
  std::string error;
  if (!TryLookupKey(text, &key, &error) || key.empty()) return;
  auto [it, inserted] = index_.try_emplace(key, Entry{alpha2, tier});
  if (inserted) return;
  Entry& entry = it->second;
  if (tier < entry.tier) {
    entry = Entry{alpha2, tier};
  } else if (tier == entry.tier && entry.codes.find(alpha2) == std::string::npos) {
    entry.codes += "/" + alpha2;  // ambiguous at this level of trust
  }
}

void CountryResolver::AddWithVariants(std::string_view name, const std::string& alpha2, int tier) {
  Add(name, alpha2, tier);
  // "Korea, Republic of" → "Republic of Korea" and "Korea"; "Congo, The Democratic Republic of
  // the" → "The Democratic Republic of the Congo".
  size_t comma = name.find(", ");
  if (comma == std::string_view::npos) return;
  std::string_view head = name.substr(0, comma);
  std::string_view tail = name.substr(comma + 2);
  Add(std::string(tail) + " " + std::string(head), alpha2, tier + 1);
  Add(head, alpha2, tier + 1);
}

std::unique_ptr<CountryResolver> CountryResolver::Load(const CountryResolverOptions& options) {
  std::unique_ptr<CountryResolver> resolver(new CountryResolver());
  std::unordered_map<std::string, std::string> english_to_alpha2;
  try {
    Poco::JSON::Parser parser;
    auto root = parser.parse(ReadFile(options.iso_codes_json)).extract<Poco::JSON::Object::Ptr>();
    Poco::JSON::Array::Ptr countries = root->getArray("3166-1");
    if (!countries)
      throw Error(ErrorCategory::kIo, options.iso_codes_json + ": no \"3166-1\" list");
    for (size_t i = 0; i < countries->size(); ++i) {
      Poco::JSON::Object::Ptr c = countries->getObject(static_cast<unsigned>(i));
      std::string alpha2 = c->optValue<std::string>("alpha_2", "");
      if (alpha2.size() != 2) continue;
      resolver->Add(alpha2, alpha2, kCode);
      resolver->Add(c->optValue<std::string>("alpha_3", ""), alpha2, kCode);
      resolver->Add(c->optValue<std::string>("numeric", ""), alpha2, kCode);
      resolver->english_names_[alpha2] = c->optValue<std::string>("name", "");
      for (const char* field : {"name", "official_name", "common_name"}) {
        std::string name = c->optValue<std::string>(field, "");
        if (name.empty()) continue;
        english_to_alpha2[name] = alpha2;
        resolver->AddWithVariants(name, alpha2, kEnglish);
      }
    }
  } catch (const Poco::Exception& e) {
    throw Error(ErrorCategory::kIo, options.iso_codes_json + ": " + e.displayText());
  }
  for (const auto& [alias, alpha2] : kAliases) resolver->Add(alias, alpha2, kAlias);

  std::error_code ec;
  if (options.locale_dir.empty() || !std::filesystem::is_directory(options.locale_dir, ec)) {
    return resolver;
  }
  std::vector<std::filesystem::path> catalogs;
  for (const auto& dir : std::filesystem::directory_iterator(options.locale_dir, ec)) {
    std::filesystem::path mo = dir.path() / "LC_MESSAGES" / "iso_3166-1.mo";
    if (std::filesystem::is_regular_file(mo, ec)) catalogs.push_back(mo);
  }
  std::sort(catalogs.begin(), catalogs.end());  // the same index whatever the directory order
  MoEntries entries;
  std::string error;
  for (const auto& path : catalogs) {
    if (!TryReadMoCatalog(path.string(), &entries, &error)) {
      ++resolver->skipped_catalogs_;
      continue;
    }
    ++resolver->catalog_count_;
    for (const auto& [english, translated] : entries) {
      auto it = english_to_alpha2.find(english);
      if (it != english_to_alpha2.end()) {
        resolver->AddWithVariants(translated, it->second, kTranslation);
      }
    }
  }
  return resolver;
}

const CountryResolver& CountryResolver::Default() {
  static const std::unique_ptr<CountryResolver> instance = Load(CountryResolverOptions());
  return *instance;
}

bool CountryResolver::TryResolve(std::string_view in, std::string* alpha2,
                                 std::string* error) const {
  std::string key;
  if (!TryLookupKey(in, &key, error)) return false;
  if (key.empty()) {
    *error = "no country name";
    return false;
  }
  auto it = index_.find(key);
  if (it == index_.end()) {
    *error = "unknown country '" + std::string(in) + "'";
    return false;
  }
  if (it->second.codes.size() != 2) {
    std::string codes = it->second.codes;
    std::replace(codes.begin(), codes.end(), '/', ' ');
    *error = "ambiguous country '" + std::string(in) + "': one of " + codes;
    return false;
  }
  *alpha2 = it->second.codes;
  return true;
}

std::string CountryResolver::EnglishName(std::string_view alpha2) const {
  auto it = english_names_.find(std::string(alpha2));
  return it == english_names_.end() ? std::string() : it->second;
}

size_t CountryResolver::ambiguous_key_count() const {
  return static_cast<size_t>(std::count_if(
      index_.begin(), index_.end(), [](const auto& kv) { return kv.second.codes.size() != 2; }));
}

}  // namespace crm::transforms
