#include "staging/transforms/transform_params.h"

#include <algorithm>
#include <charconv>

#include "core/common/text.h"
#include "staging/transforms/boolean.h"

namespace crm::transforms {
namespace {

bool Fail(std::string* error, std::string_view transform, std::string_view name,
          const std::string& why) {
  *error = std::string(transform) + ": parameter '" + std::string(name) + "' " + why;
  return false;
}

}  // namespace

ParamValue ParamValue::Scalar(std::string value) {
  ParamValue p;
  p.kind = Kind::kScalar;
  p.scalar = std::move(value);
  return p;
}

ParamValue ParamValue::List(std::vector<std::string> values) {
  ParamValue p;
  p.kind = Kind::kList;
  p.list = std::move(values);
  return p;
}

ParamValue ParamValue::Map(std::vector<std::pair<std::string, std::string>> entries) {
  ParamValue p;
  p.kind = Kind::kMap;
  p.map = std::move(entries);
  return p;
}

bool CheckParamNames(const TransformInfo& info, const TransformParams& params, std::string* error) {
  std::vector<std::string> known = info.required_params;
  known.insert(known.end(), info.optional_params.begin(), info.optional_params.end());
  for (const auto& [name, value] : params) {
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;
    *error = info.name + ": unknown parameter '" + name + "'";
    std::string close = ClosestMatch(name, known);
    if (!close.empty()) *error += " (did you mean '" + close + "'?)";
    if (known.empty()) *error += " (it takes none)";
    return false;
  }
  for (const std::string& name : info.required_params) {
    if (params.find(name) == params.end()) {
      *error = info.name + ": missing parameter '" + name + "'";
      return false;
    }
  }
  return true;
}

bool GetScalar(const TransformParams& params, std::string_view transform, std::string_view name,
               std::string* out, std::string* error) {
  auto it = params.find(name);
  if (it == params.end()) return true;
  if (it->second.kind != ParamValue::Kind::kScalar) {
    return Fail(error, transform, name, "must be a single value");
  }
  *out = it->second.scalar;
  return true;
}

bool GetList(const TransformParams& params, std::string_view transform, std::string_view name,
             std::vector<std::string>* out, std::string* error) {
  auto it = params.find(name);
  if (it == params.end()) return true;
  switch (it->second.kind) {
    case ParamValue::Kind::kScalar:
      *out = {it->second.scalar};
      return true;
    case ParamValue::Kind::kList:
      if (it->second.list.empty()) return Fail(error, transform, name, "must not be empty");
      *out = it->second.list;
      return true;
    default:
      return Fail(error, transform, name, "must be a value or a list of values");
  }
}

bool GetMap(const TransformParams& params, std::string_view transform, std::string_view name,
            std::vector<std::pair<std::string, std::string>>* out, std::string* error) {
  auto it = params.find(name);
  if (it == params.end()) return true;
  if (it->second.kind != ParamValue::Kind::kMap) {
    return Fail(error, transform, name, "must be a mapping");
  }
  *out = it->second.map;
  return true;
}

bool GetBool(const TransformParams& params, std::string_view transform, std::string_view name,
             bool* out, std::string* error) {
  std::string text;
  if (!GetScalar(params, transform, name, &text, error)) return false;
  if (params.find(name) == params.end()) return true;
  if (!TryParseBoolean(text, out)) return Fail(error, transform, name, "must be true or false");
  return true;
}

bool GetInt(const TransformParams& params, std::string_view transform, std::string_view name,
            int* out, std::string* error) {
  std::string text;
  if (!GetScalar(params, transform, name, &text, error)) return false;
  if (params.find(name) == params.end()) return true;
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return Fail(error, transform, name, "must be a whole number");
  }
  *out = value;
  return true;
}

}  // namespace crm::transforms
