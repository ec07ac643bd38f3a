// The registry's transforms that read a value with declared formats: date, datetime, to_utc,
// number, split_name, value_map.
#include <memory>
#include <utility>

#include "staging/transforms/builtin_transforms.h"
#include "staging/transforms/date_time.h"
#include "staging/transforms/number.h"
#include "staging/transforms/person_name.h"
#include "staging/transforms/transform_params.h"
#include "staging/transforms/value_map.h"

namespace crm::transforms {
namespace {

// date: the calendar date ("2021-03-04"); datetime and to_utc: the instant in UTC
// ("2021-03-04T12:00:00Z"), read in `zone` unless the value carries an offset.
class DateTimeTransform : public ValueTransform {
 public:
  DateTimeTransform(std::string_view name, std::vector<std::string> formats,
                    DateFormatOptions options, bool date_only, TimeZone zone)
      : name_(name),
        formats_(std::move(formats)),
        options_(options),
        date_only_(date_only),
        zone_(std::move(zone)) {}
  std::string_view name() const override { return name_; }

 protected:
  bool ApplyValue(std::string_view in, const RowContext&, TransformResult* out,
                  std::string* error) const override {
    LocalDateTime local;
    if (!TryParseWithFormats(in, formats_, options_, &local, error)) return false;
    out->value = date_only_ ? FormatIsoDate(local) : FormatUtc(zone_.ToUtc(local));
    return true;
  }

 private:
  std::string_view name_;
  std::vector<std::string> formats_;
  DateFormatOptions options_;
  bool date_only_;
  TimeZone zone_;
};

class NumberTransform : public ValueTransform {
 public:
  explicit NumberTransform(NumberFormat format) : format_(std::move(format)) {}
  std::string_view name() const override { return "number"; }

 protected:
  bool ApplyValue(std::string_view in, const RowContext&, TransformResult* out,
                  std::string* error) const override {
    return TryParseNumber(in, format_, &out->value, error);
  }

 private:
  NumberFormat format_;
};

enum class NamePart { kTitle, kFirst, kLast, kSuffix };

class SplitNameTransform : public ValueTransform {
 public:
  explicit SplitNameTransform(NamePart part) : part_(part) {}
  std::string_view name() const override { return "split_name"; }
  std::vector<std::string> FactNames() const override {
    return {"title", "first", "last", "suffix"};
  }

 protected:
  bool ApplyValue(std::string_view in, const RowContext&, TransformResult* out,
                  std::string* error) const override {
    PersonName name;
    if (!TrySplitPersonName(in, &name, error)) return false;
    switch (part_) {
      case NamePart::kTitle:
        out->value = name.title;
        break;
      case NamePart::kFirst:
        out->value = name.first;
        break;
      case NamePart::kLast:
        out->value = name.last;
        break;
      case NamePart::kSuffix:
        out->value = name.suffix;
        break;
    }
    out->facts = {name.title, name.first, name.last, name.suffix};
    return true;
  }

 private:
  NamePart part_;
};

class ValueMapTransform : public ValueTransform {
 public:
  ValueMapTransform(std::unique_ptr<ValueMap> map, UnmappedPolicy policy)
      : map_(std::move(map)), policy_(policy) {}
  std::string_view name() const override { return "value_map"; }
  std::vector<std::pair<std::string, uint64_t>> Unknown(size_t limit) const override {
    return map_->Unknown(limit);
  }

 protected:
  bool ApplyValue(std::string_view in, const RowContext&, TransformResult* out,
                  std::string* error) const override {
    if (map_->Lookup(in, &out->value)) return true;
    switch (policy_) {
      case UnmappedPolicy::kKeep:
        out->value = in;
        return true;
      case UnmappedPolicy::kNull:
        out->is_null = true;
        return true;
      default:
        *error = "unmapped value '" + std::string(in) + "'";
        return false;
    }
  }

