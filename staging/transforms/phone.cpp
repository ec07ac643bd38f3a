#include "staging/transforms/phone.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <array>
#include <charconv>
#include <functional>
#include <mutex>
#include <unordered_map>

#include "staging/transforms/phone_types.h"

namespace crm::transforms {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

// Regions whose national numbers the fast path reads itself. Each has a trunk prefix that is a
// plain "0", "1" (NANP) or none, and no carrier-code or transform rules; the differential test
// in phone_test.cpp checks the fast path against Parse for each of them.
struct FastRegion {
  const char* region;
  int country_code;
  const char* trunk_prefix;
  bool idd_00;  // "00" is the international prefix
};
constexpr std::array<FastRegion, 17> kFastRegions = {{
    {"NL", 31, "0", true},
    {"DE", 49, "0", true},
    {"BE", 32, "0", true},
    {"FR", 33, "0", true},
    {"GB", 44, "0", true},
    {"AT", 43, "0", true},
    {"CH", 41, "0", true},
    {"SE", 46, "0", true},
    {"IE", 353, "0", true},
    {"ES", 34, "", true},
    {"DK", 45, "", true},
    {"NO", 47, "", true},
    {"PL", 48, "", true},
    {"PT", 351, "", true},
    {"IT", 39, "", true},  // fixed lines keep their 0, which sends them to Parse
    {"US", 1, "1", false},
    {"CA", 1, "1", false},
}};

const FastRegion* FindFastRegion(std::string_view region) {
  for (const FastRegion& r : kFastRegions) {
    if (region == r.region) return &r;
  }
  return nullptr;
}

bool IsFastCountryCode(int cc) {
  for (const FastRegion& r : kFastRegions) {
    if (r.country_code == cc) return true;
  }
  return false;
}

const char* ParseErrorMessage(PhoneNumberUtil::ErrorType error, bool has_region) {
  switch (error) {
    case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR:
      return has_region ? "invalid country code" : "no country code and no default region";
    case PhoneNumberUtil::TOO_SHORT_AFTER_IDD:
      return "too short after the international prefix";
    case PhoneNumberUtil::TOO_SHORT_NSN:
      return "too short";
    case PhoneNumberUtil::TOO_LONG_NSN:
      return "too long";
    default:
      return "not a phone number";
  }
}

// Formatting a person types between digits; anything else makes the input "not simple" and it
// goes to Parse as written (extensions, letters, "tel:" ...).
size_t FormattingLength(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/') return 1;
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) return 2;
  if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80) {
    unsigned char d = static_cast<unsigned char>(s[i + 2]);
    if ((d >= 0x80 && d <= 0x8B) || d == 0xAF || d == 0x90 || d == 0x91 || d == 0x93) return 3;
  }
  return 0;
}

// Canonical text for the memo key and for Parse: "+" (when the number starts with one) and the
// digits of a simple input; the trimmed input otherwise. Counts digits for the pre-checks.
void Canonicalize(std::string_view in, std::string* canonical, bool* simple, size_t* digits) {
  canonical->clear();
  *simple = true;
  *digits = 0;
  for (size_t i = 0; i < in.size();) {
    char c = in[i];
    if (c >= '0' && c <= '9') {
      canonical->push_back(c);
      ++*digits;
      ++i;
    } else if (c == '+' && canonical->empty()) {
      canonical->push_back('+');
      ++i;
    } else if (size_t n = FormattingLength(in, i)) {
      i += n;
    } else {
      *simple = false;
      ++i;
    }
  }
  if (!*simple) {
    size_t begin = in.find_first_not_of(" \t\r\n");
    size_t end = in.find_last_not_of(" \t\r\n");
    canonical->assign(begin == std::string_view::npos ? std::string_view()
                                                      : in.substr(begin, end - begin + 1));
  }
}

bool ToUint64(std::string_view digits, uint64_t* value) {
  if (digits.empty() || digits.size() > 17) return false;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), *value);
  return ec == std::errc() && end == digits.data() + digits.size();
}

