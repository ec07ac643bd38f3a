// format: a non-empty value must have the rule's format (or its field type's):
//   email        the syntax (format_values.h), and, with `domains`, a domain the file accepts;
//   phone        what stage found when it parsed the number (valid for its region, its type):
//                the _crm_<field>__valid/__type/__region facts, never parsed again;
//   date         an ISO date, within min..max (default 1900-01-01..2100-12-31: a plausible range);
//   datetime     an ISO date-time, its date within min..max;
//   postal_code  the pattern of the record's country (country_field, else the entity's `country`
//                field); countries without a known pattern are not checked;
//   regex        `pattern` matching the whole value.
#include <Poco/Exception.h>
#include <Poco/RegularExpression.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "core/common/text.h"
#include "validators/rules/format_values.h"
#include "validators/rules/rule.h"

namespace crm::validate {
namespace {

std::string FormatOf(const spec::Spec& spec, const spec::Rule& rule) {
  if (!rule.format.empty()) return rule.format;
  if (!rule.pattern.empty()) return "regex";
  const spec::Entity* entity = spec.FindEntity(rule.entity);
  const std::string& q = rule.fields.at(0);
  const spec::Field* field = entity->FindField(q.substr(q.find('.') + 1));
  switch (field->type) {
    case spec::FieldType::kEmail:
      return "email";
    case spec::FieldType::kPhone:
      return "phone";
    case spec::FieldType::kDate:
      return "date";
    case spec::FieldType::kDatetime:
      return "datetime";
    case spec::FieldType::kPostalCode:
      return "postal_code";
    default:
      return "";
  }
}

std::string Fact(const std::string& field, const char* suffix) {
  return std::string(db::kLineagePrefix) + field + "__" + suffix;
}

std::unique_ptr<Poco::RegularExpression> Compile(const spec::Spec& spec, const spec::Rule& rule,
                                                 const std::string& pattern) {
  try {
    // Anchored around a group, so "a|ab" must match all of "ab", not only its "a".
    return std::make_unique<Poco::RegularExpression>(
        "^(?:" + pattern + ")$",
        Poco::RegularExpression::RE_DOLLAR_ENDONLY | Poco::RegularExpression::RE_UTF8);
  } catch (const Poco::Exception& e) {
    RuleError(spec, rule, "invalid regular expression: " + e.message());
  }
}

class FormatRule : public RowRule {
 public:
  FormatRule(const spec::Spec& spec, const spec::Rule& rule, db::Database& db)
      : RowRule(rule), field_(FieldNames().at(0)), format_(FormatOf(spec, rule)) {
    columns_ = {field_};
    if (format_ == "phone") {
      const std::string table = db::StagedTableName(rule.entity);
      std::vector<std::string> have = db.ListColumns(table);
      if (std::find(have.begin(), have.end(), Fact(field_, "valid")) == have.end()) {
        RuleError(spec, rule,
                  "format phone needs what stage found when it parsed '" + rule.fields[0] + "' (" +
                      table + "." + Fact(field_, "valid") +
                      "): give the field type phone or the transform phone_e164, and stage again");
      }
      for (const char* s : {"valid", "type", "region"}) columns_.push_back(Fact(field_, s));
      types_.insert(rule.phone_types.begin(), rule.phone_types.end());
    } else if (format_ == "date" || format_ == "datetime") {
      min_ = rule.min.value_or("1900-01-01");
      max_ = rule.max.value_or("2100-12-31");
      for (const std::string* bound : {&min_, &max_}) {
        if (!IsIsoDate(*bound)) {
          RuleError(
              spec, rule,
              "min/max of format " + format_ + " must be dates (YYYY-MM-DD), got '" + *bound + "'");
        }
      }
    } else if (format_ == "postal_code") {
      std::string country = rule.country_field;
      if (country.empty()) {
        const spec::Field* f = spec.FindEntity(rule.entity)->FindField("country");
        if (f != nullptr) country = f->name;
      }
      if (country.empty()) {
        RuleError(spec, rule, "format postal_code needs the record's country: set country_field");
      }
      const spec::Entity* entity = spec.FindEntity(rule.entity);
      if (entity->FindField(country) == nullptr) {
        RuleError(spec, rule,
                  "country_field '" + country + "' is not a field of entity '" + rule.entity + "'");
      }
      columns_.push_back(country);
    } else if (format_ == "regex") {
      regex_ = Compile(spec, rule, rule.pattern);
    } else if (format_ != "email") {
      RuleError(spec, rule, "format '" + format_ + "' is not one validate checks");
    }
    if (format_ == "email" && !rule.domains_file.empty()) ReadDomains(spec, rule);
  }

  std::vector<std::string> Columns() const override { return columns_; }

