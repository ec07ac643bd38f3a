// Ids, canonical values and checksums: the pieces every target's "unchanged", reconciliation and
// rollback verification rest on.
#include <catch2/catch.hpp>

#include "core/common/error.h"
#include "core/common/text.h"
#include "core/spec/spec.h"
#include "loaders/plan.h"
#include "loaders/values.h"

namespace crm::loaders {
namespace {

using FT = spec::FieldType;

TEST_CASE("Uuid5 is RFC 4122 version 5 (SHA-1), as Python's uuid.uuid5", "[cutover][ids]") {
  // uuid.uuid5(uuid.NAMESPACE_DNS, "python.org") and uuid.uuid5(uuid.NAMESPACE_URL, "L-1001")
  CHECK(Uuid5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "python.org") ==
        "886313e1-3b8a-5372-9b90-0c9aee199e5d");
  CHECK(Uuid5("6ba7b811-9dad-11d1-80b4-00c04fd430c8", "L-1001") ==
        "1d308239-dc7f-5a60-a832-9fc9de7e3eca");
  CHECK(Uuid5("6ba7b811-9dad-11d1-80b4-00c04fd430c8", "L-1001") !=
        Uuid5("6ba7b811-9dad-11d1-80b4-00c04fd430c8", "L-1002"));
  try {
    Uuid5("not-a-uuid", "x");
    FAIL("a namespace that is not a UUID must be refused");
  } catch (const Error& e) {
    CHECK(e.category() == ErrorCategory::kSpec);
    CHECK(std::string(e.what()).find("cutover.id_namespace: 'not-a-uuid' is not a UUID") !=
          std::string::npos);
  }
}

TEST_CASE("Canonical text makes every database's spelling one", "[cutover][values]") {
  CHECK(CanonicalText(FT::kBoolean, "true") == "1");
  CHECK(CanonicalText(FT::kBoolean, "t") == "1");
  CHECK(CanonicalText(FT::kBoolean, "0") == "0");
  CHECK(CanonicalText(FT::kBoolean, "false") == "0");
  CHECK(CanonicalText(FT::kDecimal, "12.50") == "12.5");
  CHECK(CanonicalText(FT::kDecimal, "12.00") == "12");
  CHECK(CanonicalText(FT::kDecimal, "170.21") == "170.21");
  CHECK(CanonicalText(FT::kInteger, "-0") == "0");
  CHECK(CanonicalText(FT::kDatetime, "2023-11-30T15:54:43Z") == "2023-11-30 15:54:43");
  CHECK(CanonicalText(FT::kDatetime, "2023-11-30 15:54:43") == "2023-11-30 15:54:43");
  CHECK(CanonicalText(FT::kDatetime, "2023-11-30 15:54:43.000000") == "2023-11-30 15:54:43");
  CHECK(CanonicalText(FT::kDatetime, "2023-11-30 15:54:43+00") == "2023-11-30 15:54:43");
  CHECK(CanonicalText(FT::kDate, "2023-11-30 00:00:00") == "2023-11-30");
  CHECK(CanonicalText(FT::kString, " kept as is ") == " kept as is ");
}

TEST_CASE("FormatForTarget writes timestamps MySQL takes and booleans as 1/0", "[cutover][values]") {
  CHECK(FormatForTarget(FT::kDatetime, std::string("2023-11-30T15:54:43Z"), true) ==
        Value("2023-11-30 15:54:43"));
  CHECK(FormatForTarget(FT::kDatetime, std::string("2023-11-30T15:54:43Z"), false) ==
        Value("2023-11-30T15:54:43Z"));
  CHECK(FormatForTarget(FT::kBoolean, std::string("true"), false) == Value("1"));
  CHECK(FormatForTarget(FT::kString, std::nullopt, true) == std::nullopt);
}

TEST_CASE("Checksum is order-independent and tells NULL, empty and boundaries apart",
          "[cutover][values]") {
  Checksum a, b;
  a.Add({Value("x"), Value("y")});
  a.Add({Value("1"), std::nullopt});
  b.Add({Value("1"), std::nullopt});
  b.Add({Value("x"), Value("y")});
  CHECK(a.Text() == b.Text());
  CHECK(a.Text().rfind("2:", 0) == 0);
  CHECK(RowHash({std::nullopt}) != RowHash({Value("")}));
  CHECK(RowHash({Value("ab"), Value("c")}) != RowHash({Value("a"), Value("bc")}));
  Checksum c;
  c.Add({Value("x"), Value("z")});
  c.Add({Value("1"), std::nullopt});
  CHECK(c.Text() != a.Text());
}

TEST_CASE("Plans load entities after what they reference, ids per strategy", "[cutover][plan]") {
  const spec::Spec spec = spec::ParseSpec(R"(version: 1
name: plan
staging: "sqlite::memory:"
target: "sqlite::memory:"
sources:
  s: {type: csv, path: s.csv}
entities:
  contact:
    table: contacts
    key: external_id
    id_strategy: uuid5
    fields:
      account: {ref: account, multi: true, link: {table: ac, column: c, ref_column: a}}
      owner: {ref: account}
      note: text
    from: [{source: s, map: {external_id: ID, account: A, owner: A, note: N}}]
  account:
    key: code
    fields: {name: string}
    from: [{source: s, map: {code: A, name: N}}]
)",
                                          "plan.yaml", [](const std::string&) {
                                            return std::optional<std::string>();
                                          });
  std::vector<EntityPlan> plans = PlanEntities(spec);
  REQUIRE(plans.size() == 2);
  CHECK(plans[0].entity->name == "account");
  CHECK(plans[0].table == "account");
  CHECK(plans[1].table == "contacts");
  // uuid5: a separate id column first; the ref's column defaults to <field>_id; links apart.
  CHECK(Join(plans[1].ColumnNames(), ",") == "id,external_id,owner_id,note");
  REQUIRE(plans[1].links.size() == 1);
  CHECK(plans[1].links[0].table == "ac");
  CHECK(TargetId(plans[0], spec.cutover.id_namespace, "A-1") == "A-1");
  CHECK(TargetId(plans[1], spec.cutover.id_namespace, "L-1001") ==
        "1d308239-dc7f-5a60-a832-9fc9de7e3eca");
}

}  // namespace
}  // namespace crm::loaders
