// The type and region of a phone number, as libphonenumber's GetNumberType and
// GetRegionCodeForNumber decide them, at a fraction of their cost.
//
// Both walk the region's metadata and match the national number against up to ten patterns per
// region (several regions for shared calling codes such as +1 or +44). libphonenumber in Debian
// matches them with ICU, building a matcher object per pattern and call: 10–15 µs per number, the
// largest cost of the stage. PhoneTypes reads the same metadata that libphonenumber carries (its
// serialised PhoneMetadataCollection), compiles every pattern once with RE2 (the regular
// expression engine libphonenumber's metadata is written for, and that its own builds can use
// instead of ICU) and replays libphonenumber's decision procedure step for step. The
// differential test in tests/transforms/phone_types_test.cpp holds it to libphonenumber's answers.
// Immutable after construction; safe from any thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "staging/transforms/phone.h"

namespace crm::transforms {


class PhoneTypes {
 public:
  // Built once per process (compiling every region's patterns takes ~50 ms).
  static const PhoneTypes& Instance();

  // The number +`country_code` `national_significant_number` (digits, with any Italian leading
  // zeros): its region ("NL"; "001" for non-geographic codes; "ZZ" when no region of the code
  // claims it) and its type (kUnknown exactly when libphonenumber's IsValidNumber is false).
  struct Answer {
    std::string region;
    PhoneType type;
  };
  Answer Classify(int country_code, std::string_view national_significant_number) const;

  ~PhoneTypes();
  PhoneTypes(const PhoneTypes&) = delete;
  PhoneTypes& operator=(const PhoneTypes&) = delete;

 private:
  PhoneTypes();
  struct Tables;
  std::unique_ptr<Tables> tables_;
};

}  // namespace crm::transforms