// The number a simple canonical input stands for, when the fast path can be sure of it.
bool BuildDirect(const std::string& canonical, const std::string& region, PhoneNumber* number) {
  std::string_view text = canonical;
  const FastRegion* fast = FindFastRegion(region);
  bool international = false;
  if (!text.empty() && text[0] == '+') {
    text.remove_prefix(1);
    international = true;
  } else if (fast && fast->idd_00 && text.size() > 2 && text.substr(0, 2) == "00") {
    text.remove_prefix(2);
    international = true;
  }
  int cc = 0;
  std::string_view nsn;
  if (international) {
    for (size_t len = 1; len <= 3 && len < text.size(); ++len) {
      int candidate = 0;
      std::from_chars(text.data(), text.data() + len, candidate);
      if (IsFastCountryCode(candidate)) {
        cc = candidate;
        nsn = text.substr(len);
        break;
      }
    }
    if (cc == 0) return false;
  } else {
    if (!fast) return false;
    cc = fast->country_code;
    std::string_view trunk = fast->trunk_prefix;
    if (trunk == "1") {
      if (text.size() == 11 && text[0] == '1') text.remove_prefix(1);
      if (text.size() != 10) return false;
    } else if (!trunk.empty()) {
      if (text.substr(0, trunk.size()) != trunk) return false;
      text.remove_prefix(trunk.size());
    }
    nsn = text;
  }
  // A leading zero (Italian-style numbers, "(0)" trunk prefixes) or a leading "1" in NANP are
  // for Parse to judge.
  if (nsn.empty() || nsn[0] == '0' || (cc == 1 && nsn[0] == '1')) return false;
  uint64_t national = 0;
  if (!ToUint64(nsn, &national)) return false;
  number->set_country_code(cc);
  number->set_national_number(national);
  return true;
}

}  // namespace

std::string_view PhoneTypeName(PhoneType type) {
  static constexpr std::array<std::string_view, 12> kNames = {
      "fixed_line",  "mobile", "fixed_line_or_mobile", "toll_free", "premium_rate",
      "shared_cost", "voip",   "personal_number",      "pager",     "uan",
      "voicemail",   "unknown"};
  return kNames[static_cast<size_t>(type)];
}

bool IsSupportedPhoneRegion(std::string_view region) {
  return PhoneNumberUtil::GetInstance()->GetCountryCodeForRegion(std::string(region)) != 0;
}

// Results by (region, canonical input), in shards so two threads rarely wait for each other.
// Each shard keeps two generations: when the young one is full the old one is dropped and the
// young one becomes old, so memory stays bounded and frequent numbers stay in.
class PhoneNormalizer::Memo {
 public:
  explicit Memo(size_t capacity) : shard_capacity_(std::max<size_t>(capacity / kShards, 16)) {}

  bool Find(const std::string& key, PhoneResult* out) {
    Shard& shard = ShardFor(key);
    std::lock_guard<std::mutex> lock(shard.mutex);
    if (auto it = shard.young.find(key); it != shard.young.end()) {
      *out = it->second;
      return true;
    }
    if (auto it = shard.old.find(key); it != shard.old.end()) {
      *out = it->second;
      shard.old.erase(it);  // moved to the young generation, not copied: more fit before a drop
      InsertLocked(shard, key, *out);
      return true;
    }
    return false;
  }

  void Insert(const std::string& key, const PhoneResult& result) {
    Shard& shard = ShardFor(key);
    std::lock_guard<std::mutex> lock(shard.mutex);
    InsertLocked(shard, key, result);
  }

 private:
  static constexpr size_t kShards = 32;
  struct Shard {
    std::mutex mutex;
    std::unordered_map<std::string, PhoneResult> young;
    std::unordered_map<std::string, PhoneResult> old;
  };

  Shard& ShardFor(const std::string& key) {
    return shards_[std::hash<std::string>()(key) % kShards];
  }

  void InsertLocked(Shard& shard, const std::string& key, const PhoneResult& result) {
    if (shard.young.size() >= shard_capacity_) {
      shard.old = std::move(shard.young);
      shard.young = {};
    }
    shard.young.emplace(key, result);
  }

  size_t shard_capacity_;
  std::array<Shard, kShards> shards_;
};

PhoneNormalizer::PhoneNormalizer(PhoneOptions options)
    : options_(std::move(options)), memo_(std::make_unique<Memo>(options_.memo_capacity)) {
  PhoneNumberUtil::GetInstance();  // build the singleton before worker threads call in
}

PhoneNormalizer::~PhoneNormalizer() = default;

