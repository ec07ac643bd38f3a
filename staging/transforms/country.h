// Country names, codes and aliases in any language iso-codes knows → ISO 3166-1 alpha-2.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace crm::transforms {

struct CountryResolverOptions {
  // iso-codes' list of countries: alpha_2, alpha_3, numeric, name, official_name, common_name.
  std::string iso_codes_json = "/usr/share/iso-codes/json/iso_3166-1.json";
  // Translations: <locale_dir>/<lang>/LC_MESSAGES/iso_3166-1.mo, keyed by the English names.
  // Empty: English names, codes and aliases only.
  std::string locale_dir = "/usr/share/locale";
};

// An index from lookup keys to alpha-2 codes, built once and read-only afterwards (so
// thread-safe). A lookup key is the compact matching key (text_transforms.h: case, accents,
// punctuation and spaces ignored) with one leading article dropped ("the", "die", "der", "das",
// "la", "le", "les", "el", "los", "las"): "the Netherlands", "NETHERLANDS", "Pays-Bas",
// "Deutschland", "Côte d'Ivoire", "cote divoire" all find their country.
//
// Sources, most trusted first; a key from a more trusted source wins over a less trusted one,
// and a key that two entries of the same trust give different codes is ambiguous (a lookup
// fails and names the candidates):
//   1. codes: alpha-2, alpha-3, numeric ("DE", "DEU", "276");
//   2. English name, official name and common name;
//   3. a short list of aliases iso-codes lacks ("USA", "UK", "Holland", "Great Britain",
//      "England", "Russia", "Ivory Coast", ... see kAliases in country.cpp);
//   4. English variants: "Korea, Republic of" also as "Republic of Korea" and "Korea";
//   5. translations of 2 and their variants in every catalog found.
class CountryResolver {
 public:
  // Builds the index. Throws crm::Error(kIo) when the JSON cannot be read or parsed; catalogs
  // that cannot be read are skipped (counted in skipped_catalogs()).
  static std::unique_ptr<CountryResolver> Load(const CountryResolverOptions& options);

  // The index over the system's iso-codes, built on first use (thread-safe) and kept for the
  // process. Throws like Load the first time if iso-codes is missing.
  static const CountryResolver& Default();

  // The alpha-2 code for a name, code or alias. False with `error` set when the value is blank,
  // unknown ("unknown country 'Atlantis'") or ambiguous ("ambiguous country 'Korea': KP or KR").
  bool TryResolve(std::string_view in, std::string* alpha2, std::string* error) const;

  // English short name of an alpha-2 code ("NL" → "Netherlands"), empty if unknown.
  std::string EnglishName(std::string_view alpha2) const;

  size_t key_count() const { return index_.size(); }
  size_t catalog_count() const { return catalog_count_; }
  size_t skipped_catalogs() const { return skipped_catalogs_; }
  size_t ambiguous_key_count() const;

  // The lookup key of a value as described above; false only on invalid UTF-8.
  static bool TryLookupKey(std::string_view in, std::string* key, std::string* error);

 private:
  struct Entry {
    std::string codes;  // "NL", or "KP/KR" when ambiguous
    int tier = 0;
  };
  CountryResolver() = default;
  void Add(std::string_view text, const std::string& alpha2, int tier);
  void AddWithVariants(std::string_view name, const std::string& alpha2, int tier);

  std::unordered_map<std::string, Entry> index_;
  std::unordered_map<std::string, std::string> english_names_;
  size_t catalog_count_ = 0;
  size_t skipped_catalogs_ = 0;
};

}  // namespace crm::transforms
