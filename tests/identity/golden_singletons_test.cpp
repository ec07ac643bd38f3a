// Golden records of records matching left alone are copied inside the staging database
// (identity/golden/singletons.h), beside the clusters survivorship builds. These tests stage a
// few records, hand BuildGoldenRecords a Resolution, and check that the copy is the staged row,
// that matching's own score and rule for a record alone survive, that records sharing a key still
// join, and that a Resolution naming a row outside the load is refused.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "core/common/error.h"
#include "core/common/progress.h"
#include "core/db/cells.h"
#include "core/db/journal.h"
#include "core/db/staging_schema.h"
#include "identity/golden/golden_writer.h"
#include "tests/identity/identity_render.h"
#include "tests/loaders/cutover_harness.h"
#include "tests/support/cell_text.h"

namespace fs = std::filesystem;

namespace crm::identity::testing {
namespace {

// Legacy and webshop keys share the "C-" prefix, so C-3 of both sources is one key.
constexpr const char* kSpec = R"(version: 1
name: singletons
staging: sqlite:work/staging.db
target: sqlite:work/crm.db
sources:
  legacy: {type: csv, path: legacy.csv}
  webshop: {type: csv, path: webshop.csv}
entities:
  contact:
    key: external_id
    fields:
      name: string
      email: email
      city: string
    from:
      - source: legacy
        map: {external_id: {template: "C-{ID}"}, name: Name, email: Email, city: City}
      - source: webshop
        map: {external_id: {template: "C-{ID}"}, name: Name, email: Email, city: City}
    match:
      block: [email]
      when: [{same: [email]}]
)";

class Staged {
 public:
  Staged() : dir_(fs::temp_directory_path() / ("crm_singletons_" + std::to_string(::getpid()))) {
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "work");
    std::ofstream(dir_ / "migration.yaml") << kSpec;
    std::ofstream(dir_ / "legacy.csv") << "ID,Name,Email,City\n1,Ann,ann@x.example,Utrecht\n"
                                          "2,Bob,,\n3,Cy,cy@x.example,Delft\n";
    std::ofstream(dir_ / "webshop.csv")
        << "ID,Name,Email,City\n7,Ann S,ann@x.example,\n3,Cyril,cyril@x.example,Gouda\n"
           "8,Dee,dee@x.example,Ede\n";
    spec_ = spec::LoadSpec((dir_ / "migration.yaml").string());
    staging_ = db::OpenStaging(spec_.staging_url, spec_.base_dir);
    journal_ = std::make_unique<db::Journal>(*staging_);
    loaders::testing::StageStep(spec_, *staging_, *journal_);
    load_ = journal_->CurrentLoad()->id;
  }
  ~Staged() { fs::remove_all(dir_); }

  // Every staged record alone, in _crm_row order.
  Resolution Alone() {
    Resolution r;
    soci::rowset<soci::row> rows =
        (staging_->session().prepare << "SELECT _crm_row, _crm_source, external_id FROM "
                                        "stg_contact ORDER BY _crm_row");
    for (const soci::row& row : rows) {
      Membership m;
      m.row = db::CellInteger(row, 0).value_or(0);
      m.record = {db::CellText(row, 1), db::CellText(row, 2)};
      m.cluster = m.row;
      m.rule = "singleton";
      r.members.push_back(m);
    }
    return r;
  }

  GoldenBuild Build(const Resolution& r) {
    ProgressOptions options;
    options.style = ProgressStyle::kQuiet;
    std::unique_ptr<Progress> quiet = MakeProgress(options);
    return BuildGoldenRecords(spec_, *staging_, spec_.entities.front(), load_, 7, r, *quiet);
  }

  // Rows of `sql`, one a line, sorted.
  std::string Render(const std::string& sql) {
    std::vector<std::string> lines;
    soci::rowset<soci::row> rows = (staging_->session().prepare << sql);
    for (const soci::row& row : rows) {
      std::string line;
      for (size_t i = 0; i < row.size(); ++i) {
        if (i > 0) line += ' ';
        line += crm::testing::CellText(row, i);
      }
      lines.push_back(line);
    }
    std::sort(lines.begin(), lines.end());
    std::string out;
    for (const std::string& l : lines) out += l + "\n";
    return out;
  }

  std::string Tables() { return RenderIdentityTables(spec_, *staging_, 7); }

  static Membership& Find(Resolution& r, const std::string& source, const std::string& key) {
    for (Membership& m : r.members) {
      if (m.record.source == source && m.record.key == key) return m;
    }
    throw std::runtime_error("not staged: " + source + " " + key);
  }

 private:
  fs::path dir_;
  spec::Spec spec_;
  std::unique_ptr<db::Database> staging_;
  std::unique_ptr<db::Journal> journal_;
  int64_t load_ = 0;
};

