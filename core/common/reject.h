// The closed set of reasons a row is rejected. Every reader, transform, rule and loader reports a
// bad row as one of these kinds (plus a message and the raw text), and `_rejects.kind` stores the
// name. Adding a kind is a deliberate change: reports group by it, and tests assert it.
#pragma once

#include <optional>
#include <string_view>

namespace crm {

enum class RejectKind {
  kFieldCount,         // CSV: a row has more or fewer fields than the header
  kUnterminatedQuote,  // CSV: a quoted field runs to the end of the input
  kBadQuote,           // CSV: a stray quote inside an unquoted field or after a closing quote
  kEncoding,           // bytes that are not valid in the declared encoding
  kJsonSyntax,         // JSON Lines: the line is not a JSON object
  kRowTooLarge,        // a row over the reader's size bound (protects memory)
  kMissingKey,         // the entity key is empty after mapping
  kDuplicateKey,       // the same entity key twice in one source load
  kTransform,          // a transform failed on a value and the spec says reject
  kSourceError,        // a SQL source returned a value the reader could not take
  kTargetRefused,      // cutover: the target database refused the row
  kUnresolvedReference,// cutover: a reference to a record that is not in the target
};

std::string_view RejectKindName(RejectKind kind);
std::optional<RejectKind> RejectKindFromName(std::string_view name);

}  // namespace crm
