#include "staging/transforms/phone_types.h"

#include <phonenumbers/phonemetadata.pb.h>
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <vector>

namespace i18n::phonenumbers {
// Exported by libphonenumber and declared in its metadata.h, which Debian does not install: the
// serialised PhoneMetadataCollection its PhoneNumberUtil is built from.
int metadata_size();
const void* metadata_get();
}  // namespace i18n::phonenumbers

namespace crm::transforms {
namespace {

using i18n::phonenumbers::PhoneMetadata;
using i18n::phonenumbers::PhoneMetadataCollection;
using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberDesc;
using i18n::phonenumbers::PhoneNumberUtil;

std::unique_ptr<RE2> Compile(const std::string& pattern, bool* complete) {
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_unique<RE2>(pattern, options);
  if (!re->ok()) {
    *complete = false;
    return nullptr;
  }
  return re;
}

// One PhoneNumberDesc: libphonenumber's IsNumberMatchingDesc.
struct Desc {
  std::vector<int> lengths;      // empty: any length (the general description's apply)
  std::unique_ptr<RE2> pattern;  // null: no pattern, which matches nothing
  int slot = -1;                 // its index in the region's RE2::Set; -1 without a pattern

  void Set(const PhoneNumberDesc& d, bool* complete) {
    lengths.assign(d.possible_length().begin(), d.possible_length().end());
    if (!d.national_number_pattern().empty()) pattern = Compile(d.national_number_pattern(), complete);
  }

  bool LengthFits(std::string_view nsn) const {
    return lengths.empty() ||
           std::find(lengths.begin(), lengths.end(), static_cast<int>(nsn.size())) != lengths.end();
  }

  // `matched`: the region's set answer (bit per slot), or nullopt to match this pattern alone.
  bool Matches(std::string_view nsn, std::optional<uint32_t> matched) const {
    if (!LengthFits(nsn) || !pattern) return false;
    return matched ? (*matched >> slot & 1) != 0 : RE2::FullMatch(nsn, *pattern);
  }
};

struct Region {
  std::string id;
  std::unique_ptr<RE2> leading_digits;  // set when the metadata has leading_digits
  bool same_mobile_and_fixed_line = false;
  bool complete = true;  // every pattern compiled; otherwise libphonenumber answers
  Desc general, premium_rate, toll_free, shared_cost, voip, personal_number, pager, uan,
      voicemail, fixed_line, mobile;
  // Every description's pattern in one set: one pass over a number says which of them match it
  // in full, where TypeOf would otherwise run up to eleven FullMatch calls (the largest part of
  // the phone transform's cost). Built at the region's first number (a column touches a few of
  // the ~250 regions, and building them all would double the table's start-up cost); null when
  // it could not be built: each pattern alone then.
  mutable std::once_flag set_built;
  mutable std::unique_ptr<RE2::Set> all;

  // Every description, `self` const or not; the slots follow this order.
  template <typename Self>
  static auto Descs(Self& self) -> std::array<decltype(&self.general), 11> {
    return {&self.general,  &self.premium_rate,    &self.toll_free, &self.shared_cost,
            &self.voip,     &self.personal_number, &self.pager,     &self.uan,
            &self.voicemail, &self.fixed_line,     &self.mobile};
  }

  explicit Region(const PhoneMetadata& m) : id(m.id()) {
    if (m.has_leading_digits()) leading_digits = Compile(m.leading_digits(), &complete);
    same_mobile_and_fixed_line = m.same_mobile_and_fixed_line_pattern();
    general.Set(m.general_desc(), &complete);
    premium_rate.Set(m.premium_rate(), &complete);
    toll_free.Set(m.toll_free(), &complete);
    shared_cost.Set(m.shared_cost(), &complete);
    voip.Set(m.voip(), &complete);
    personal_number.Set(m.personal_number(), &complete);
    pager.Set(m.pager(), &complete);
    uan.Set(m.uan(), &complete);
    voicemail.Set(m.voicemail(), &complete);
    fixed_line.Set(m.fixed_line(), &complete);
    mobile.Set(m.mobile(), &complete);
    int next = 0;
    for (Desc* d : Descs(*this)) {
      if (d->pattern) d->slot = next++;
    }
  }


