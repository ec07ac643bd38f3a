// The plan: which record of every source is clean, defective (and how), out of scope or a
// near-duplicate of which other record. Kinds are allocated as exact counts from the rates below
// and shuffled with the seed, so every kind is present (at least once from 10 records up) and
// the truth's counts are exact. One byte per record.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "samples/generator/generator.h"
#include "samples/generator/random.h"

namespace crm::generator {

enum class Kind : uint8_t {
  kClean,
  // stage: rejected while landing or shaping (outcome "reject") or nulled with a warning ("null")
  kFieldCount,
  kInvalidEncoding,
  kUnterminatedQuote,
  kUnparseableDate,
  kBrokenJson,
  kNotAPhone,
  // validate: flagged by a rule
  kInvalidEmail,
  kInvalidPhone,
  kMissingLastName,
  kDanglingAccount,
  kDanglingCustomer,
  kStaleRecord,
  kSalutationNotInPicklist,
  kIndustryNotInPicklist,
  // scope: excluded by the spec's where
  kDeleted,
  // identity: merged into another record
  kNearDuplicate,
  // edge: not a defect; a correct reader takes it intact
  kQuotedNote,
  kCount
};

struct KindInfo {
  std::string_view name;     // "invalid_email"
  std::string_view phase;    // stage | validate | identity | scope | edge
  std::string_view outcome;  // reject | null | flag | merge | exclude | intact
};
const KindInfo& Info(Kind kind);

class Plan {
 public:
  explicit Plan(const GenerateOptions& options);

  int64_t contacts() const { return static_cast<int64_t>(legacy_.size()); }
  int64_t accounts() const { return static_cast<int64_t>(accounts_.size()); }
  int64_t customers() const { return static_cast<int64_t>(customers_.size()); }
  int64_t subscribers() const { return static_cast<int64_t>(subscribers_.size()); }
  int64_t orders() const { return static_cast<int64_t>(orders_.size()); }
  uint64_t seed() const { return seed_; }

  Kind LegacyKind(int64_t row) const { return static_cast<Kind>(legacy_[row]); }
  Kind AccountKind(int64_t i) const { return static_cast<Kind>(accounts_[i]); }
  Kind CustomerKind(int64_t i) const { return static_cast<Kind>(customers_[i]); }
  Kind SubscriberKind(int64_t i) const { return static_cast<Kind>(subscribers_[i]); }
  Kind OrderKind(int64_t i) const { return static_cast<Kind>(orders_[i]); }

  // The legacy row a near-duplicate legacy row repeats (an earlier, clean row).
  int64_t LegacyOrigin(int64_t row) const;
  // For a near-duplicate customer: the legacy row it repeats.
  int64_t CustomerOrigin(int64_t i) const;
  // For a near-duplicate subscriber: the legacy row (>= 0) or, when it repeats a webshop-only
  // customer, -1 - that customer's index; kNoOrigin when none was found.
  static constexpr int64_t kNoOrigin = INT64_MIN;
  int64_t SubscriberOrigin(int64_t i) const;

  // Person ids: legacy row r is person r; webshop-only customer i is contacts() + i; a
  // newsletter-only subscriber i is contacts() + customers() + i.
  int64_t LegacyPerson(int64_t row) const;
  int64_t CustomerPerson(int64_t i) const;
  int64_t SubscriberPerson(int64_t i) const;

  // 1-based account number of a legacy row (a duplicate keeps its origin's account).
  int64_t AccountOf(int64_t row) const;

 private:
  int64_t FindCleanLegacy(Rng* rng, int64_t below) const;

  uint64_t seed_;
  std::vector<uint8_t> legacy_, accounts_, customers_, subscribers_, orders_;
};

}  // namespace crm::generator
