// Survivorship: which value of a cluster's staged records the golden record keeps, per field, and
// which record it came from. Pure: the caller reads the records and writes the result.
//
// Rules (entities.<e>.match.survivorship; a field without an entry takes `default`, and without
// that most_recent_non_empty):
//   most_recent            the value of the most recent record, even when it is empty
//   most_recent_non_empty  the value of the most recent record that has one
//   most_complete          the value of the record with the most non-empty fields that has one
//   source_priority        the value of the first record in `order` of sources that has one
//   longest                the longest value (in characters)
//   most_frequent          the value most records share
//   most_restrictive       consent: for a boolean an opt-out (false) anywhere wins over an opt-in,
//                          which wins over no answer; for another type the value listed first in
//                          `order` (the most restrictive first)
//   custom                 the value listed first in `order` (values by priority)
// "Most recent" compares the field `by` names (numbers as numbers, dates and timestamps as ISO
// text; a record without a value is the oldest). Without `by`, every record of one load is
// equally recent. Ties always go to the source listed first in the entity's `from`, then to the
// smaller record key, so the same records give the same golden record on every run. Empty means
// NULL or only spaces; values listed in `order` that no record has are skipped, and records whose
// value `order` does not list come after the listed ones.
//
// keep_others: the other distinct non-empty values stay as secondary values, each with the record
// it came from, in the order the rule ranks them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/spec/spec.h"
#include "identity/match/resolution.h"

namespace crm::identity {

// One staged record of a cluster as survivorship sees it.
struct MemberRecord {
  RecordKey record;
  int source_rank = 0;  // position of its source in the entity's `from` (ties go to the first)
  std::vector<std::optional<std::string>> values;  // per field of Entity::fields, as text
};

struct SecondaryValue {
  std::string value;
  size_t member = 0;  // index into the members
};

struct SurvivingValue {
  std::optional<std::string> value;
  std::optional<size_t> member;  // index into the members; nullopt when no record has a value
  std::vector<SecondaryValue> others;  // keep_others only
};

class SurvivorshipRules {
 public:
  // Throws crm::Error(kSpec), naming the spec's file, line and key, for a rule that cannot apply
  // to its field (most_restrictive on a field that is not boolean and has no `order`).
  SurvivorshipRules(const spec::Spec& spec, const spec::Entity& entity);

  // One value per field of Entity::fields; the key field's is the first member's (the golden key
  // is chosen by clustering, not by survivorship). `members` is not empty.
  std::vector<SurvivingValue> Apply(const std::vector<MemberRecord>& members) const;

 private:
  struct FieldRule {
    std::string rule;
    std::vector<std::string> order;
    int by = -1;  // field index of `by`, -1 without one
    bool by_numeric = false;
    bool keep_others = false;
    bool boolean = false;
  };

  SurvivingValue ApplyOne(size_t field, const FieldRule& rule,
                          const std::vector<MemberRecord>& members) const;

  std::vector<FieldRule> rules_;  // per field
  size_t key_index_ = 0;
};

// True for a value survivorship counts as empty (NULL or only spaces).
bool IsEmptyValue(const std::optional<std::string>& value);

}  // namespace crm::identity
