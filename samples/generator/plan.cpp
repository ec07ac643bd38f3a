#include "samples/generator/plan.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

namespace crm::generator {
namespace {

constexpr KindInfo kInfos[] = {
    {"clean", "", ""},
    {"field_count", "stage", "reject"},
    {"invalid_encoding", "stage", "reject"},
    {"unterminated_quote", "stage", "reject"},
    {"unparseable_date", "stage", "reject"},
    {"broken_json", "stage", "reject"},
    {"not_a_phone", "stage", "null"},
    {"invalid_email", "validate", "flag"},
    {"invalid_phone", "validate", "flag"},
    {"missing_last_name", "validate", "flag"},
    {"dangling_account", "validate", "flag"},
    {"dangling_customer", "validate", "flag"},
    {"stale_record", "validate", "flag"},
    {"salutation_not_in_picklist", "validate", "flag"},
    {"industry_not_in_picklist", "validate", "flag"},
    {"deleted", "scope", "exclude"},
    {"near_duplicate", "identity", "merge"},
    {"quoted_note", "edge", "intact"},
};
static_assert(std::size(kInfos) == static_cast<size_t>(Kind::kCount));

constexpr int kTries = 64;
constexpr double kCustomerOverlap = 0.5;    // customers who are a legacy contact too
constexpr double kSubscriberOverlap = 0.4;  // subscribers who are a legacy contact or customer
constexpr double kFromWebshop = 0.15;       // of those, repeating a webshop-only customer

using Rates = std::vector<std::pair<Kind, double>>;

// Exact counts from rates (at least one of each from 10 records up), shuffled; the last
// `reserved_tail` records stay clean for the caller to place.
std::vector<uint8_t> Allocate(int64_t n, const Rates& rates, uint64_t seed, std::string_view stream,
                              int64_t reserved_tail) {
  std::vector<uint8_t> kinds(static_cast<size_t>(n), static_cast<uint8_t>(Kind::kClean));
  const int64_t usable = std::max<int64_t>(0, n - reserved_tail);
  int64_t next = 0;
  for (const auto& [kind, rate] : rates) {
    int64_t count = std::llround(rate * static_cast<double>(n));
    if (n >= 10 && rate > 0) count = std::max<int64_t>(count, 1);
    for (int64_t i = 0; i < count && next < usable; ++i) kinds[next++] = static_cast<uint8_t>(kind);
  }
  Rng rng(seed, stream, 0);
  for (int64_t i = usable - 1; i > 0; --i) {
    std::swap(kinds[i], kinds[rng.Below(static_cast<uint64_t>(i) + 1)]);
  }
  return kinds;
}

bool IsCleanOrigin(uint8_t kind) {
  return kind == static_cast<uint8_t>(Kind::kClean) ||
         kind == static_cast<uint8_t>(Kind::kQuotedNote);
}

}  // namespace

const KindInfo& Info(Kind kind) { return kInfos[static_cast<size_t>(kind)]; }

Plan::Plan(const GenerateOptions& options) : seed_(options.seed) {
  if (options.contacts < 1) throw std::invalid_argument("--contacts must be at least 1");
  if (options.accounts < 0) throw std::invalid_argument("--accounts must not be negative");
  if (!(options.dup_rate >= 0 && options.dup_rate <= 0.5)) {
    throw std::invalid_argument("--dup-rate must be between 0 and 0.5");
  }
  const int64_t n = options.contacts;
  const int64_t m = options.accounts > 0 ? options.accounts : std::max<int64_t>(1, n / 5);
  const int64_t w = std::max<int64_t>(5, n / 3);
  const int64_t k = std::max<int64_t>(5, n / 4);
  const int64_t o = w * 3 / 2;

  legacy_ = Allocate(n,
                     {{Kind::kFieldCount, 0.002},
                      {Kind::kInvalidEncoding, 0.001},
                      {Kind::kUnparseableDate, 0.002},
                      {Kind::kNotAPhone, 0.003},
                      {Kind::kInvalidEmail, 0.01},
                      {Kind::kInvalidPhone, 0.005},
                      {Kind::kMissingLastName, 0.003},
                      {Kind::kDanglingAccount, 0.003},
                      {Kind::kStaleRecord, 0.005},
                      {Kind::kSalutationNotInPicklist, 0.003},
                      {Kind::kDeleted, 0.01},
                      {Kind::kQuotedNote, 0.01},
                      {Kind::kNearDuplicate, options.dup_rate}},
                     seed_, "plan-legacy", 1);
  // Only the last row can end in an open quote: anywhere else it would swallow the rows after it.
  if (n >= 2) legacy_.back() = static_cast<uint8_t>(Kind::kUnterminatedQuote);
  for (int64_t row = 0; row < n; ++row) {
    if (LegacyKind(row) != Kind::kNearDuplicate) continue;
    Rng rng(seed_, "legacy-origin", static_cast<uint64_t>(row));
    if (FindCleanLegacy(&rng, row) < 0) legacy_[row] = static_cast<uint8_t>(Kind::kClean);
  }

  accounts_ = Allocate(m, {{Kind::kIndustryNotInPicklist, 0.02}}, seed_, "plan-accounts", 0);
  customers_ = Allocate(w, {{Kind::kInvalidEmail, 0.01}, {Kind::kNearDuplicate, kCustomerOverlap}},
                        seed_, "plan-customers", 0);
  for (int64_t i = 0; i < w; ++i) {
    if (CustomerKind(i) != Kind::kNearDuplicate) continue;
    Rng rng(seed_, "customer-origin", static_cast<uint64_t>(i));
    if (FindCleanLegacy(&rng, n) < 0) customers_[i] = static_cast<uint8_t>(Kind::kClean);
  }
  subscribers_ = Allocate(k,
                          {{Kind::kBrokenJson, 0.005},
                           {Kind::kInvalidEmail, 0.01},
                           {Kind::kNearDuplicate, kSubscriberOverlap}},
                          seed_, "plan-subscribers", 0);
  for (int64_t i = 0; i < k; ++i) {
    if (SubscriberKind(i) == Kind::kNearDuplicate && SubscriberOrigin(i) == kNoOrigin) {
      subscribers_[i] = static_cast<uint8_t>(Kind::kClean);
    }
  }
  orders_ = Allocate(o, {{Kind::kDanglingCustomer, 0.005}}, seed_, "plan-orders", 0);
}

int64_t Plan::FindCleanLegacy(Rng* rng, int64_t below) const {
  if (below <= 0) return -1;
  for (int t = 0; t < kTries; ++t) {
    const int64_t j = static_cast<int64_t>(rng->Below(static_cast<uint64_t>(below)));
    if (IsCleanOrigin(legacy_[j])) return j;
  }
  return -1;
}

int64_t Plan::LegacyOrigin(int64_t row) const {
  Rng rng(seed_, "legacy-origin", static_cast<uint64_t>(row));
  return FindCleanLegacy(&rng, row);
}

int64_t Plan::CustomerOrigin(int64_t i) const {
  Rng rng(seed_, "customer-origin", static_cast<uint64_t>(i));
  return FindCleanLegacy(&rng, contacts());
}

int64_t Plan::SubscriberOrigin(int64_t i) const {
  Rng rng(seed_, "subscriber-origin", static_cast<uint64_t>(i));
  if (rng.Chance(kFromWebshop)) {
    for (int t = 0; t < kTries; ++t) {
      const int64_t j = static_cast<int64_t>(rng.Below(static_cast<uint64_t>(customers())));
      if (customers_[j] == static_cast<uint8_t>(Kind::kClean)) return -1 - j;
    }
  }
  const int64_t row = FindCleanLegacy(&rng, contacts());
  return row >= 0 ? row : kNoOrigin;
}

int64_t Plan::LegacyPerson(int64_t row) const {
  return LegacyKind(row) == Kind::kNearDuplicate ? LegacyOrigin(row) : row;
}

int64_t Plan::CustomerPerson(int64_t i) const {
  return CustomerKind(i) == Kind::kNearDuplicate ? CustomerOrigin(i) : contacts() + i;
}

int64_t Plan::SubscriberPerson(int64_t i) const {
  if (SubscriberKind(i) != Kind::kNearDuplicate) return contacts() + customers() + i;
  const int64_t origin = SubscriberOrigin(i);
  return origin >= 0 ? origin : contacts() + (-1 - origin);
}

int64_t Plan::AccountOf(int64_t row) const {
  if (LegacyKind(row) == Kind::kNearDuplicate) row = LegacyOrigin(row);
  Rng rng(seed_, "legacy-account", static_cast<uint64_t>(row));
  return 1 + static_cast<int64_t>(rng.Below(static_cast<uint64_t>(accounts())));
}

}  // namespace crm::generator
