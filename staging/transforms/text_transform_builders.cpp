// The text transforms of the registry: they map "" to "" and never produce NULL, except null_if.
#include <algorithm>
#include <vector>

#include "staging/transforms/builtin_transforms.h"
#include "staging/transforms/text_transforms.h"
#include "staging/transforms/transform_params.h"

namespace crm::transforms {
namespace {

using TextFn = bool (*)(std::string_view in, std::string* out, std::string* error);

class TextTransform : public Transform {
 public:
  TextTransform(std::string_view name, TextFn fn) : name_(name), fn_(fn) {}
  std::string_view name() const override { return name_; }
  bool Apply(std::string_view in, const RowContext&, TransformResult* out,
             std::string* error) const override {
    out->is_null = false;
    out->facts.clear();
    return fn_(in, &out->value, error);
  }

 private:
  std::string_view name_;
  TextFn fn_;
};

bool TrimFn(std::string_view in, std::string* out, std::string*) {
  out->assign(TrimView(in));
  return true;
}

bool CollapseFn(std::string_view in, std::string* out, std::string*) {
  *out = CollapseWhitespace(in);
  return true;
}

bool Make(std::string_view name, TextFn fn, std::unique_ptr<Transform>* out) {
  *out = std::make_unique<TextTransform>(name, fn);
  return true;
}

// Values that mean "no value" in a source ("N/A", "-", "unknown") become NULL.
class NullIfTransform : public Transform {
 public:
  explicit NullIfTransform(std::vector<std::string> keys) : keys_(std::move(keys)) {}
  std::string_view name() const override { return "null_if"; }
  bool Apply(std::string_view in, const RowContext&, TransformResult* out,
             std::string* error) const override {
    std::string key;
    out->facts.clear();
    out->is_null = false;
    if (!TryLower(CollapseWhitespace(in), &key, error)) return false;
    if (key.empty() || std::find(keys_.begin(), keys_.end(), key) != keys_.end()) {
      out->is_null = true;
      out->value.clear();
      return true;
    }
    out->value.assign(in);
    return true;
  }

 private:
  std::vector<std::string> keys_;
};

}  // namespace

bool BuildTrim(const TransformParams&, std::unique_ptr<Transform>* out, std::string*) {
  return Make("trim", &TrimFn, out);
}
bool BuildCollapse(const TransformParams&, std::unique_ptr<Transform>* out, std::string*) {
  return Make("collapse_whitespace", &CollapseFn, out);
}
bool BuildLower(const TransformParams&, std::unique_ptr<Transform>* out, std::string*) {
  return Make("lower", &TryLower, out);
}
bool BuildUpper(const TransformParams&, std::unique_ptr<Transform>* out, std::string*) {
  return Make("upper", &TryUpper, out);
}
bool BuildTitle(const TransformParams&, std::unique_ptr<Transform>* out, std::string*) {
  return Make("title", &TryTitleCase, out);
}
bool BuildMatchKey(const TransformParams&, std::unique_ptr<Transform>* out, std::string*) {
  return Make("match_key", &TryMatchKey, out);
}

bool BuildNullIf(const TransformParams& params, std::unique_ptr<Transform>* out,
                 std::string* error) {
  std::vector<std::string> values;
  if (!GetList(params, "null_if", "values", &values, error)) return false;
  for (std::string& v : values) {
    std::string key;
    if (!TryLower(CollapseWhitespace(v), &key, error)) return false;
    v = key;
  }
  *out = std::make_unique<NullIfTransform>(std::move(values));
  return true;
}

}  // namespace crm::transforms
