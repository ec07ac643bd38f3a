// Transforms the spec grammar names that the registry (staging/transforms) does not make, built
// here in the shaping layer with the registry's Transform interface so a mapping's chain treats
// them alike:
//   strip_accents   remove combining marks ("Lefèvre" → "Lefevre"); letters such as "ø" stay
//   digits          keep the ASCII digits only; NULL when none are left
//   null_if_empty   NULL for a blank value (empty after trimming)
//   integer         a whole number in the mapping's locale ("1.234" de → "1234", "12.0" → "12");
//                   fails on a fraction
//   boolean         with the mapping's true_values/false_values (the registry's boolean takes no
//                   spellings); matched after trimming, any ASCII case
//   lookup          replace the value through a reference table: a CSV file beside the spec
//                   (header row; `key` and `value` columns) or a table of the target database,
//                   read once; a value not in it follows lookup.on_missing
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/spec/spec.h"
#include "staging/transforms/transform.h"

namespace crm::staging {

// Names handled here, in grammar order.
const std::vector<std::string>& ShapingTransformNames();

// Makes one of ShapingTransformNames(). The spec resolves lookup files (base_dir) and tables
// (target_url); `locale` is the effective locale (mapping's or source's). Throws crm::Error:
// kSpec naming the problem, kIo when the target cannot be reached.
std::unique_ptr<transforms::Transform> MakeShapingTransform(std::string_view name,
                                                            const spec::FieldMapping& mapping,
                                                            const std::string& locale,
                                                            const spec::Spec& spec);

}  // namespace crm::staging