  void BuildSet() const {
    RE2::Options options;
    options.set_log_errors(false);
    auto set = std::make_unique<RE2::Set>(options, RE2::ANCHOR_BOTH);
    for (const Desc* d : Descs(*this)) {
      if (!d->pattern) continue;
      const int slot = set->Add(d->pattern->pattern(), nullptr);
      if (slot != d->slot) return;  // slots are fixed before: Add numbers them in this order
    }
    if (set->Compile()) all = std::move(set);
  }

  // Which slots match `nsn` in full; nullopt when the set cannot say (no set, or its DFA ran
  // out of memory), and each pattern must be matched alone.
  std::optional<uint32_t> MatchAll(std::string_view nsn) const {
    std::call_once(set_built, [this] { BuildSet(); });
    if (!all) return std::nullopt;
    thread_local std::vector<int> hits;
    RE2::Set::ErrorInfo error{};
    if (!all->Match(nsn, &hits, &error) && error.kind != RE2::Set::kNoError) return std::nullopt;
    uint32_t matched = 0;
    for (int slot : hits) matched |= 1u << slot;
    return matched;
  }

  // libphonenumber's GetNumberTypeHelper, in its order.
  PhoneType TypeOf(std::string_view nsn) const {
    const std::optional<uint32_t> m = general.LengthFits(nsn) ? MatchAll(nsn) : std::nullopt;
    if (!general.Matches(nsn, m)) return PhoneType::kUnknown;
    if (premium_rate.Matches(nsn, m)) return PhoneType::kPremiumRate;
    if (toll_free.Matches(nsn, m)) return PhoneType::kTollFree;
    if (shared_cost.Matches(nsn, m)) return PhoneType::kSharedCost;
    if (voip.Matches(nsn, m)) return PhoneType::kVoip;
    if (personal_number.Matches(nsn, m)) return PhoneType::kPersonalNumber;
    if (pager.Matches(nsn, m)) return PhoneType::kPager;
    if (uan.Matches(nsn, m)) return PhoneType::kUan;
    if (voicemail.Matches(nsn, m)) return PhoneType::kVoicemail;
    if (fixed_line.Matches(nsn, m)) {
      return same_mobile_and_fixed_line || mobile.Matches(nsn, m) ? PhoneType::kFixedLineOrMobile
                                                                  : PhoneType::kFixedLine;
    }
    if (!same_mobile_and_fixed_line && mobile.Matches(nsn, m)) return PhoneType::kMobile;
    return PhoneType::kUnknown;
  }

