// Phone numbers to E.164 with libphonenumber, done once per distinct input.
//
// libphonenumber's Parse costs 8–14 µs (ICU regular expressions), so a PhoneNormalizer
//  1. canonicalises the input cheaply (formatting characters dropped) and rejects obvious garbage
//     (no digits, too few or too many) without calling libphonenumber;
//  2. keeps a bounded memo of results keyed by (region, canonical form), so one distinct number
//     is parsed once however often it occurs and however it is formatted (switched off when the
//     first 16,384 calls find fewer than one in eight numbers again);
//  3. for "+<cc><nsn>" / "00<cc><nsn>" input and national input in regions with a simple trunk
//     prefix, builds the number directly and asks PhoneTypes (libphonenumber's decision on its
//     metadata, compiled with RE2) for its type, which is also its validity; anything the fast
//     path is not sure of goes through Parse. The fast
//     path and Parse agree on every number tests/transforms/phone_test.cpp checks.
// Thread-safe after construction: the stage calls Normalize from several worker threads.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace crm::transforms {

// libphonenumber's PhoneNumberType, by name: "fixed_line", "mobile", "fixed_line_or_mobile",
// "toll_free", "premium_rate", "shared_cost", "voip", "personal_number", "pager", "uan",
// "voicemail", "unknown".
enum class PhoneType {
  kFixedLine,
  kMobile,
  kFixedLineOrMobile,
  kTollFree,
  kPremiumRate,
  kSharedCost,
  kVoip,
  kPersonalNumber,
  kPager,
  kUan,
  kVoicemail,
  kUnknown,
};
std::string_view PhoneTypeName(PhoneType type);

// The outcome for one input: what the stage stores so no later phase parses it again.
struct PhoneResult {
  bool parsed = false;                   // libphonenumber understood it as a number; `e164` is set
  bool valid = false;                    // a valid number (IsValidNumber); implies parsed
  std::string e164;                      // "+31612345678"; empty unless parsed
  std::string extension;                 // digits of an extension ("ext. 12", "x12"), empty if none
  PhoneType type = PhoneType::kUnknown;  // kUnknown unless valid
  std::string region;  // the number's region, alpha-2 ("NL"), "001" for non-geographic,
                       // empty unless valid
  std::string error;   // why it is not parsed or not valid; empty when valid
};

struct PhoneOptions {
  // Region for numbers written without a country code, ISO alpha-2 ("NL"). Empty: such numbers
  // fail with "no country code".
  std::string default_region;
  // Distinct inputs the memo's young generation keeps; when it is full the old generation is
  // dropped and the young one becomes old, so at most twice this many are held (about 250 bytes
  // each: 65,536 → at most ~32 MB). Values seen again are moved back to the young generation.
  size_t memo_capacity = 1 << 16;
  // Build already-canonical numbers directly instead of calling Parse (see above).
  bool fast_path = true;
};

// Counters for benchmarks and the stage's summary.
struct PhoneStats {
  uint64_t calls = 0;
  uint64_t memo_hits = 0;
  uint64_t prechecked = 0;   // rejected before libphonenumber
  uint64_t fast_path = 0;    // built directly, validated by type
  uint64_t full_parses = 0;  // libphonenumber Parse calls
};

// True when libphonenumber knows `region` (alpha-2, upper case).
bool IsSupportedPhoneRegion(std::string_view region);

class PhoneNormalizer {
 public:
  // `options.default_region` must be empty or pass IsSupportedPhoneRegion.
  explicit PhoneNormalizer(PhoneOptions options);
  ~PhoneNormalizer();
  PhoneNormalizer(const PhoneNormalizer&) = delete;
  PhoneNormalizer& operator=(const PhoneNormalizer&) = delete;

  // Normalises `in`, reading national numbers in `region` (alpha-2, e.g. from the row's country
  // field) or, when that is empty or unsupported, in the default region; a number that is not
  // valid in `region` but valid in the default region is read in the default region.
  PhoneResult Normalize(std::string_view in, std::string_view region = {}) const;

  PhoneStats stats() const;

 private:
  class Memo;
  PhoneResult NormalizeIn(std::string_view in, std::string_view region) const;
  PhoneResult Compute(const std::string& canonical, bool simple, const std::string& region) const;

  static constexpr uint64_t kMemoProbe = 16384;

  PhoneOptions options_;
  std::unique_ptr<Memo> memo_;
  mutable std::atomic<bool> memo_enabled_{true};
  mutable std::atomic<uint64_t> calls_{0}, memo_hits_{0}, prechecked_{0}, fast_path_{0},
      full_parses_{0};
};

}  // namespace crm::transforms
