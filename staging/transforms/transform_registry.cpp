#include <algorithm>

#include "core/common/error.h"
#include "core/common/text.h"
#include "staging/transforms/builtin_transforms.h"
#include "staging/transforms/transform.h"
#include "staging/transforms/transform_params.h"

namespace crm::transforms {
namespace {

struct Entry {
  TransformInfo info;
  TransformBuilder build;
};

// The one list of transforms: name, summary, required and optional parameters, builder.
const std::vector<Entry>& Entries() {
  static const std::vector<Entry> kEntries = {
      {{"trim", "remove leading and trailing (Unicode) spaces", {}, {}}, &BuildTrim},
      {{"collapse_whitespace", "trim and turn runs of spaces into one space", {}, {}},
       &BuildCollapse},
      {{"lower", "lower case (Unicode)", {}, {}}, &BuildLower},
      {{"upper", "upper case (Unicode)", {}, {}}, &BuildUpper},
      {{"title", "title case: \"o'neil\" → \"O'Neil\", \"JOSÉ\" → \"José\"", {}, {}}, &BuildTitle},
      {{"match_key",
        "matching key: no case, accents or punctuation (\"Öztürk\" → \"ozturk\")",
        {},
        {}},
       &BuildMatchKey},
      {{"null_if", "NULL for blank values and the listed ones (any case)", {"values"}, {}},
       &BuildNullIf},
      {{"email", "trimmed, lower-cased, syntax-checked email address", {}, {"lower_local_part"}},
       &BuildEmail},
      {{"phone_e164",
        "E.164 phone number; facts: valid, type, region, extension (national numbers in the "
        "row's region or default_region); an invalid number is kept with valid=false unless "
        "require_valid",
        {},
        {"default_region", "require_valid"}},
       &BuildPhone},
      {{"country_iso2",
        "ISO 3166-1 alpha-2 from a name in any language, a code or an alias",
        {},
        {"aliases"}},
       &BuildCountry},
      {{"date",
        "calendar date (YYYY-MM-DD) read with the declared formats",
        {"formats"},
        {"year_pivot"}},
       &BuildDate},
      {{"datetime",
        "date-time read with the declared formats, in UTC (YYYY-MM-DDTHH:MM:SSZ)",
        {"formats"},
        {"timezone", "year_pivot"}},
       &BuildDateTime},
      {{"to_utc",
        "ISO 8601 local date-time in the declared zone, in UTC",
        {"timezone"},
        {"formats", "year_pivot"}},
       &BuildToUtc},
      {{"number",
        "number with a locale's separators, as digits and '.'",
        {},
        {"locale", "decimal", "thousands"}},
       &BuildNumber},
      {{"boolean", "true or false from yes/no/ja/nee/oui/non/1/0/x ...", {}, {}}, &BuildBoolean},
      {{"split_name", "one part of a full name; facts: title, first, last, suffix", {"part"}, {}},
       &BuildSplitName},
      {{"value_map", "many spellings onto one code", {}, {"map", "file", "unmapped"}},
       &BuildValueMap},
  };
  return kEntries;
}

}  // namespace

bool Transform::Apply(std::string_view in, std::string* out, std::string* error) const {
  TransformResult result;
  if (!Apply(in, RowContext{}, &result, error)) return false;
  *out = std::move(result.value);
  return true;
}

const std::vector<TransformInfo>& TransformCatalog() {
  static const std::vector<TransformInfo> kCatalog = [] {
    std::vector<TransformInfo> infos;
    for (const Entry& e : Entries()) infos.push_back(e.info);
    return infos;
  }();
  return kCatalog;
}

std::vector<std::string> TransformNames() {
  std::vector<std::string> names;
  for (const Entry& e : Entries()) names.push_back(e.info.name);
  return names;
}

bool TryMakeTransform(std::string_view name, const TransformParams& params,
                      std::unique_ptr<Transform>* out, std::string* error) {
  auto it = std::find_if(Entries().begin(), Entries().end(),
                         [&](const Entry& e) { return e.info.name == name; });
  if (it == Entries().end()) {
    *error = "unknown transform '" + std::string(name) + "'";
    std::string close = ClosestMatch(name, TransformNames());
    if (!close.empty()) *error += " (did you mean '" + close + "'?)";
    return false;
  }
  if (!CheckParamNames(it->info, params, error)) return false;
  try {
    return it->build(params, out, error);
  } catch (const Error& e) {  // iso-codes missing: the country index could not be built
    *error = it->info.name + ": " + e.what();
    return false;
  }
}

std::unique_ptr<Transform> MakeTransform(std::string_view name, const TransformParams& params) {
  std::unique_ptr<Transform> transform;
  std::string error;
  if (!TryMakeTransform(name, params, &transform, &error)) {
    throw Error(ErrorCategory::kSpec, error);
  }
  return transform;
}

}  // namespace crm::transforms
