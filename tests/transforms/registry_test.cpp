#include <catch2/catch.hpp>

#include "core/common/error.h"
#include "staging/transforms/transform.h"

namespace crm::transforms {
namespace {

std::string MakeError(std::string_view name, const TransformParams& params) {
  std::unique_ptr<Transform> t;
  std::string error;
  if (TryMakeTransform(name, params, &t, &error)) return "made " + std::string(t->name());
  return error;
}

TEST_CASE("registry: every catalogued name can be made", "[registry]") {
  std::vector<std::string> names = TransformNames();
  CHECK(names.size() == TransformCatalog().size());
  for (const TransformInfo& info : TransformCatalog()) {
    TransformParams params;
    for (const std::string& p : info.required_params) {
      if (p == "formats") params[p] = ParamValue::Scalar("%Y-%m-%d");
      if (p == "timezone") params[p] = ParamValue::Scalar("UTC");
      if (p == "part") params[p] = ParamValue::Scalar("first");
      if (p == "values") params[p] = ParamValue::List({"n/a"});
    }
    if (info.name == "value_map") params["map"] = ParamValue::Map({{"a", "b"}});
    INFO(info.name);
    CHECK(MakeError(info.name, params) == "made " + info.name);
  }
}

TEST_CASE("registry: clear messages for bad names and parameters", "[registry]") {
  CHECK(MakeError("lowr", {}) == "unknown transform 'lowr' (did you mean 'lower'?)");
  CHECK(MakeError("frobnicate", {}) == "unknown transform 'frobnicate'");
  CHECK(MakeError("lower", {{"locale", ParamValue::Scalar("de")}}) ==
        "lower: unknown parameter 'locale' (it takes none)");
  CHECK(MakeError("phone_e164", {{"default_regoin", ParamValue::Scalar("NL")}}) ==
        "phone_e164: unknown parameter 'default_regoin' (did you mean 'default_region'?)");
  CHECK(MakeError("phone_e164", {{"default_region", ParamValue::Scalar("XX")}}) ==
        "phone_e164: unknown region 'XX' for default_region (an ISO 3166 alpha-2 code such as NL)");
  CHECK(MakeError("date", {}) == "date: missing parameter 'formats'");
  CHECK(MakeError("date", {{"formats", ParamValue::Scalar("%d.%q.%Y")}}) ==
        "date: unknown directive %q in format '%d.%q.%Y'");
  CHECK(MakeError("datetime", {{"formats", ParamValue::Scalar("%F")},
                               {"timezone", ParamValue::Scalar("Mars/Olympus")}}) ==
        "datetime: parameter 'timezone': unknown time zone 'Mars/Olympus'");
  CHECK(MakeError("number", {{"locale", ParamValue::Scalar("xx")}}) ==
        "number: unknown locale 'xx' (en, de, nl, fr, de-CH, ... see number.h)");
  CHECK(MakeError("date", {{"formats", ParamValue::Map({{"a", "b"}})}}) ==
        "date: parameter 'formats' must be a value or a list of values");
  CHECK(MakeError("value_map", {{"unmapped", ParamValue::Scalar("drop")},
                                {"map", ParamValue::Map({{"a", "b"}})}}) ==
        "value_map: parameter 'unmapped' must be error, keep or null, not 'drop'");
  CHECK(MakeError("split_name", {{"part", ParamValue::Scalar("middle")}}) ==
        "split_name: parameter 'part' must be first, last, title or suffix, not 'middle'");
  CHECK_THROWS_AS(MakeTransform("nope", {}), Error);
  try {
    MakeTransform("nope", {});
  } catch (const Error& e) {
    CHECK(e.category() == ErrorCategory::kSpec);
  }
}

TEST_CASE("registry: phone facts and the row's region", "[registry]") {
  auto phone = MakeTransform("phone_e164", {{"default_region", ParamValue::Scalar("nl")}});
  CHECK(phone->FactNames() == std::vector<std::string>{"valid", "type", "region", "extension"});
  TransformResult r;
  std::string error;
  REQUIRE(phone->Apply("030 12345678", RowContext{"DE"}, &r, &error));
  CHECK(r.value == "+493012345678");
  CHECK(r.facts == std::vector<std::string>{"true", "fixed_line", "DE", ""});
  REQUIRE(phone->Apply("  ", RowContext{}, &r, &error));
  CHECK(r.is_null);
  // By default an invalid number is kept with valid=false, so validate can report it.
  REQUIRE(phone->Apply("06 91234567", RowContext{}, &r, &error));
  CHECK(r.facts.at(0) == "false");
  auto strict = MakeTransform("phone_e164", {{"default_region", ParamValue::Scalar("NL")},
                                             {"require_valid", ParamValue::Scalar("true")}});
  CHECK_FALSE(strict->Apply("06 91234567", RowContext{}, &r, &error));
  CHECK(error == "'06 91234567': not a valid number");
  auto lenient = MakeTransform("phone_e164", {{"default_region", ParamValue::Scalar("NL")},
                                              {"require_valid", ParamValue::Scalar("false")}});
  REQUIRE(lenient->Apply("06 91234567", RowContext{}, &r, &error));
  CHECK(r.value == "+31691234567");
  CHECK(r.facts[0] == "false");
}

TEST_CASE("registry: value_map reports what it did not know", "[registry]") {
  auto map = MakeTransform("value_map", {{"map", ParamValue::Map({{"Bakkerij", "food"}})},
                                         {"unmapped", ParamValue::Scalar("keep")}});
  std::string out, error;
  REQUIRE(map->Apply("Garage", &out, &error));
  CHECK(out == "Garage");
  CHECK(map->Unknown(5) == std::vector<std::pair<std::string, uint64_t>>{{"Garage", 1}});
}

}  // namespace
}  // namespace crm::transforms
