#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "core/common/progress.h"
#include "core/spec/grammar.h"
#include "staging/shaping/bucket.h"
#include "staging/shaping/token.h"
#include "staging/shaping/transform_chain.h"
#include "tests/shaping/shaping_fixture.h"

using namespace crm::staging;

TEST_CASE("every transform the spec grammar names is implemented", "[shaping]") {
  std::vector<std::string> missing = UnimplementedTransforms(crm::spec::TransformNames());
  CHECK(missing == std::vector<std::string>{});
}

// Values computed independently from the algorithm documented in bucket.h (a Python transcription).
TEST_CASE("subset buckets are pinned: they must never change across versions", "[shaping]") {
  CHECK(SubsetBucket(7, "legacy", "L-1000", false) == SubsetBucket(7, "webshop", "L-1000", false));
  CHECK(SubsetBucket(7, "legacy", "L-1000", true) != SubsetBucket(7, "webshop", "L-1000", true));
  CHECK(SubsetBucket(0, "", "", false) == 584918809u);
  CHECK(SubsetBucket(7, "legacy", "L-1000", false) == 2453148971u);
  CHECK(SubsetBucket(7, "legacy", "L-1000", true) == 140671824u);
  CHECK(SubsetBucket(42, "webshop", "W-17", true) == 4155909675u);
  CHECK(SubsetLimit(0) == 0);
  CHECK(SubsetLimit(0.25) == 1073741824u);
  CHECK(SubsetLimit(1) == 4294967296u);
}

TEST_CASE("subset buckets spread evenly", "[shaping]") {
  int below = 0;
  const uint64_t limit = SubsetLimit(0.25);
  for (int i = 0; i < 20000; ++i) {
    if (SubsetBucket(7, "", "C-" + std::to_string(i), false) < limit) ++below;
  }
  CHECK(below > 4700);
  CHECK(below < 5300);
}

TEST_CASE("tokens are HMAC-SHA-256 hex (RFC 4231 test case 2)", "[shaping]") {
  Tokenizer t("Jefe");
  CHECK(t.Token("what do ya want for nothing?") ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

namespace {

const char* kSubsetSpec = R"(version: 1
name: subset
target: sqlite:crm.db
sources:
  a: {type: csv, path: a.csv}
  b: {type: csv, path: b.csv}
entities:
  contact:
    key: id
    fields: {name: string}
    from:
      - source: a
        map: {id: {template: "A-{ID}"}, name: Name}
      - source: b
        map: {id: {template: "B-{ID}"}, name: Name}
subsets:
  pilot: {fraction: 0.3, stratify: source, seed: 11}
)";

std::set<std::string> StagedKeys(crm::testing::ShapingDb& s, int64_t load, uint64_t below) {
  std::set<std::string> keys;
  long long l = load, limit = static_cast<long long>(below);
  soci::rowset<std::string> rs = (s.db->session().prepare
                                      << "SELECT id FROM stg_contact WHERE _crm_load = :l AND "
                                         "_crm_bucket < :b",
                                  soci::use(l), soci::use(limit));
  for (const std::string& k : rs) keys.insert(k);
  return keys;
}

}  // namespace

TEST_CASE("a subset run stages exactly the members a full run marks", "[shaping]") {
  crm::spec::Spec spec = crm::spec::ParseSpec(kSubsetSpec, "/tmp/subset.yaml",
                                              [](const std::string&) { return std::nullopt; });
  std::string raw = "[a]\nID|Name\n";
  for (int i = 0; i < 300; ++i) raw += std::to_string(i) + "|n" + std::to_string(i) + "\n";
  raw += "[b]\nID|Name\n";
  for (int i = 0; i < 200; ++i) raw += std::to_string(i) + "|m" + std::to_string(i) + "\n";
  auto s = crm::testing::OpenShapingDb("subset_members");
  crm::ProgressOptions po;
  po.style = crm::ProgressStyle::kQuiet;
  auto progress = crm::MakeProgress(po);

  ShapeOptions full;
  full.run_id = s.run_id;
  full.load_id = crm::testing::LandRawText(s, raw);
  ShapeResult all = ShapeEntity(spec, spec.entities[0], *s.db, *s.journal, full, *progress);
  CHECK(all.funnel[0].staged == 300);

  ShapeOptions pilot = full;
  pilot.load_id = crm::testing::LandRawText(s, raw, "pilot");
  pilot.subset = spec.FindSubset("pilot");
  ShapeResult part = ShapeEntity(spec, spec.entities[0], *s.db, *s.journal, pilot, *progress);
  for (const SourceFunnel& f : part.funnel) CHECK(f.Balanced());

  uint64_t limit = SubsetLimit(0.3);
  std::set<std::string> members = StagedKeys(s, full.load_id, limit);
  std::set<std::string> staged = StagedKeys(s, pilot.load_id, uint64_t{1} << 32);
  CHECK(members == staged);
  CHECK(static_cast<int64_t>(staged.size()) == part.funnel[0].staged + part.funnel[1].staged);
  // Stratified: each source contributes about its share.
  CHECK(part.funnel[0].staged > 60);
  CHECK(part.funnel[0].staged < 120);
  CHECK(part.funnel[1].staged > 35);
  CHECK(part.funnel[1].staged < 85);
}
