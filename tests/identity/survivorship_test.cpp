// Survivorship on hand-made clusters: each rule's choice, its provenance, keep_others and the
// tie-breaks, rendered as text.
#include <catch2/catch.hpp>

#include "core/common/error.h"
#include "core/spec/spec.h"
#include "identity/golden/survivorship.h"

namespace crm::identity {
namespace {

// Fields: external_id (key), name, email, phone, tags, optin, status, updated (datetime), score.
spec::Spec MakeSpec(const std::string& survivorship) {
  const std::string yaml = R"(version: 1
name: survive
target: csv:out/
sources:
  legacy: {type: csv, path: a.csv}
  webshop: {type: csv, path: b.csv}
  news: {type: csv, path: c.csv}
entities:
  contact:
    key: external_id
    fields:
      name: string
      email: {type: email, pii: true}
      phone: phone
      tags: {multi: true}
      optin: boolean
      status: string
      updated: datetime
      score: integer
    from:
      - {source: legacy, map: {external_id: ID}}
      - {source: webshop, map: {external_id: ID}}
      - {source: news, map: {external_id: ID}}
    match:
      block: [email]
      when: [{same: [email]}]
      survivorship:
)" + survivorship;
  return spec::ParseSpec(yaml, "survive.yaml", [](const std::string&) {
    return std::optional<std::string>();
  });
}

using V = std::optional<std::string>;

// name, email, phone, tags, optin, status, updated, score, external_id (the implicit key last).
MemberRecord Member(const std::string& source, const std::string& key, int rank,
                    std::vector<V> values) {
  values.push_back(key);
  return MemberRecord{{source, key}, rank, std::move(values)};
}

std::vector<MemberRecord> Cluster() {
  return {
      Member("legacy", "L-1", 0,
             {"Ann Smith", "ann@old.example", std::nullopt, "vip", "1", "lead",
              "2023-01-01 10:00:00", "9"}),
      Member("webshop", "W-7", 1,
             {"Ann", "ann@shop.example", "+31612345678", "shop", "1", "customer",
              "2024-06-01 08:00:00", "10"}),
      Member("news", "N-3", 2,
             {"Ann Smith-Jones", "ann@shop.example", "  ", "news", "0", "prospect", std::nullopt,
              std::nullopt}),
  };
}

// "field=value from source:key [others ...]" per field but the key.
std::string Render(const spec::Spec& spec, const std::vector<MemberRecord>& members) {
  const spec::Entity& e = spec.entities.front();
  SurvivorshipRules rules(spec, e);
  const std::vector<SurvivingValue> out = rules.Apply(members);
  std::string text;
  for (size_t i = 0; i < e.fields.size(); ++i) {
    if (e.fields[i].name == e.key) continue;
    text += e.fields[i].name + "=" + (out[i].value ? *out[i].value : "NULL");
    if (out[i].member) {
      text += " from " + members[*out[i].member].record.source + ":" +
              members[*out[i].member].record.key;
    }
    for (const SecondaryValue& o : out[i].others) {
      text += " +" + o.value + "(" + members[o.member].record.key + ")";
    }
    text += "\n";
  }
  return text;
}

TEST_CASE("most_recent_non_empty without `by`: ties go to the first source in `from`",
          "[identity][survivorship]") {
  CHECK(Render(MakeSpec("        default: most_recent_non_empty\n"), Cluster()) ==
        "name=Ann Smith from legacy:L-1\n"
        "email=ann@old.example from legacy:L-1\n"
        "phone=+31612345678 from webshop:W-7\n"
        "tags=vip from legacy:L-1\n"
        "optin=1 from legacy:L-1\n"
        "status=lead from legacy:L-1\n"
        "updated=2023-01-01 10:00:00 from legacy:L-1\n"
        "score=9 from legacy:L-1\n");
}

TEST_CASE("most_recent by a date: the newest record; an empty value only for most_recent",
          "[identity][survivorship]") {
  const std::string text = Render(MakeSpec("        default: {rule: most_recent_non_empty, by: updated}\n"
                                           "        phone: {rule: most_recent, by: score}\n"),
                                  Cluster());
  CHECK(text ==
        "name=Ann from webshop:W-7\n"
        "email=ann@shop.example from webshop:W-7\n"
        "phone=+31612345678 from webshop:W-7\n"
        "tags=shop from webshop:W-7\n"
        "optin=1 from webshop:W-7\n"
        "status=customer from webshop:W-7\n"
        "updated=2024-06-01 08:00:00 from webshop:W-7\n"
        "score=10 from webshop:W-7\n");
  // Numbers compare as numbers (10 > 9), and the most recent record's empty value survives.
  std::vector<MemberRecord> members = Cluster();
  members[1].values[2] = std::nullopt;
  CHECK(Render(MakeSpec("        phone: {rule: most_recent, by: score}\n"), members)
            .find("phone=NULL from webshop:W-7\n") != std::string::npos);
}

TEST_CASE("most_complete, longest, most_frequent and source_priority",
          "[identity][survivorship]") {
  const std::string text = Render(MakeSpec("        name: longest\n"
                                           "        email: most_frequent\n"
                                           "        status: {rule: source_priority, order: [news, webshop]}\n"
                                           "        phone: most_complete\n"
                                           "        score: most_complete\n"),
                                  Cluster());
  CHECK(text.find("name=Ann Smith-Jones from news:N-3\n") != std::string::npos);
  CHECK(text.find("email=ann@shop.example from webshop:W-7\n") != std::string::npos);
  CHECK(text.find("status=prospect from news:N-3\n") != std::string::npos);
  // webshop has the most non-empty fields (9), legacy 8, news 6 ("  " is empty).
  CHECK(text.find("phone=+31612345678 from webshop:W-7\n") != std::string::npos);
  CHECK(text.find("score=10 from webshop:W-7\n") != std::string::npos);
}

TEST_CASE("keep_others keeps every other distinct value with its record",
          "[identity][survivorship]") {
  const std::string text = Render(MakeSpec("        email: {rule: most_frequent, keep_others: true}\n"
                                           "        tags: {rule: source_priority, order: [legacy], keep_others: true}\n"),
                                  Cluster());
  CHECK(text.find("email=ann@shop.example from webshop:W-7 +ann@old.example(L-1)\n") !=
        std::string::npos);
  CHECK(text.find("tags=vip from legacy:L-1 +shop(W-7) +news(N-3)\n") != std::string::npos);
}

TEST_CASE("most_restrictive: an opt-out anywhere is an opt-out", "[identity][survivorship]") {
  CHECK(Render(MakeSpec("        optin: most_restrictive\n"), Cluster())
            .find("optin=0 from news:N-3\n") != std::string::npos);
  // PostgreSQL reads booleans back as t/f; no answer never beats an opt-in.
  std::vector<MemberRecord> members = Cluster();
  members[0].values[4] = "t";
  members[1].values[4] = std::nullopt;
  members[2].values[4] = std::nullopt;
  CHECK(Render(MakeSpec("        optin: most_restrictive\n"), members)
            .find("optin=t from legacy:L-1\n") != std::string::npos);
  // With `order` it works on any type: the value listed first wins.
  CHECK(Render(MakeSpec("        status: {rule: most_restrictive, order: [prospect, lead]}\n"),
               Cluster())
            .find("status=prospect from news:N-3\n") != std::string::npos);
}

TEST_CASE("custom order: values by priority, unlisted ones after", "[identity][survivorship]") {
  CHECK(Render(MakeSpec("        status: {rule: custom, order: [customer, lead]}\n"), Cluster())
            .find("status=customer from webshop:W-7\n") != std::string::npos);
  CHECK(Render(MakeSpec("        status: {rule: custom, order: [gone]}\n"), Cluster())
            .find("status=lead from legacy:L-1\n") != std::string::npos);
}

TEST_CASE("most_restrictive on a text field without order is a spec error naming the key",
          "[identity][survivorship]") {
  const spec::Spec spec = MakeSpec("        status: most_restrictive\n");
  try {
    SurvivorshipRules rules(spec, spec.entities.front());
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.category() == ErrorCategory::kSpec);
    CHECK(std::string(e.what()).find("survive.yaml:") == 0);
    CHECK(std::string(e.what()).find("entities.contact.match.survivorship.status.rule: "
                                     "most_restrictive on field 'status'") != std::string::npos);
  }
}

}  // namespace
}  // namespace crm::identity
