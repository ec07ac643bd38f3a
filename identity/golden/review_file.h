// The review file beside the spec (entities.<e>.match.review, e.g. review/contacts.csv): the
// possible matches identity resolution leaves to a person, one pair a line, and the person's
// decisions. A CSV file with a header:
//
//   decision,score,rule,a_source,a_key,b_source,b_key,first_name_a,first_name_b,...
//   accept,0.74,fellegi_sunter,legacy,L-1,webshop,W-7,A***,A***,...
//
// `decision` is accept (the same customer), reject (not) or empty (not decided yet); case and
// spaces around it do not matter. a_source, a_key, b_source and b_key name the two staged records
// (the pair in either order); the other columns (score, rule, the two records' values, masked when
// the field is PII) are there for the person and are not read back.
//
// Every run reads the decisions and hands them to matching, which honours them above every rule
// and score. It then writes the file again: the decided lines as they were, then the pairs still
// undecided, by score (highest first). A line the person decided is never dropped, even when
// its records are no longer staged.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/spec/spec.h"
#include "identity/match/resolution.h"

namespace crm::identity {

inline constexpr std::string_view kDecisionAccept = "accept";
inline constexpr std::string_view kDecisionReject = "reject";

struct ReviewLine {
  std::string decision;  // accept, reject or empty
  RecordKey a, b;
  std::string score, rule;
  std::map<std::string, std::string> values;  // value columns by header name
};

struct ReviewFile {
  std::vector<ReviewLine> decided;         // in file order
  std::vector<ReviewDecision> decisions;   // one per decided line, a < b
};

// The review file's path: `review` resolved against the spec's folder.
std::string ReviewPath(const spec::Spec& spec, const std::string& review);

// Reads the decisions; a missing file has none. A malformed file is crm::Error(kSpec) naming
// `path:line` and the column: a row the CSV reader rejects, a missing required column, a
// decision that is not accept, reject or empty, a source the spec does not name, an empty key,
// a record paired with itself, or one pair decided twice in different ways.
ReviewFile ReadReviewFile(const spec::Spec& spec, const std::string& path);

// Writes `lines` under a header naming `value_columns` after the fixed ones: to `path`.part,
// then moved into place, so a failed write leaves the person's file as it was. Folders are
// created. Throws crm::Error(kIo).
void WriteReviewFile(const std::string& path, const std::vector<std::string>& value_columns,
                     const std::vector<ReviewLine>& lines);

}  // namespace crm::identity
