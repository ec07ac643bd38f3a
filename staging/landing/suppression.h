// Suppression lists (spec `privacy.suppress`): values whose rows must not move, e.g. erasure
// requests. A matching row is counted as suppressed and never stored, not even in _rejects.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/spec/spec.h"
#include "staging/readers/record.h"

namespace crm::staging {

// Normal forms both sides are compared in. Email: trimmed, ASCII lower-case. Phone: the digits,
// with a leading '+' kept ("+31 (0)6-1234" -> "+3106 1234" without the space); deliberately not
// E.164: a list and a source that spell one number in different national forms will not match,
// which the suppression files are expected to avoid by listing the form the sources hold.
std::string NormalizeEmail(std::string_view value);
std::string NormalizePhone(std::string_view value);

class Suppressor {
 public:
  // Loads every list that applies to `source`, whose columns are `columns`:
  //   match: id     the column source.id_column (the line or row number when it has none), for
  //                 lists without `source` or with this source;
  //   match: email  the columns that an entity mapping from this source maps (`from`) to a field
  //   match: phone  of type email / phone.
  // Lines of a list are trimmed; blank lines and lines starting with '#' are skipped. Throws
  // crm::Error(kSpec) naming `privacy.suppress[i].file` when a list (of any source) cannot be
  // read, and naming `sources.<name>.id_column` when that column is not in the source.
  Suppressor(const spec::Spec& spec, const spec::Source& source,
             const std::vector<std::string>& columns);

  bool active() const { return !checks_.empty(); }

  // True when a value of the row (a non-reject record) is on a list.
  bool Matches(const readers::Record& record) const;

  // Identifies the lists' contents and columns, for the source fingerprint.
  const std::string& digest() const { return digest_; }
  // One sentence per list applied ("suppress by email: 3 values, column EMail").
  const std::vector<std::string>& decisions() const { return decisions_; }

 private:
  enum class Kind { kEmail, kPhone, kId };
  struct Check {
    Kind kind;
    std::shared_ptr<const std::unordered_set<std::string>> values;
    std::vector<size_t> columns;  // kId: empty means the line number
  };

  std::vector<Check> checks_;
  std::string digest_;
  std::vector<std::string> decisions_;
};

}  // namespace crm::staging
