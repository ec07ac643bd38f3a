// The stage's view of the value transforms: look one up by its spec name, configure it with its
// parameters, apply it to one value at a time.
//
//   std::unique_ptr<Transform> phone = MakeTransform("phone_e164", {{"default_region",
//                                                    ParamValue::Scalar("NL")}});
//   TransformResult r;
//   std::string error;
//   if (!phone->Apply("06-12345678", RowContext{}, &r, &error)) { /* reject or null + warn */ }
//   // r.value == "+31612345678", r.facts == {"true", "mobile", "NL", ""}
//
// A transform is immutable and thread-safe once made (caches inside are synchronised), so the
// stage makes one per mapped field and calls it from all its worker threads. Expensive shared
// data (the country name index) is built once per process, on first use.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace crm::transforms {

// One parameter as the spec wrote it: a scalar, a list of scalars or a mapping (in spec order).
// Where a list is expected a scalar is taken as a list of one.
struct ParamValue {
  enum class Kind { kScalar, kList, kMap };
  Kind kind = Kind::kScalar;
  std::string scalar;
  std::vector<std::string> list;
  std::vector<std::pair<std::string, std::string>> map;

  static ParamValue Scalar(std::string value);
  static ParamValue List(std::vector<std::string> values);
  static ParamValue Map(std::vector<std::pair<std::string, std::string>> entries);
};
using TransformParams = std::map<std::string, ParamValue, std::less<>>;

// Per-row facts a transform may use besides its input value.
struct RowContext {
  // The row's region, ISO alpha-2 (e.g. its country field after country_iso2); phone_e164 reads
  // national numbers in it instead of its default_region. Empty: use the default.
  std::string_view region;
};

// What a transform made of one value.
struct TransformResult {
  std::string value;
  // The input was blank (empty after trimming) and the transform's output is NULL. Text
  // transforms never set it: they map "" to "".
  bool is_null = false;
  // Facts found on the way that later phases must not recompute, one per Transform::FactNames()
  // entry, in that order (phone_e164: valid, type, region, extension). Empty when is_null.
  std::vector<std::string> facts;
};

class Transform {
 public:
  virtual ~Transform() = default;

  // The spec name it was made from ("phone_e164").
  virtual std::string_view name() const = 0;

  // Names of the extra facts Apply records (see TransformResult::facts); empty for most.
  virtual std::vector<std::string> FactNames() const { return {}; }

  // Transforms `in`. Returns true and fills `out`, or returns false with a one-line reason in
  // `error` ("not a valid number", "31.02.2020: day 31 is not in month 2"), never throws for a bad
  // value. The stage then rejects the row or nulls the field with a warning, as the spec says.
  virtual bool Apply(std::string_view in, const RowContext& row, TransformResult* out,
                     std::string* error) const = 0;

  // Apply without row context; `out` gets the value ("" for NULL).
  bool Apply(std::string_view in, std::string* out, std::string* error) const;

  // Distinct inputs this transform passed through or failed on because it did not know them
  // (value_map's unmapped spellings), most frequent first, at most `limit`. Empty for most.
  virtual std::vector<std::pair<std::string, uint64_t>> Unknown(size_t limit) const { return {}; }
};

// One entry of the catalogue: a name, what it does, its parameters.
struct TransformInfo {
  std::string name;
  std::string summary;
  std::vector<std::string> required_params;
  std::vector<std::string> optional_params;
};

// Every transform the registry knows, in one list (the spec parser validates names against it).
const std::vector<TransformInfo>& TransformCatalog();
std::vector<std::string> TransformNames();

// Makes the transform `name` with `params`. Returns false with a message naming the problem
// ("unknown transform 'lowr' (did you mean 'lower'?)", "phone_e164: unknown region 'XX'",
// "date: missing parameter 'formats'", "lower: unknown parameter 'locale'").
bool TryMakeTransform(std::string_view name, const TransformParams& params,
                      std::unique_ptr<Transform>* out, std::string* error);

// As TryMakeTransform, but throws crm::Error(ErrorCategory::kSpec, message) on failure.
std::unique_ptr<Transform> MakeTransform(std::string_view name, const TransformParams& params);

}  // namespace crm::transforms
