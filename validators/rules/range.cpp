// range: a non-empty value must be a number within [min, max]; length: a non-empty value must
// have between min and max characters (Unicode code points, not bytes).
#include "core/common/text.h"
#include "validators/rules/rule.h"

namespace crm::validate {
namespace {

std::optional<double> Bound(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  double value = 0;
  std::string ignored;
  if (!spec::TryParseNumber(*text, &value, &ignored)) return std::nullopt;
  return value;
}

int64_t CodePoints(std::string_view s) {
  int64_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string Number(double v) {
  std::string s = std::to_string(v);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

class RangeRule : public RowRule {
 public:
  RangeRule(const spec::Rule& rule, bool length)
      : RowRule(rule),
        field_(FieldNames().at(0)),
        length_(length),
        min_(Bound(rule.min)),
        max_(Bound(rule.max)) {}

  std::vector<std::string> Columns() const override { return {field_}; }

  Finding Check(const RowValues& values) const override {
    const auto& v = values[0];
    if (!v || TrimView(*v).empty()) return {Verdict::kSkip, std::nullopt, ""};
    double x = 0;
    if (length_) {
      x = static_cast<double>(CodePoints(*v));
    } else {
      std::string ignored;
      if (!spec::TryParseNumber(TrimView(*v), &x, &ignored)) {
        return {Verdict::kFail, v, "not a number"};
      }
    }
    const std::string what = length_ ? "length " + Number(x) : "value";
    if (min_ && x < *min_) return {Verdict::kFail, v, what + " below " + Number(*min_)};
    if (max_ && x > *max_) return {Verdict::kFail, v, what + " above " + Number(*max_)};
    return {Verdict::kPass, std::nullopt, ""};
  }

 private:
  std::string field_;
  bool length_;
  std::optional<double> min_, max_;
};

}  // namespace

std::unique_ptr<Rule> MakeRangeRule(const spec::Spec&, const spec::Rule& rule) {
  return std::make_unique<RangeRule>(rule, rule.check == spec::RuleCheck::kLength);
}

}  // namespace crm::validate