  Finding Check(const RowValues& values) const override {
    const auto& v = values[0];
    if (!v || TrimView(*v).empty()) return {Verdict::kSkip, std::nullopt, ""};
    if (format_ == "email") return CheckEmail(*v);
    if (format_ == "phone") return CheckPhone(values);
    if (format_ == "date" || format_ == "datetime") return CheckDate(*v);
    if (format_ == "postal_code") return CheckPostal(*v, values[1]);
    if (!regex_->match(*v)) return {Verdict::kFail, v, "does not match " + spec().pattern};
    return {Verdict::kPass, std::nullopt, ""};
  }

 private:
  void ReadDomains(const spec::Spec& spec, const spec::Rule& rule) {
    std::filesystem::path path = std::filesystem::path(spec.base_dir) / rule.domains_file;
    std::ifstream in(path);
    if (!in) RuleError(spec, rule, "domains: cannot read " + path.string());
    for (std::string line; std::getline(in, line);) {
      std::string d = ToLowerAscii(TrimView(line));
      if (d.empty() || d[0] == '#') continue;
      if (d[0] == '!') {
        refused_.insert(d.substr(1));
      } else {
        accepted_.insert(d);
      }
    }
  }

  Finding CheckEmail(const std::string& v) const {
    std::string why;
    if (!IsEmail(v, &why)) return {Verdict::kFail, v, "not an e-mail address: " + why};
    std::string domain = ToLowerAscii(v.substr(v.find('@') + 1));
    if (refused_.count(domain)) return {Verdict::kFail, v, "domain " + domain + " is refused"};
    if (!accepted_.empty() && !accepted_.count(domain)) {
      return {Verdict::kFail, v, "domain " + domain + " is not in the accepted list"};
    }
    return {Verdict::kPass, std::nullopt, ""};
  }

  Finding CheckPhone(const RowValues& values) const {
    static const std::string kNone;
    const std::string& valid = values[1] ? *values[1] : kNone;
    const std::string& type = values[2] ? *values[2] : kNone;
    const std::string& region = values[3] ? *values[3] : kNone;
    if (valid != "true" && valid != "1") {
      return {Verdict::kFail, values[0],
              region.empty() ? "not a valid phone number"
                             : "not a valid phone number for region " + region};
    }
    if (types_.empty() || types_.count(type)) return {Verdict::kPass, std::nullopt, ""};
    // libphonenumber cannot tell mobile from fixed line in some countries (US, CA): such a
    // number may be either, so it passes a rule asking for one of them.
    if (type == "fixed_line_or_mobile" && (types_.count("mobile") || types_.count("fixed_line"))) {
      return {Verdict::kPass, std::nullopt, ""};
    }
    return {Verdict::kFail, values[0],
            "phone type " + (type.empty() ? "unknown" : type) + " is not one of " +
                Join(std::vector<std::string>(types_.begin(), types_.end()), ", ")};
  }

  Finding CheckDate(const std::string& v) const {
    bool ok = format_ == "date" ? IsIsoDate(v) : IsIsoDatetime(v);
    // A date column read as text on PostgreSQL or SQLite is YYYY-MM-DD; a timestamp has a time.
    if (!ok && format_ == "date" && v.size() > 10 && IsIsoDatetime(v)) ok = true;
    if (!ok) return {Verdict::kFail, v, "not an ISO " + format_};
    const std::string day = v.substr(0, 10);
    if (day < min_) return {Verdict::kFail, v, "before " + min_};
    if (day > max_) return {Verdict::kFail, v, "after " + max_};
    return {Verdict::kPass, std::nullopt, ""};
  }

  Finding CheckPostal(const std::string& v, const std::optional<std::string>& country) const {
    if (!country) return {Verdict::kSkip, std::nullopt, ""};
    const std::string code = ToLowerAscii(TrimView(*country));
    std::string upper;
    for (char c : code) upper += static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    auto it = postal_.find(upper);
    if (it == postal_.end()) {
      std::string pattern = PostalCodePattern(upper);
      if (pattern.empty()) {
        it = postal_.emplace(upper, nullptr).first;
      } else {
        it = postal_
                 .emplace(upper,
                          std::make_unique<Poco::RegularExpression>(
                              "^(?:" + pattern + ")$", Poco::RegularExpression::RE_DOLLAR_ENDONLY))
                 .first;
      }
    }
    if (!it->second) return {Verdict::kSkip, std::nullopt, ""};
    if (it->second->match(v)) return {Verdict::kPass, std::nullopt, ""};
    return {Verdict::kFail, v, "not a postal code of " + upper};
  }

  std::string field_, format_;
  std::vector<std::string> columns_;
  std::set<std::string> types_, accepted_, refused_;
  std::string min_, max_;
  std::unique_ptr<Poco::RegularExpression> regex_;
  // Compiled on first use per country; the runner calls Check from one thread.
  mutable std::map<std::string, std::unique_ptr<Poco::RegularExpression>> postal_;
};

}  // namespace

std::unique_ptr<Rule> MakeFormatRule(const spec::Spec& spec, const spec::Rule& rule,
                                     db::Database& db) {
  return std::make_unique<FormatRule>(spec, rule, db);
}

}  // namespace crm::validate
