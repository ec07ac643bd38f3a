// The typed-value transforms of the registry. A blank input (empty after trimming) is NULL for
// all of them, not a failure: a missing phone is not a bad phone.
#include <memory>
#include <utility>

#include "staging/transforms/boolean.h"
#include "staging/transforms/builtin_transforms.h"
#include "staging/transforms/country.h"
#include "staging/transforms/email.h"
#include "staging/transforms/phone.h"
#include "staging/transforms/text_transforms.h"
#include "staging/transforms/transform_params.h"

namespace crm::transforms {
namespace {

class EmailTransform : public ValueTransform {
 public:
  explicit EmailTransform(EmailOptions options) : options_(options) {}
  std::string_view name() const override { return "email"; }

 protected:
  bool ApplyValue(std::string_view in, const RowContext&, TransformResult* out,
                  std::string* error) const override {
    return TryNormalizeEmail(in, options_, &out->value, error);
  }

 private:
  EmailOptions options_;
};

class PhoneTransform : public ValueTransform {
 public:
  PhoneTransform(PhoneOptions options, bool require_valid)
      : phones_(std::move(options)), require_valid_(require_valid) {}
  std::string_view name() const override { return "phone_e164"; }
  std::vector<std::string> FactNames() const override {
    return {"valid", "type", "region", "extension"};
  }

 protected:
  bool ApplyValue(std::string_view in, const RowContext& row, TransformResult* out,
                  std::string* error) const override {
    PhoneResult phone = phones_.Normalize(in, row.region);
    if (!phone.parsed || (require_valid_ && !phone.valid)) {
      *error = "'" + std::string(in) + "': " + phone.error;
      return false;
    }
    out->value = std::move(phone.e164);
    out->facts = {phone.valid ? "true" : "false", std::string(PhoneTypeName(phone.type)),
                  std::move(phone.region), std::move(phone.extension)};
    return true;
  }

 private:
  PhoneNormalizer phones_;
  bool require_valid_;
};

class CountryTransform : public ValueTransform {
 public:
  CountryTransform(const CountryResolver& resolver,
                   std::unordered_map<std::string, std::string> aliases)
      : resolver_(resolver), aliases_(std::move(aliases)) {}
  std::string_view name() const override { return "country_iso2"; }

 protected:
  bool ApplyValue(std::string_view in, const RowContext&, TransformResult* out,
                  std::string* error) const override {
    if (!aliases_.empty()) {
      std::string key;
      if (CountryResolver::TryLookupKey(in, &key, error)) {
        auto it = aliases_.find(key);
        if (it != aliases_.end()) {
          out->value = it->second;
          return true;
        }
      }
    }
    return resolver_.TryResolve(in, &out->value, error);
  }

 private:
  const CountryResolver& resolver_;
  std::unordered_map<std::string, std::string> aliases_;  // lookup key → alpha-2
};

class BooleanTransform : public ValueTransform {
 public:
  std::string_view name() const override { return "boolean"; }

 protected:
  bool ApplyValue(std::string_view in, const RowContext&, TransformResult* out,
                  std::string* error) const override {
    bool value = false;
    if (!TryParseBoolean(in, &value)) {
      *error = "'" + std::string(in) + "' is not a boolean";
      return false;
    }
    out->value = value ? "true" : "false";
    return true;
  }
};

}  // namespace

bool BuildEmail(const TransformParams& params, std::unique_ptr<Transform>* out,
                std::string* error) {
  EmailOptions options;
  if (!GetBool(params, "email", "lower_local_part", &options.lower_local_part, error)) {
    return false;
  }
  *out = std::make_unique<EmailTransform>(options);
  return true;
}

bool BuildPhone(const TransformParams& params, std::unique_ptr<Transform>* out,
                std::string* error) {
  PhoneOptions options;
  bool require_valid = false;  // an invalid number is kept, its facts say so (validate flags it)
  if (!GetScalar(params, "phone_e164", "default_region", &options.default_region, error) ||
      !GetBool(params, "phone_e164", "require_valid", &require_valid, error)) {
    return false;
  }
  std::string upper;
  if (!TryUpper(options.default_region, &upper, error)) return false;
  options.default_region = upper;
  if (!options.default_region.empty() && !IsSupportedPhoneRegion(options.default_region)) {
    *error = "phone_e164: unknown region '" + options.default_region +
             "' for default_region (an ISO 3166 alpha-2 code such as NL)";
    return false;
  }
  *out = std::make_unique<PhoneTransform>(std::move(options), require_valid);
  return true;
}

bool BuildCountry(const TransformParams& params, std::unique_ptr<Transform>* out,
                  std::string* error) {
  std::vector<std::pair<std::string, std::string>> entries;
  if (!GetMap(params, "country_iso2", "aliases", &entries, error)) return false;
  const CountryResolver& resolver = CountryResolver::Default();
  std::unordered_map<std::string, std::string> aliases;
  for (const auto& [spelling, country] : entries) {
    std::string key;
    std::string alpha2;
    if (!CountryResolver::TryLookupKey(spelling, &key, error)) return false;
    if (!resolver.TryResolve(country, &alpha2, error)) {
      *error = "country_iso2: alias '" + spelling + "': " + *error;
      return false;
    }
    aliases[key] = alpha2;
  }
  *out = std::make_unique<CountryTransform>(resolver, std::move(aliases));
  return true;
}

bool BuildBoolean(const TransformParams&, std::unique_ptr<Transform>* out, std::string*) {
  *out = std::make_unique<BooleanTransform>();
  return true;
}

}  // namespace crm::transforms
