// The grammar table is data: these tests keep it consistent with itself, with the model's enums
// and with the generated reference.
#include "core/spec/grammar.h"

#include <catch2/catch.hpp>
#include <set>

#include "core/spec/spec.h"
#include "core/spec/values.h"

using crm::spec::FindKey;
using crm::spec::Grammar;
using crm::spec::KeyDef;
using crm::spec::KeyType;
using crm::spec::SplitAllowed;

namespace {

std::string Parent(std::string_view path) {
  size_t dot = path.rfind('.');
  size_t bracket = path.rfind("[]");
  if (bracket != std::string_view::npos && bracket + 2 == path.size()) {
    return std::string(path.substr(0, bracket));
  }
  return dot == std::string_view::npos ? "" : std::string(path.substr(0, dot));
}

template <typename E>
std::vector<std::string> Names(int count) {
  std::vector<std::string> out;
  for (int i = 0; i < count; ++i) out.emplace_back(crm::spec::Name(static_cast<E>(i)));
  return out;
}

}  // namespace

TEST_CASE("Every grammar path is unique and hangs off a map or list", "[spec][grammar]") {
  std::set<std::string_view> seen;
  for (const KeyDef& def : Grammar()) {
    INFO(def.path);
    CHECK(seen.insert(def.path).second);
    CHECK_FALSE(def.doc.empty());
    std::string parent = Parent(def.path);
    if (parent.empty()) continue;
    const KeyDef* up = FindKey(parent);
    REQUIRE(up != nullptr);
    bool is_item = def.path.ends_with("[]");
    CHECK(up->type == (is_item ? KeyType::kList : KeyType::kMap));
  }
}

TEST_CASE("Every grammar default is a valid value of its key", "[spec][grammar]") {
  for (const KeyDef& def : Grammar()) {
    if (def.def.empty()) continue;
    INFO(def.path << " = " << def.def);
    CHECK_FALSE(def.required);
    std::string error;
    switch (def.type) {
      case KeyType::kEnum: {
        auto allowed = SplitAllowed(def.allowed);
        CHECK(std::find(allowed.begin(), allowed.end(), def.def) != allowed.end());
        break;
      }
      case KeyType::kInteger: {
        int64_t n = 0;
        REQUIRE(crm::spec::TryParseInteger(def.def, &n, &error));
        CHECK((n >= def.min && n <= def.max));
        break;
      }
      case KeyType::kNumber: {
        double n = 0;
        REQUIRE(crm::spec::TryParseNumber(def.def, &n, &error));
        CHECK((n >= def.min && n <= def.max));
        break;
      }
      case KeyType::kBoolean:
      case KeyType::kPii: {
        bool b = false;
        CHECK(crm::spec::TryParseBool(def.def, &b, &error));
        break;
      }
      case KeyType::kAmount: {
        crm::spec::Amount a;
        CHECK(crm::spec::TryParseAmount(def.def, &a, &error));
        break;
      }
      case KeyType::kUrl:
        CHECK(crm::spec::UrlProblem(def.def).empty());
        break;
      case KeyType::kIdentifier:
        CHECK(crm::spec::IdentifierProblem(def.def).empty());
        break;
      default:
        break;
    }
  }
}

TEST_CASE("only_for names values of the parent's discriminator", "[spec][grammar]") {
  for (const KeyDef& def : Grammar()) {
    if (def.only_for.empty()) continue;
    INFO(def.path);
    const KeyDef* parent = FindKey(Parent(def.path));
    REQUIRE(parent != nullptr);
    REQUIRE_FALSE(parent->discriminator.empty());
    const KeyDef* selector = FindKey(Parent(def.path) + "." + std::string(parent->discriminator));
    REQUIRE(selector != nullptr);
    auto allowed = SplitAllowed(selector->allowed);
    for (const std::string& value : SplitAllowed(def.only_for)) {
      CHECK(std::find(allowed.begin(), allowed.end(), value) != allowed.end());
    }
  }
}

TEST_CASE("Model enums spell exactly the grammar's allowed values", "[spec][grammar]") {
  using namespace crm::spec;
  auto allowed = [](std::string_view path) { return SplitAllowed(FindKey(path)->allowed); };
  CHECK(Names<SourceType>(3) == allowed("sources.*.type"));
  CHECK(Names<FieldType>(13) == allowed("entities.*.fields.*.type"));
  CHECK(Names<OnError>(2) == allowed("entities.*.from[].map.*.on_error"));
  CHECK(Names<Unmapped>(3) == allowed("entities.*.from[].map.*.unmapped"));
  CHECK(Names<RuleCheck>(11) == allowed("rules[].check"));
  CHECK(Names<Severity>(3) == allowed("rules[].severity"));
  CHECK(Names<MatchMethod>(2) == allowed("entities.*.match.method"));
  CHECK(Names<CutoverMode>(3) == allowed("cutover.mode"));
  CHECK(Names<CutoverOnError>(2) == allowed("cutover.on_error"));
  CHECK(Names<IdStrategy>(3) == allowed("cutover.id_strategy"));
}

TEST_CASE("The reference documents every key of the table", "[spec][grammar]") {
  const std::string reference = crm::spec::RenderSpecReference();
  CHECK(reference.rfind("## Spec reference\n", 0) == 0);
  for (const KeyDef& def : Grammar()) {
    INFO(def.path);
    CHECK(reference.find("| `" + std::string(def.path) + "` |") != std::string::npos);
  }
  CHECK(reference.find("| `sources.*.type` | `csv` \\| `jsonl` \\| `sql` | **required** |") !=
        std::string::npos);
}

TEST_CASE("Transform names are the closed list", "[spec][grammar]") {
  const auto& names = crm::spec::TransformNames();
  CHECK(std::find(names.begin(), names.end(), "phone_e164") != names.end());
  CHECK(std::find(names.begin(), names.end(), "to_utc") != names.end());
  CHECK(std::find(names.begin(), names.end(), "shout") == names.end());
}
