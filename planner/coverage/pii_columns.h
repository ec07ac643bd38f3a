// Which source columns hold personal data, so the plan masks their values (top values, samples,
// misses, failing examples) with the masking the validate reports use (validators/evidence/mask.h):
// a column is PII when a mapping feeds it into a field the spec tags `pii`, or when its values
// look like e-mail addresses or phone numbers whatever the spec says.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/spec/spec.h"
#include "planner/scan/source_scan.h"

namespace crm::plan {

// column -> "email" | "phone" | "other" (how its values are masked).
std::map<std::string, std::string> PiiColumns(const spec::Spec& spec, const SourceScan& scan);

// "email" | "phone" | "other" for a field tagged pii (by its type).
std::string MaskKindOf(const spec::Field& field);

// `value` masked as `kind` ("email", "phone", anything else: other).
std::string Mask(std::string_view value, std::string_view kind);

}  // namespace crm::plan
