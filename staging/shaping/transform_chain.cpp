#include "staging/shaping/transform_chain.h"

#include <algorithm>

#include "core/common/error.h"
#include "staging/shaping/date_orders.h"
#include "staging/shaping/extra_transforms.h"

namespace crm::staging {
namespace {

using transforms::ParamValue;
using transforms::TransformParams;
using FT = spec::FieldType;

bool Contains(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool InRegistry(std::string_view name) { return Contains(transforms::TransformNames(), name); }

std::string Pick(const std::string& mapping_value, const std::string& source_value) {
  return mapping_value.empty() ? source_value : mapping_value;
}

std::vector<std::string> DateFormats(const spec::FieldMapping& m, const spec::Source& s,
                                     bool with_time) {
  std::vector<std::string> formats = !m.formats.empty() ? m.formats : s.date_formats;
  const std::vector<std::string>& iso =
      with_time ? DefaultDateTimeFormats() : std::vector<std::string>{"%Y-%m-%d"};
  // ISO spellings are always accepted: they cannot be read two ways.
  for (const std::string& f : iso) {
    if (!Contains(formats, f)) formats.push_back(f);
  }
  return formats;
}

std::string AbsolutePath(const std::string& base_dir, const std::string& path) {
  return !path.empty() && path[0] == '/' ? path : base_dir + "/" + path;
}

// The formats a date, datetime or to_utc step reads; empty for to_utc without declared formats
// (it then reads ISO 8601 only).
std::vector<std::string> StepFormats(std::string_view name, const spec::Source& source,
                                     const spec::FieldMapping& m) {
  bool explicit_formats = !m.formats.empty() || !source.date_formats.empty();
  if (name == "to_utc" && !explicit_formats) return {};
  return DateFormats(m, source, name != "date");
}

bool IsDateStep(std::string_view name) {
  return name == "date" || name == "datetime" || name == "to_utc";
}

TransformParams ParamsFor(std::string_view name, const spec::Spec& spec,
                          const spec::Source& source, const spec::FieldMapping& m,
                          transforms::DateOrder date_order) {
  TransformParams p;
  if (name == "phone_e164") {
    std::string region = Pick(m.default_region, source.default_region);
    if (!region.empty()) p["default_region"] = ParamValue::Scalar(region);
  } else if (IsDateStep(name)) {
    std::vector<std::string> formats = StepFormats(name, source, m);
    if (!formats.empty()) {
      p["formats"] = ParamValue::List(FormatsForOrder(formats, date_order));
    }
    if (name != "date") p["timezone"] = ParamValue::Scalar(Pick(m.timezone, source.timezone));
  } else if (name == "number") {
    p["locale"] = ParamValue::Scalar(Pick(m.locale, source.locale));
  } else if (name == "split_name") {
    if (!m.part.empty()) p["part"] = ParamValue::Scalar(m.part);
  } else if (name == "value_map") {
    if (!m.value_map.empty()) {
      std::vector<std::pair<std::string, std::string>> entries(m.value_map.begin(),
                                                               m.value_map.end());
      p["map"] = ParamValue::Map(std::move(entries));
    }
    if (!m.value_map_file.empty()) {
      p["file"] = ParamValue::Scalar(AbsolutePath(spec.base_dir, m.value_map_file));
    }
    const char* unmapped = m.unmapped == spec::Unmapped::kKeep   ? "keep"
                           : m.unmapped == spec::Unmapped::kNull ? "null"
                                                                 : "error";
    p["unmapped"] = ParamValue::Scalar(unmapped);
  }
  return p;
}

// The registry's boolean knows fixed spellings; the mapping's own lists need the shaping one.
bool UsesShapingBoolean(const spec::FieldMapping& m) {
  return !m.true_values.empty() || !m.false_values.empty();
}

ChainStep MakeStep(std::string_view name, const spec::Spec& spec, const spec::Source& source,
                   const spec::FieldMapping& m, const std::string& where,
                   transforms::DateOrder date_order) {
  ChainStep step;
  step.name = std::string(name);
  step.phone = name == "phone_e164";
  std::string locale = Pick(m.locale, source.locale);
  try {
    bool shaping = !InRegistry(name) || (name == "boolean" && UsesShapingBoolean(m));
    if (shaping && Contains(ShapingTransformNames(), name)) {
      step.transform = MakeShapingTransform(name, m, locale, spec);
    } else {
      step.transform =
          transforms::MakeTransform(name, ParamsFor(name, spec, source, m, date_order));
    }
  } catch (const Error& e) {
    throw Error(e.category(), where + ": " + e.what());
  }
  return step;
}

// The transform that normalises a declared type, and the names that already do it.
struct TypeNormaliser {
  FT type;
  const char* transform;
  std::vector<std::string> satisfied_by;
  bool keep_on_failure = false;  // see ChainStep::keep_on_failure
};

const std::vector<TypeNormaliser>& Normalisers() {
  static const std::vector<TypeNormaliser> kNormalisers = {
      {FT::kEmail, "email", {"email"}, true},
      {FT::kPhone, "phone_e164", {"phone_e164"}, true},
      {FT::kCountry, "country_iso2", {"country_iso2"}},
      {FT::kDate, "date", {"date"}},
      {FT::kDatetime, "datetime", {"datetime", "to_utc"}},
      {FT::kInteger, "integer", {"integer"}},
      {FT::kDecimal, "number", {"number", "integer"}},
      {FT::kBoolean, "boolean", {"boolean"}},
  };
  return kNormalisers;
}

// The step names of a chain, and the type normaliser appended when the mapping lacks it.
std::vector<std::string> ChainNames(const spec::Field& field, const spec::FieldMapping& mapping,
                                    const TypeNormaliser** implicit) {
  std::vector<std::string> names = mapping.transforms;
  bool has_map = !mapping.value_map.empty() || !mapping.value_map_file.empty();
  if (has_map && !Contains(names, "value_map")) names.push_back("value_map");
  if (mapping.lookup && !Contains(names, "lookup")) names.push_back("lookup");
  *implicit = nullptr;
  for (const TypeNormaliser& n : Normalisers()) {
    if (n.type != field.type) continue;
    bool done = std::any_of(n.satisfied_by.begin(), n.satisfied_by.end(),
                            [&](const std::string& s) { return Contains(names, s); });
    if (!done) *implicit = &n;
  }
  if (*implicit) names.push_back((*implicit)->transform);
  return names;
}

}  // namespace

const std::vector<std::string>& DefaultDateTimeFormats() {
  static const std::vector<std::string> kFormats = {
      "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S.%f%z", "%Y-%m-%dT%H:%M:%S",
      "%Y-%m-%dT%H:%M:%S.%f", "%Y-%m-%d %H:%M:%S%z", "%Y-%m-%d %H:%M:%S",
      "%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%dT%H:%M",      "%Y-%m-%d %H:%M",
      "%Y-%m-%d"};
  return kFormats;
}

std::vector<ChainStep> BuildChain(const spec::Spec& spec, const spec::Source& source,
                                  const spec::Field& field, const spec::FieldMapping& mapping,
                                  const std::string& where, transforms::DateOrder date_order) {
  const TypeNormaliser* implicit = nullptr;
  std::vector<std::string> names = ChainNames(field, mapping, &implicit);
  std::vector<ChainStep> steps;
  for (const std::string& name : names) {
    steps.push_back(MakeStep(name, spec, source, mapping, where, date_order));
  }
  if (implicit) steps.back().keep_on_failure = implicit->keep_on_failure;
  return steps;
}

std::vector<std::string> AmbiguousDateFormats(const spec::Source& source,
                                              const spec::Field& field,
                                              const spec::FieldMapping& mapping) {
  const TypeNormaliser* implicit = nullptr;
  for (const std::string& name : ChainNames(field, mapping, &implicit)) {
    if (!IsDateStep(name)) continue;
    std::vector<std::string> formats = StepFormats(name, source, mapping);
    if (ReadsBothOrders(formats)) return formats;
  }
  return {};
}

std::vector<std::string> UnimplementedTransforms(const std::vector<std::string>& names) {
  std::vector<std::string> missing;
  for (const std::string& name : names) {
    if (!InRegistry(name) && !Contains(ShapingTransformNames(), name)) missing.push_back(name);
  }
  return missing;
}

}  // namespace crm::staging
