// The transforms the registry makes (internal to the registry): one builder per spec name. Each
// reads its parameters (already checked against the catalogue for names) and fails with a
// message naming the transform and the parameter.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "staging/transforms/text_transforms.h"
#include "staging/transforms/transform.h"

namespace crm::transforms {

// Blank → NULL; everything else goes to ApplyValue with the trimmed text.
class ValueTransform : public Transform {
 public:
  bool Apply(std::string_view in, const RowContext& row, TransformResult* out,
             std::string* error) const final {
    std::string_view trimmed = TrimView(in);
    out->facts.clear();
    out->value.clear();
    out->is_null = trimmed.empty();
    if (out->is_null) return true;
    return ApplyValue(trimmed, row, out, error);
  }

 protected:
  virtual bool ApplyValue(std::string_view in, const RowContext& row, TransformResult* out,
                          std::string* error) const = 0;
};

using TransformBuilder = bool (*)(const TransformParams& params, std::unique_ptr<Transform>* out,
                                  std::string* error);

// Text: trim, collapse_whitespace, lower, upper, title, match_key, null_if.
bool BuildTrim(const TransformParams& params, std::unique_ptr<Transform>* out, std::string* error);
bool BuildCollapse(const TransformParams& params, std::unique_ptr<Transform>* out,
                   std::string* error);
bool BuildLower(const TransformParams& params, std::unique_ptr<Transform>* out, std::string* error);
bool BuildUpper(const TransformParams& params, std::unique_ptr<Transform>* out, std::string* error);
bool BuildTitle(const TransformParams& params, std::unique_ptr<Transform>* out, std::string* error);
bool BuildMatchKey(const TransformParams& params, std::unique_ptr<Transform>* out,
                   std::string* error);
bool BuildNullIf(const TransformParams& params, std::unique_ptr<Transform>* out,
                 std::string* error);

// Typed values: email, phone_e164, country_iso2, date, datetime, to_utc, number, boolean,
// split_name, value_map.
bool BuildEmail(const TransformParams& params, std::unique_ptr<Transform>* out, std::string* error);
bool BuildPhone(const TransformParams& params, std::unique_ptr<Transform>* out, std::string* error);
bool BuildCountry(const TransformParams& params, std::unique_ptr<Transform>* out,
                  std::string* error);
bool BuildDate(const TransformParams& params, std::unique_ptr<Transform>* out, std::string* error);
bool BuildDateTime(const TransformParams& params, std::unique_ptr<Transform>* out,
                   std::string* error);
bool BuildToUtc(const TransformParams& params, std::unique_ptr<Transform>* out, std::string* error);
bool BuildNumber(const TransformParams& params, std::unique_ptr<Transform>* out,
                 std::string* error);
bool BuildBoolean(const TransformParams& params, std::unique_ptr<Transform>* out,
                  std::string* error);
bool BuildSplitName(const TransformParams& params, std::unique_ptr<Transform>* out,
                    std::string* error);
bool BuildValueMap(const TransformParams& params, std::unique_ptr<Transform>* out,
                   std::string* error);

}  // namespace crm::transforms
