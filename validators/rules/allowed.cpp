// allowed: a non-empty value must be one of the rule's values (exactly, as staged), listed inline
// or in values_file (one value a line beside the spec; blank lines and lines starting with '#'
// are skipped).
#include <filesystem>
#include <fstream>
#include <set>

#include "core/common/text.h"
#include "validators/rules/rule.h"

namespace crm::validate {
namespace {

class AllowedRule : public RowRule {
 public:
  AllowedRule(const spec::Rule& rule, std::set<std::string> values)
      : RowRule(rule), field_(FieldNames().at(0)), values_(std::move(values)) {}

  std::vector<std::string> Columns() const override { return {field_}; }

  Finding Check(const RowValues& values) const override {
    const auto& v = values[0];
    if (!v || TrimView(*v).empty()) return {Verdict::kSkip, std::nullopt, ""};
    if (values_.count(*v)) return {Verdict::kPass, std::nullopt, ""};
    return {Verdict::kFail, v, "not an allowed value"};
  }

 private:
  std::string field_;
  std::set<std::string> values_;
};

}  // namespace

std::unique_ptr<Rule> MakeAllowedRule(const spec::Spec& spec, const spec::Rule& rule) {
  std::set<std::string> values(rule.values.begin(), rule.values.end());
  if (!rule.values_file.empty()) {
    std::filesystem::path path = std::filesystem::path(spec.base_dir) / rule.values_file;
    std::ifstream in(path);
    if (!in) RuleError(spec, rule, "values_file: cannot read " + path.string());
    for (std::string line; std::getline(in, line);) {
      std::string value(TrimView(line));
      if (value.empty() || value[0] == '#') continue;
      values.insert(value);
    }
  }
  return std::make_unique<AllowedRule>(rule, std::move(values));
}

}  // namespace crm::validate
