// The fixed tables the generator draws realistic values from: countries (their names in several
// languages, phone numbering plans that libphonenumber accepts, postal code shapes, cities,
// streets) and people's names from many countries, non-ASCII ones included. UTF-8 throughout;
// the legacy writer encodes to Windows-1252.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace crm::generator {

// One range of valid national significant numbers: `prefix` then random digits up to `length`
// digits in all; `area` leading digits are the area code when the number is formatted.
struct PhoneRange {
  std::string_view prefix;
  int length;
  int area;
};

struct Country {
  std::string_view iso2;
  std::string_view calling_code;                // "31"
  std::string_view trunk;                       // national prefix, "0" or "" or "1"
  std::span<const std::string_view> spellings;  // names and codes a person types
  std::span<const PhoneRange> fixed;
  std::span<const PhoneRange> mobile;
  std::string_view postal;  // shape: 9 a digit, A an upper-case letter, others literal
  std::span<const std::string_view> cities;
  std::span<const std::string_view> streets;
  std::span<const std::string_view> salutations;  // male, female; legacy spelling
};

// Names of one origin; a person may live in another country than their name's origin.
struct NamePool {
  std::span<const std::string_view> first;  // male at even, female at odd indexes
  std::span<const std::string_view> last;
  std::span<const std::string_view> particles;  // "van", "de", "van der"; empty for most
};

std::span<const Country> Countries();
// Weight of each country in Countries() as a residence, same order; sums to 1000.
std::span<const int> CountryWeights();
std::span<const NamePool> NamePools();
std::span<const std::string_view> Industries();     // legacy spellings the value_map maps
std::span<const std::string_view> BadIndustries();  // spellings outside the picklist
std::span<const std::string_view> CompanyWords();
std::span<const std::string_view> CompanyForms();    // "B.V.", "GmbH", ...
std::span<const std::string_view> MailDomains();     // free-mail style, all *.example
std::span<const std::string_view> BadSalutations();  // outside the salutation picklist
std::span<const std::string_view> NotPhones();       // "n/a", "onbekend", ...
std::span<const std::string_view> Tags();

}  // namespace crm::generator
