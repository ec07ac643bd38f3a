#include "staging/transforms/phone_types.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <catch2/catch.hpp>
#include <random>
#include <set>

namespace crm::transforms {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

// libphonenumber's own answer, in PhoneTypes' terms.
std::string Expected(const PhoneNumber& number) {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumberUtil::PhoneNumberType type = util.GetNumberType(number);
  std::string region;
  util.GetRegionCodeForNumber(number, &region);
  // PhoneType follows PhoneNumberUtil::PhoneNumberType's order, UNKNOWN last.
  int index = type == PhoneNumberUtil::UNKNOWN ? static_cast<int>(PhoneType::kUnknown)
                                               : static_cast<int>(type);
  return region + " " + std::string(PhoneTypeName(static_cast<PhoneType>(index)));
}

std::string Actual(const PhoneNumber& number) {
  std::string nsn;
  PhoneNumberUtil::GetInstance()->GetNationalSignificantNumber(number, &nsn);
  PhoneTypes::Answer a = PhoneTypes::Instance().Classify(number.country_code(), nsn);
  return a.region + " " + std::string(PhoneTypeName(a.type));
}

TEST_CASE("phone types: PhoneType keeps libphonenumber's order", "[phone_types]") {
  CHECK(PhoneTypeName(static_cast<PhoneType>(PhoneNumberUtil::MOBILE)) == "mobile");
  CHECK(PhoneTypeName(static_cast<PhoneType>(PhoneNumberUtil::VOICEMAIL)) == "voicemail");
}

TEST_CASE("phone types: the same answers as libphonenumber in every region", "[phone_types]") {
  // For every region and every type libphonenumber has an example of: the example, and variants
  // of it (last digits changed, one digit more or less, a random number of the same length) —
  // valid and invalid numbers of every kind, in every region and non-geographic code.
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  std::set<std::string> regions;
  util.GetSupportedRegions(&regions);
  std::set<int> non_geographic;
  util.GetSupportedGlobalNetworkCallingCodes(&non_geographic);
  std::vector<PhoneNumber> examples;
  for (const std::string& region : regions) {
    for (int t = PhoneNumberUtil::FIXED_LINE; t <= PhoneNumberUtil::VOICEMAIL; ++t) {
      PhoneNumber n;
      if (util.GetExampleNumberForType(region, static_cast<PhoneNumberUtil::PhoneNumberType>(t),
                                       &n)) {
        examples.push_back(n);
      }
    }
  }
  for (int code : non_geographic) {
    PhoneNumber n;
    if (util.GetExampleNumberForNonGeoEntity(code, &n)) examples.push_back(n);
  }
  REQUIRE(examples.size() > 1000);
  std::mt19937_64 random(20261126);
  size_t checked = 0, valid = 0, mismatches = 0;
  auto check = [&](const PhoneNumber& n) {
    std::string expected = Expected(n);
    std::string actual = Actual(n);
    ++checked;
    if (expected.find(" unknown") == std::string::npos) ++valid;
    if (expected != actual && ++mismatches <= 20) {
      std::string e164;
      util.Format(n, PhoneNumberUtil::E164, &e164);
      FAIL_CHECK(e164 << ": libphonenumber " << expected << ", PhoneTypes " << actual);
    }
  };
  for (const PhoneNumber& example : examples) {
    check(example);
    uint64_t national = example.national_number();
    for (int i = 0; i < 12; ++i) {
      PhoneNumber n = example;
      switch (i % 4) {
        case 0:  // the last three digits changed
          n.set_national_number(national - national % 1000 + random() % 1000);
          break;
        case 1:  // one digit more
          n.set_national_number(national * 10 + random() % 10);
          break;
        case 2:  // one digit less
          n.set_national_number(national / 10);
          break;
        default: {  // random digits, same length
          uint64_t low = 1, high = 10;
          while (high <= national) low *= 10, high *= 10;
          n.set_national_number(low + random() % (high - low));
        }
      }
      check(n);
    }
  }
  CHECK(mismatches == 0);
  INFO(checked << " numbers, " << valid << " valid");
  CHECK(checked > 10000);
  CHECK(valid > checked / 4);
}

TEST_CASE("phone types: unknown calling codes and shared codes", "[phone_types]") {
  const PhoneTypes& types = PhoneTypes::Instance();
  CHECK(types.Classify(999, "12345678").region == "ZZ");
  CHECK(types.Classify(999, "12345678").type == PhoneType::kUnknown);
  // +1 is shared by the NANP countries; +44 by GB, GG, IM and JE.
  CHECK(types.Classify(1, "6502530000").region == "US");
  CHECK(types.Classify(44, "2079460958").region == "GB");
  CHECK(types.Classify(44, "2079460958").type == PhoneType::kFixedLine);
  CHECK(types.Classify(31, "612345678").type == PhoneType::kMobile);
}

}  // namespace
}  // namespace crm::transforms
