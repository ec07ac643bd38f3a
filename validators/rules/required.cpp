// required: a record fails when any of the rule's fields is NULL or, trimmed, one of the
// rule's empty_values (compared ignoring ASCII case: "N/A" is as empty as "n/a").
#include <set>

#include "core/common/text.h"
#include "validators/rules/rule.h"

namespace crm::validate {
namespace {

class RequiredRule : public RowRule {
 public:
  RequiredRule(const spec::Rule& rule) : RowRule(rule), fields_(FieldNames()) {
    for (const std::string& v : rule.empty_values) empty_.insert(ToLowerAscii(TrimView(v)));
  }

  std::vector<std::string> Columns() const override { return fields_; }

  Finding Check(const RowValues& values) const override {
    std::vector<std::string> missing;
    std::optional<std::string> shown;
    for (size_t i = 0; i < values.size(); ++i) {
      if (values[i] && !empty_.count(ToLowerAscii(TrimView(*values[i])))) continue;
      missing.push_back(fields_[i]);
      if (!shown && values[i]) shown = values[i];
    }
    if (missing.empty()) return {Verdict::kPass, std::nullopt, ""};
    return {Verdict::kFail, shown, "empty: " + Join(missing, ", ")};
  }

 private:
  std::vector<std::string> fields_;
  std::set<std::string> empty_;
};

}  // namespace

std::unique_ptr<Rule> MakeRequiredRule(const spec::Spec&, const spec::Rule& rule) {
  return std::make_unique<RequiredRule>(rule);
}

}  // namespace crm::validate