PhoneResult PhoneNormalizer::Normalize(std::string_view in, std::string_view region) const {
  const bool row_region = !region.empty() && region != options_.default_region &&
                          IsSupportedPhoneRegion(region);
  PhoneResult result = NormalizeIn(in, row_region ? region : options_.default_region);
  // The row's country says where a national number belongs, but the person who typed it dialled
  // from the source's region: "001 646 555 0100" in a Dutch export is +1 646…, although a US
  // reading of it is invalid. A number invalid in the row's region is read in the source's.
  if (row_region && !result.valid && !options_.default_region.empty()) {
    PhoneResult fallback = NormalizeIn(in, options_.default_region);
    if (fallback.valid) return fallback;
  }
  return result;
}

PhoneResult PhoneNormalizer::NormalizeIn(std::string_view in, std::string_view region) const {
  uint64_t call = calls_.fetch_add(1, std::memory_order_relaxed) + 1;
  std::string key;  // "<region>|<canonical>": the memo's key
  key.reserve(in.size() + 4);
  key.append(region);
  size_t region_size = key.size();
  key.push_back('|');
  std::string canonical;
  bool simple = false;
  size_t digits = 0;
  Canonicalize(in, &canonical, &simple, &digits);
  PhoneResult result;
  if (digits == 0 || (simple && (digits < 3 || digits > 17))) {
    prechecked_.fetch_add(1, std::memory_order_relaxed);
    result.error = digits == 0 ? "no digits" : digits < 3 ? "too short" : "too long";
    return result;
  }
  bool memo = memo_enabled_.load(std::memory_order_relaxed);
  if (memo) {
    key.append(canonical);
    if (memo_->Find(key, &result)) {
      memo_hits_.fetch_add(1, std::memory_order_relaxed);
      return result;
    }
    // A column of (nearly) unique numbers: after kMemoProbe calls with fewer than one hit in
    // eight, the memo only costs its locks and copies; it is switched off for this normalizer.
    if (call == kMemoProbe && memo_hits_.load(std::memory_order_relaxed) * 8 < kMemoProbe) {
      memo_enabled_.store(false, std::memory_order_relaxed);
    }
  }
  result = Compute(canonical, simple, key.substr(0, region_size));
  if (memo) memo_->Insert(key, result);
  return result;
}

PhoneResult PhoneNormalizer::Compute(const std::string& canonical, bool simple,
                                     const std::string& region) const {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  const PhoneTypes& types = PhoneTypes::Instance();
  PhoneResult result;
  PhoneNumber number;
  PhoneTypes::Answer answer{"", PhoneType::kUnknown};
  std::string nsn;
  bool direct = options_.fast_path && simple && BuildDirect(canonical, region, &number);
  if (direct) {
    // The type is the validity: GetNumberType is UNKNOWN exactly when IsValidNumber is false.
    util.GetNationalSignificantNumber(number, &nsn);
    answer = types.Classify(number.country_code(), nsn);
    direct = answer.type != PhoneType::kUnknown;
    if (!direct) number.Clear();
  }
  if (direct) {
    fast_path_.fetch_add(1, std::memory_order_relaxed);
  } else {
    full_parses_.fetch_add(1, std::memory_order_relaxed);
    PhoneNumberUtil::ErrorType error =
        util.Parse(canonical, region.empty() ? std::string("ZZ") : region, &number);
    if (error != PhoneNumberUtil::NO_PARSING_ERROR) {
      result.error = ParseErrorMessage(error, !region.empty());
      return result;
    }
    nsn.clear();
    util.GetNationalSignificantNumber(number, &nsn);
    answer = types.Classify(number.country_code(), nsn);
  }
  result.parsed = true;
  util.Format(number, PhoneNumberUtil::E164, &result.e164);
  result.extension = number.extension();
  result.valid = answer.type != PhoneType::kUnknown;
  if (result.valid) {
    result.type = answer.type;
    result.region = std::move(answer.region);
  } else {
    result.error = "not a valid number";
  }
  return result;
}

PhoneStats PhoneNormalizer::stats() const {
  PhoneStats s;
  s.calls = calls_.load();
  s.memo_hits = memo_hits_.load();
  s.prechecked = prechecked_.load();
  s.fast_path = fast_path_.load();
  s.full_parses = full_parses_.load();
  return s;
}

}  // namespace crm::transforms