  bool LeadingDigitsMatch(std::string_view nsn) const {
    return leading_digits->Match(nsn, 0, nsn.size(), RE2::ANCHOR_START, nullptr, 0);
  }
};

PhoneType FromLibphonenumber(PhoneNumberUtil::PhoneNumberType type) {
  switch (type) {
    case PhoneNumberUtil::FIXED_LINE:
      return PhoneType::kFixedLine;
    case PhoneNumberUtil::MOBILE:
      return PhoneType::kMobile;
    case PhoneNumberUtil::FIXED_LINE_OR_MOBILE:
      return PhoneType::kFixedLineOrMobile;
    case PhoneNumberUtil::TOLL_FREE:
      return PhoneType::kTollFree;
    case PhoneNumberUtil::PREMIUM_RATE:
      return PhoneType::kPremiumRate;
    case PhoneNumberUtil::SHARED_COST:
      return PhoneType::kSharedCost;
    case PhoneNumberUtil::VOIP:
      return PhoneType::kVoip;
    case PhoneNumberUtil::PERSONAL_NUMBER:
      return PhoneType::kPersonalNumber;
    case PhoneNumberUtil::PAGER:
      return PhoneType::kPager;
    case PhoneNumberUtil::UAN:
      return PhoneType::kUan;
    case PhoneNumberUtil::VOICEMAIL:
      return PhoneType::kVoicemail;
    default:
      return PhoneType::kUnknown;
  }
}

}  // namespace

struct PhoneTypes::Tables {
  std::vector<std::unique_ptr<Region>> regions;
  // Calling code → its regions in libphonenumber's order (the main country first).
  std::unordered_map<int, std::vector<const Region*>> by_code;
};

PhoneTypes::PhoneTypes() : tables_(std::make_unique<Tables>()) {
  PhoneMetadataCollection collection;
  if (!collection.ParseFromArray(i18n::phonenumbers::metadata_get(),
                                 i18n::phonenumbers::metadata_size())) {
    throw std::runtime_error("libphonenumber's metadata could not be read");
  }
  std::map<std::string, const Region*> geographic;
  std::map<int, const Region*> non_geographic;
  std::set<int> codes;
  for (const PhoneMetadata& m : collection.metadata()) {
    tables_->regions.push_back(std::make_unique<Region>(m));
    const Region* r = tables_->regions.back().get();
    if (m.id() == "001") {
      non_geographic[m.country_code()] = r;
    } else {
      geographic[m.id()] = r;
    }
    codes.insert(m.country_code());
  }
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  for (int code : codes) {
    std::list<std::string> ids;
    util.GetRegionCodesForCountryCallingCode(code, &ids);
    std::vector<const Region*>& list = tables_->by_code[code];
    for (const std::string& id : ids) {
      if (id == "001") {
        if (auto it = non_geographic.find(code); it != non_geographic.end()) list.push_back(it->second);
      } else if (auto it = geographic.find(id); it != geographic.end()) {
        list.push_back(it->second);
      }
    }
  }
}

PhoneTypes::~PhoneTypes() = default;

const PhoneTypes& PhoneTypes::Instance() {
  static const PhoneTypes instance;
  return instance;
}

PhoneTypes::Answer PhoneTypes::Classify(int country_code, std::string_view nsn) const {
  auto it = tables_->by_code.find(country_code);
  if (it == tables_->by_code.end() || it->second.empty()) return {"ZZ", PhoneType::kUnknown};
  const std::vector<const Region*>& regions = it->second;
  bool complete = std::all_of(regions.begin(), regions.end(),
                              [](const Region* r) { return r->complete; });
  if (!complete) {
    // A pattern RE2 cannot compile (none in the metadata checked here): libphonenumber decides.
    PhoneNumber number;
    number.set_country_code(country_code);
    size_t zeros = 0;
    while (zeros + 1 < nsn.size() && nsn[zeros] == '0') ++zeros;
    if (zeros > 0) {
      number.set_italian_leading_zero(true);
      if (zeros > 1) number.set_number_of_leading_zeros(static_cast<int>(zeros));
    }
    uint64_t national = 0;
    std::from_chars(nsn.data() + zeros, nsn.data() + nsn.size(), national);
    number.set_national_number(national);
    const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
    Answer answer{"", FromLibphonenumber(util.GetNumberType(number))};
    util.GetRegionCodeForNumber(number, &answer.region);
    return answer;
  }
  // libphonenumber's GetRegionCodeForNumber: the only region of the code, else the first whose
  // leading digits (or, without them, whose patterns) claim the number.
  const Region* region = regions.size() == 1 ? regions.front() : nullptr;
  for (size_t i = 0; region == nullptr && i < regions.size(); ++i) {
    const Region* r = regions[i];
    if (r->leading_digits ? r->LeadingDigitsMatch(nsn) : r->TypeOf(nsn) != PhoneType::kUnknown) {
      region = r;
    }
  }
  if (region == nullptr) return {"ZZ", PhoneType::kUnknown};
  return {region->id, region->TypeOf(nsn)};
}

}  // namespace crm::transforms