TEST_CASE("a golden record of a record alone is its staged row, its xref row names it",
          "[identity][golden][singletons]") {
  Staged staged;
  Resolution r = staged.Alone();
  // C-3 is the key of a legacy and a webshop record: they join however matching placed them.
  const GoldenBuild build = staged.Build(r);
  CHECK(build.counts.staged == 6);
  CHECK(build.counts.golden == 5);
  const std::string stg_alone =
      "SELECT external_id, name, email, city FROM stg_contact WHERE external_id <> 'C-3'";
  CHECK(staged.Render("SELECT external_id, name, email, city FROM gold_contact WHERE "
                      "_crm_members = 1 AND _crm_provenance IS NULL AND _crm_secondary IS NULL "
                      "AND _crm_run = 7") == staged.Render(stg_alone));
  // Expressions on both sides (SQLite types an expression column as text when reading it back).
  CHECK(staged.Render("SELECT _crm_gold_key, _crm_source, _crm_source_key, _crm_line, "
                      "_crm_score = 1 AND _crm_rule = 'singleton' FROM xref_contact "
                      "WHERE _crm_source_key <> 'C-3'") ==
        staged.Render("SELECT external_id, _crm_source, external_id, _crm_line, 1 = 1 "
                      "FROM stg_contact WHERE external_id <> 'C-3'"));
}

TEST_CASE("records alone beside clusters: their own rule, flags and shared keys kept",
          "[identity][golden][singletons]") {
  Staged staged;
  Resolution r = staged.Alone();
  REQUIRE(r.members.size() == 6);
  Membership& ann = Staged::Find(r, "legacy", "C-1");
  Membership& ann_s = Staged::Find(r, "webshop", "C-7");
  ann_s.cluster = ann.row;  // webshop C-7 joins legacy C-1
  ann.rule = ann_s.rule = "rule 1: same email";
  Membership& bob = Staged::Find(r, "legacy", "C-2");
  bob.score = 0.4;  // alone, but matching gave it its own score and rule
  bob.rule = "split from a chain";
  Staged::Find(r, "webshop", "C-8").flagged = true;  // alone in a flagged chain
  const GoldenBuild build = staged.Build(r);
  CHECK(build.clusters_flagged == 1);
  CHECK(staged.Tables() ==
        "  gold_contact\n"
        "    _crm_members=1 external_id=\"C-2\" name=\"Bob\" email=NULL city=NULL "
        "_crm_provenance=NULL _crm_secondary=NULL\n"
        "    _crm_members=1 external_id=\"C-8\" name=\"Dee\" email=\"dee@x.example\" "
        "city=\"Ede\" _crm_provenance=NULL _crm_secondary=NULL\n"
        "    _crm_members=2 external_id=\"C-1\" name=\"Ann\" email=\"ann@x.example\" "
        "city=\"Utrecht\" _crm_provenance=\"{\\\"name\\\":[\\\"legacy\\\",\\\"C-1\\\"],"
        "\\\"email\\\":[\\\"legacy\\\",\\\"C-1\\\"],\\\"city\\\":[\\\"legacy\\\",\\\"C-1\\\"]}\" "
        "_crm_secondary=NULL\n"
        "    _crm_members=2 external_id=\"C-3\" name=\"Cy\" email=\"cy@x.example\" "
        "city=\"Delft\" _crm_provenance=\"{\\\"name\\\":[\\\"legacy\\\",\\\"C-3\\\"],"
        "\\\"email\\\":[\\\"legacy\\\",\\\"C-3\\\"],\\\"city\\\":[\\\"legacy\\\",\\\"C-3\\\"]}\" "
        "_crm_secondary=NULL\n"
        "  xref_contact\n"
        "    _crm_gold_key=\"C-1\" _crm_source=\"legacy\" _crm_source_key=\"C-1\" _crm_line=2 "
        "_crm_score=1 _crm_rule=\"rule 1: same email\"\n"
        "    _crm_gold_key=\"C-1\" _crm_source=\"webshop\" _crm_source_key=\"C-7\" _crm_line=2 "
        "_crm_score=1 _crm_rule=\"rule 1: same email\"\n"
        "    _crm_gold_key=\"C-2\" _crm_source=\"legacy\" _crm_source_key=\"C-2\" _crm_line=3 "
        "_crm_score=0.4 _crm_rule=\"split from a chain\"\n"
        "    _crm_gold_key=\"C-3\" _crm_source=\"legacy\" _crm_source_key=\"C-3\" _crm_line=4 "
        "_crm_score=1 _crm_rule=\"singleton\"\n"
        "    _crm_gold_key=\"C-3\" _crm_source=\"webshop\" _crm_source_key=\"C-3\" _crm_line=3 "
        "_crm_score=1 _crm_rule=\"same key\"\n"
        "    _crm_gold_key=\"C-8\" _crm_source=\"webshop\" _crm_source_key=\"C-8\" _crm_line=4 "
        "_crm_score=1 _crm_rule=\"singleton\"\n"
        "  _possible_matches\n");
}

TEST_CASE("a Resolution naming a row outside the load is refused before anything is written",
          "[identity][golden][singletons]") {
  Staged staged;
  Resolution r = staged.Alone();
  Membership& cy = Staged::Find(r, "legacy", "C-3");
  cy.row = cy.cluster = 999;  // as many records as staged, none twice, but not all the load's
  try {
    staged.Build(r);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.category() == ErrorCategory::kInternal);
    CHECK(std::string(e.what()) ==
          "identity: matching placed staged row 999 (legacy C-3) of contact, which staged load 1 "
          "does not hold");
  }
}

}  // namespace
}  // namespace crm::identity::testing