 private:
  std::unique_ptr<ValueMap> map_;
  UnmappedPolicy policy_;
};

bool ReadDateOptions(const TransformParams& params, std::string_view name,
                     std::vector<std::string>* formats, DateFormatOptions* options, TimeZone* zone,
                     std::string* error) {
  std::string zone_name;
  if (!GetList(params, name, "formats", formats, error) ||
      !GetInt(params, name, "year_pivot", &options->two_digit_year_pivot, error) ||
      !GetScalar(params, name, "timezone", &zone_name, error)) {
    return false;
  }
  if (!zone_name.empty() && !TimeZone::TryLoad(zone_name, zone, error)) {
    *error = std::string(name) + ": parameter 'timezone': " + *error;
    return false;
  }
  for (const std::string& format : *formats) {
    if (!TryCheckDateFormat(format, error)) {
      *error = std::string(name) + ": " + *error;
      return false;
    }
  }
  return true;
}

bool BuildDateLike(std::string_view name, const TransformParams& params, bool date_only,
                   std::unique_ptr<Transform>* out, std::string* error) {
  std::vector<std::string> formats;
  if (name == "to_utc") formats = IsoDateTimeFormats();
  DateFormatOptions options;
  TimeZone zone;
  if (!ReadDateOptions(params, name, &formats, &options, &zone, error)) return false;
  *out = std::make_unique<DateTimeTransform>(name, std::move(formats), options, date_only,
                                             std::move(zone));
  return true;
}

}  // namespace

bool BuildDate(const TransformParams& params, std::unique_ptr<Transform>* out, std::string* error) {
  return BuildDateLike("date", params, true, out, error);
}

bool BuildDateTime(const TransformParams& params, std::unique_ptr<Transform>* out,
                   std::string* error) {
  return BuildDateLike("datetime", params, false, out, error);
}

bool BuildToUtc(const TransformParams& params, std::unique_ptr<Transform>* out,
                std::string* error) {
  return BuildDateLike("to_utc", params, false, out, error);
}

bool BuildNumber(const TransformParams& params, std::unique_ptr<Transform>* out,
                 std::string* error) {
  std::string locale = "en";
  std::string decimal;
  std::vector<std::string> thousands;
  bool thousands_given = params.find("thousands") != params.end();
  if (!GetScalar(params, "number", "locale", &locale, error) ||
      !GetScalar(params, "number", "decimal", &decimal, error) ||
      !GetList(params, "number", "thousands", &thousands, error)) {
    return false;
  }
  NumberFormat format;
  if (!TryNumberFormatForLocale(locale, &format)) {
    *error = "number: unknown locale '" + locale + "' (en, de, nl, fr, de-CH, ... see number.h)";
    return false;
  }
  if (!decimal.empty()) format.decimal = decimal;
  if (thousands_given) format.thousands = thousands;
  for (const std::string& sep : format.thousands) {
    if (sep == format.decimal) {
      *error = "number: '" + sep + "' cannot be both the decimal and a thousands separator";
      return false;
    }
  }
  *out = std::make_unique<NumberTransform>(std::move(format));
  return true;
}

bool BuildSplitName(const TransformParams& params, std::unique_ptr<Transform>* out,
                    std::string* error) {
  std::string part;
  if (!GetScalar(params, "split_name", "part", &part, error)) return false;
  NamePart which;
  if (part == "first") {
    which = NamePart::kFirst;
  } else if (part == "last") {
    which = NamePart::kLast;
  } else if (part == "title") {
    which = NamePart::kTitle;
  } else if (part == "suffix") {
    which = NamePart::kSuffix;
  } else {
    *error =
        "split_name: parameter 'part' must be first, last, title or suffix, not '" + part + "'";
    return false;
  }
  *out = std::make_unique<SplitNameTransform>(which);
  return true;
}

bool BuildValueMap(const TransformParams& params, std::unique_ptr<Transform>* out,
                   std::string* error) {
  std::vector<std::pair<std::string, std::string>> entries;
  std::string file;
  std::string unmapped = "error";
  if (!GetMap(params, "value_map", "map", &entries, error) ||
      !GetScalar(params, "value_map", "file", &file, error) ||
      !GetScalar(params, "value_map", "unmapped", &unmapped, error)) {
    return false;
  }
  if (!file.empty() && !ValueMap::TryReadEntries(file, &entries, error)) return false;
  if (entries.empty()) {
    *error = "value_map: needs a 'map' or a 'file' with at least one entry";
    return false;
  }
  UnmappedPolicy policy;
  if (unmapped == "error") {
    policy = UnmappedPolicy::kError;
  } else if (unmapped == "keep") {
    policy = UnmappedPolicy::kKeep;
  } else if (unmapped == "null") {
    policy = UnmappedPolicy::kNull;
  } else {
    *error = "value_map: parameter 'unmapped' must be error, keep or null, not '" + unmapped + "'";
    return false;
  }
  std::unique_ptr<ValueMap> map;
  if (!ValueMap::TryBuild(entries, &map, error)) return false;
  *out = std::make_unique<ValueMapTransform>(std::move(map), policy);
  return true;
}

}  // namespace crm::transforms
