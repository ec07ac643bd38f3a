#include "core/common/reject.h"

#include <array>
#include <utility>

namespace crm {
namespace {

constexpr std::array<std::pair<RejectKind, std::string_view>, 12> kNames = {{
    {RejectKind::kFieldCount, "field_count"},
    {RejectKind::kUnterminatedQuote, "unterminated_quote"},
    {RejectKind::kBadQuote, "bad_quote"},
    {RejectKind::kEncoding, "encoding"},
    {RejectKind::kJsonSyntax, "json_syntax"},
    {RejectKind::kRowTooLarge, "row_too_large"},
    {RejectKind::kMissingKey, "missing_key"},
    {RejectKind::kDuplicateKey, "duplicate_key"},
    {RejectKind::kTransform, "transform"},
    {RejectKind::kSourceError, "source_error"},
    {RejectKind::kTargetRefused, "target_refused"},
    {RejectKind::kUnresolvedReference, "unresolved_reference"},
}};

}  // namespace

std::string_view RejectKindName(RejectKind kind) {
  for (const auto& [k, name] : kNames) {
    if (k == kind) return name;
  }
  return "unknown";
}

std::optional<RejectKind> RejectKindFromName(std::string_view name) {
  for (const auto& [k, n] : kNames) {
    if (n == name) return k;
  }
  return std::nullopt;
}

}  // namespace crm
