#include "staging/transforms/phone.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <catch2/catch.hpp>
#include <random>
#include <set>
#include <thread>

namespace crm::transforms {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

std::string Render(const PhoneResult& r) {
  if (!r.parsed) return "error: " + r.error;
  std::string out = r.e164 + " " + (r.valid ? "valid" : "invalid") + " " +
                    std::string(PhoneTypeName(r.type)) + " " + r.region;
  if (!r.extension.empty()) out += " ext " + r.extension;
  return out;
}

TEST_CASE("phone: national, international and formatted numbers", "[phone]") {
  PhoneNormalizer nl(PhoneOptions{"NL"});
  CHECK(Render(nl.Normalize("06-12345678")) == "+31612345678 valid mobile NL");
  CHECK(Render(nl.Normalize("+31 (0)6 1234 5678")) == "+31612345678 valid mobile NL");
  CHECK(Render(nl.Normalize("0031 6 12345678")) == "+31612345678 valid mobile NL");
  CHECK(Render(nl.Normalize("020 - 123 4567")) == "+31201234567 valid fixed_line NL");
  CHECK(Render(nl.Normalize("+32 2 555 12 12")) == "+3225551212 valid fixed_line BE");
  CHECK(Render(nl.Normalize("+1 (650) 253-0000")) == "+16502530000 valid fixed_line_or_mobile US");
  CHECK(Render(nl.Normalize("+31 20 123 4567 ext. 12")) ==
        "+31201234567 valid fixed_line NL ext 12");
  // Dutch 06 9… is not an allocated range (NOTES.md).
  CHECK(Render(nl.Normalize("06 91234567")) == "+31691234567 invalid unknown ");
}

TEST_CASE("phone: the row's region wins over the default region", "[phone]") {
  PhoneNormalizer nl(PhoneOptions{"NL"});
  CHECK(Render(nl.Normalize("030 12345678", "DE")) == "+493012345678 valid fixed_line DE");
  CHECK(Render(nl.Normalize("01 42 68 53 00", "FR")) == "+33142685300 valid fixed_line FR");
  CHECK(Render(nl.Normalize("020 7946 0958", "GB")) == "+442079460958 valid fixed_line GB");
  CHECK(Render(nl.Normalize("(650) 253-0000", "US")) ==
        "+16502530000 valid fixed_line_or_mobile US");
  CHECK(Render(nl.Normalize("06-12345678", "XX")) == "+31612345678 valid mobile NL");
}

TEST_CASE("phone: a number invalid in the row's region is read in the source's", "[phone]") {
  // Typed in a Dutch export with the Dutch international prefix, for an American contact: in
  // the US "001…" is no international prefix, and the US reading is invalid.
  PhoneNormalizer nl(PhoneOptions{"NL"});
  CHECK(Render(nl.Normalize("001 650 253 0000", "US")) ==
        "+16502530000 valid fixed_line_or_mobile US");
  // Invalid in both: the row's reading is kept, invalid.
  CHECK_FALSE(nl.Normalize("001 1", "US").valid);
}

TEST_CASE("phone: garbage is rejected before libphonenumber", "[phone]") {
  PhoneNormalizer nl(PhoneOptions{"NL"});
  CHECK(Render(nl.Normalize("n/a")) == "error: no digits");
  CHECK(Render(nl.Normalize("12")) == "error: too short");
  CHECK(Render(nl.Normalize("1234567890123456789")) == "error: too long");
  CHECK(nl.stats().prechecked == 3);
  CHECK(nl.stats().full_parses == 0);
  PhoneNormalizer none(PhoneOptions{});
  CHECK(Render(none.Normalize("0612345678")) == "error: no country code and no default region");
}

TEST_CASE("phone: one distinct number is computed once, however it is formatted", "[phone]") {
  PhoneNormalizer nl(PhoneOptions{"NL"});
  for (const char* text : {"06-12345678", "06 12 34 56 78", "0612345678", "(06) 1234-5678"}) {
    CHECK(nl.Normalize(text).e164 == "+31612345678");
  }
  PhoneStats s = nl.stats();
  CHECK(s.calls == 4);
  CHECK(s.memo_hits == 3);
  CHECK(s.fast_path + s.full_parses == 1);
}

TEST_CASE("phone: the memo stays bounded", "[phone]") {
  PhoneOptions options{"NL"};
  options.memo_capacity = 32;
  PhoneNormalizer nl(options);
  for (int i = 0; i < 5000; ++i) nl.Normalize("06" + std::to_string(10000000 + i));
  nl.Normalize("06" + std::to_string(10000000));
  CHECK(nl.stats().memo_hits == 0);  // long evicted: bounded, and still correct
}

TEST_CASE("phone: the memo switches itself off for a column of unique numbers", "[phone]") {
  PhoneNormalizer unique(PhoneOptions{"NL"});
  for (int i = 0; i < 20000; ++i) unique.Normalize("06" + std::to_string(10000000 + i));
  CHECK(unique.Normalize("06" + std::to_string(10019999)).e164 == "+31610019999");
  CHECK(unique.stats().memo_hits == 0);  // off: the number seen just before is computed again

  PhoneNormalizer repeating(PhoneOptions{"NL"});
  for (int i = 0; i < 20000; ++i) repeating.Normalize("06" + std::to_string(10000000 + i % 1000));
  CHECK(repeating.stats().memo_hits == 19000);  // on: every number after its first time
}

// The fast path must give what Parse gives. Numbers: libphonenumber's example numbers of every
// type of every fast region with random last digits, written national, international and "00".
TEST_CASE("phone: the fast path agrees with Parse", "[phone]") {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  std::mt19937 random(7);
  size_t checked = 0;
  size_t fast = 0;
  for (const char* region :
       {"NL", "DE", "BE", "FR", "GB", "AT", "CH", "SE", "IE", "ES", "DK", "NO", "PL", "PT", "IT",
        "US", "CA"}) {
    PhoneOptions options{region};
    PhoneNormalizer with_fast(options);
    options.fast_path = false;
    PhoneNormalizer parse_only(options);
    for (int type = PhoneNumberUtil::FIXED_LINE; type <= PhoneNumberUtil::VOICEMAIL; ++type) {
      PhoneNumber example;
      if (!util.GetExampleNumberForType(region, static_cast<PhoneNumberUtil::PhoneNumberType>(type),
                                        &example)) {
        continue;
      }
      for (int i = 0; i < 40; ++i) {
        PhoneNumber n = example;
        uint64_t national = n.national_number();
        national = national - national % 1000 + random() % 1000;
        n.set_national_number(national);
        std::string national_text, e164;
        util.Format(n, PhoneNumberUtil::NATIONAL, &national_text);
        util.Format(n, PhoneNumberUtil::E164, &e164);
        for (const std::string& text : {national_text, e164, "00" + e164.substr(1)}) {
          PhoneResult a = with_fast.Normalize(text);
          PhoneResult b = parse_only.Normalize(text);
          INFO(region << " " << text);
          CHECK(Render(a) == Render(b));
          ++checked;
        }
      }
    }
    fast += with_fast.stats().fast_path;
  }
  CHECK(checked > 3000);
  CHECK(fast > checked / 3);  // the fast path takes a large share of these
}

TEST_CASE("phone: type UNKNOWN is exactly IsValidNumber false", "[phone]") {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  std::mt19937 random(11);
  for (int i = 0; i < 3000; ++i) {
    PhoneNumber n;
    n.set_country_code(static_cast<int>(std::vector<int>{31, 49, 32, 33, 44, 1, 7, 39}[i % 8]));
    n.set_national_number(100000000ull + random() % 900000000ull);
    CHECK((util.GetNumberType(n) != PhoneNumberUtil::UNKNOWN) == util.IsValidNumber(n));
  }
}

TEST_CASE("phone: two threads share one normalizer", "[phone]") {
  PhoneNormalizer nl(PhoneOptions{"NL"});
  std::vector<std::string> inputs;
  for (int i = 0; i < 400; ++i) inputs.push_back("06 " + std::to_string(12345000 + i % 200));
  std::vector<std::string> a(inputs.size()), b(inputs.size());
  std::thread t1([&] {
    for (size_t i = 0; i < inputs.size(); ++i) a[i] = nl.Normalize(inputs[i]).e164;
  });
  std::thread t2([&] {
    for (size_t i = 0; i < inputs.size(); ++i) b[i] = nl.Normalize(inputs[i]).e164;
  });
  t1.join();
  t2.join();
  CHECK(a == b);
  CHECK(a[5] == "+31612345005");
}

}  // namespace
}  // namespace crm::transforms
