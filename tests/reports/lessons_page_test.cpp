// The lessons-learned page of the sample journal: every section the close-out promises, with
// the sample's figures as the journal and the target hold them (queried here, never copied from
// a run).
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <catch2/catch.hpp>
#include <map>

#include "core/db/database.h"
#include "core/db/journal.h"
#include "reports/journal/rows.h"
#include "tests/reports/page_dom.h"
#include "tests/reports/rendered.h"

namespace crm::reports::testing {
namespace {

Dom Lessons() { return ParsePage(ReadText(PagePath(Rendered(), "lessons"))); }

std::vector<std::vector<std::string>> Rows(db::Database& db, const std::string& sql) {
  std::vector<std::vector<std::string>> out;
  soci::rowset<soci::row> rows = db.session().prepare << sql;
  for (const soci::row& r : rows) {
    std::vector<std::string> cells;
    for (size_t i = 0; i < r.size(); ++i) {
      if (r.get_indicator(i) == soci::i_null) {
        cells.push_back("");
      } else if (r.get_properties(i).get_data_type() == soci::dt_string) {
        cells.push_back(r.get<std::string>(i));
      } else if (r.get_properties(i).get_data_type() == soci::dt_double) {
        cells.push_back(std::to_string(r.get<double>(i)));
      } else if (r.get_properties(i).get_data_type() == soci::dt_integer) {
        cells.push_back(std::to_string(r.get<int>(i)));
      } else {
        cells.push_back(std::to_string(r.get<long long>(i)));
      }
    }
    out.push_back(cells);
  }
  return out;
}

TEST_CASE("lessons learned has every section of the close-out", "[reports][lessons]") {
  Dom dom = Lessons();
  for (const char* id : {"summary", "recommendations", "timeline", "funnel", "reject-reasons",
                         "rule-failures", "worst-fields", "planned-vs-actual", "forced-gates",
                         "notes"}) {
    INFO(id);
    Poco::XML::Element* section = FindBy(dom, "id", id);
    REQUIRE(section != nullptr);
    CHECK(section->nodeName() == "section");
    CHECK(!Elements(dom, "h2", section).empty());
  }
  CHECK(Elements(dom, "script").empty());
}

TEST_CASE("lessons learned: the timeline has every run", "[reports][lessons]") {
  SampleJournal& s = Sample();
  Dom dom = Lessons();
  const int64_t runs = QueryInt(*s.staging, "SELECT COUNT(*) FROM _runs");
  Poco::XML::Element* section = FindBy(dom, "id", "timeline");
  CHECK(static_cast<int64_t>(TableRows(dom, "timeline", section).size()) == runs);
  std::vector<Poco::XML::Element*> svg = Elements(dom, "svg", section);
  REQUIRE(svg.size() == 1);
  CHECK(svg[0]->getAttribute("class") == "chart-timeline");
  CHECK(static_cast<int64_t>(Elements(dom, "rect", svg[0]).size()) == runs);
}

TEST_CASE("lessons learned: the funnel from extracted to loaded", "[reports][lessons]") {
  SampleJournal& s = Sample();
  Dom dom = Lessons();
  const std::optional<db::LoadRecord> load = s.journal->CurrentLoad();
  REQUIRE(load);
  const auto expected = Rows(*s.staging,
                             "SELECT source, entity, extracted, staged, rejected FROM "
                             "_reconciliation WHERE run_id = " + std::to_string(load->run_id));
  std::vector<Poco::XML::Element*> rows = TableRows(dom, "funnel");
  REQUIRE(rows.size() == expected.size());
  std::map<std::string, int64_t> loaded_per_entity;
  for (size_t i = 0; i < rows.size(); ++i) {
    INFO(expected[i][0] << " " << expected[i][1]);
    CHECK(Field(rows[i], "source") == expected[i][0]);
    CHECK(Field(rows[i], "entity") == expected[i][1]);
    CHECK(Field(rows[i], "extracted") == expected[i][2]);
    CHECK(Field(rows[i], "staged") == expected[i][3]);
    CHECK(Field(rows[i], "rejected_at_stage") == expected[i][4]);
    CHECK(Field(rows[i], "rejected_at_cutover") ==
          std::to_string(QueryInt(*s.staging, "SELECT COUNT(*) FROM _rejects WHERE run_id = " +
                                                  std::to_string(s.cutover_run) +
                                                  " AND source = '" + expected[i][0] +
                                                  "' AND entity = '" + expected[i][1] + "'")));
    loaded_per_entity[expected[i][1]] += std::stoll(Field(rows[i], "loaded"));
  }
  // What the funnel says reached the target is what the target holds, plus the staged records
  // identity resolution merged into another golden record (they arrive with it).
  auto target = db::Database::Connect(s.target_url, s.spec.base_dir);
  const std::string load_id = std::to_string(load->id);
  for (const spec::Entity& e : s.spec.entities) {
    INFO(e.name);
    const int64_t staged = QueryInt(*s.staging, "SELECT COUNT(*) FROM stg_" + e.name +
                                                    " WHERE _crm_load = " + load_id);
    const int64_t golden = QueryInt(*s.staging, "SELECT COUNT(*) FROM gold_" + e.name +
                                                    " WHERE _crm_load = " + load_id);
    CHECK(loaded_per_entity[e.name] ==
          QueryInt(*target, "SELECT COUNT(*) FROM " + e.table) + (staged - golden));
  }
  CHECK(Elements(dom, "svg", FindBy(dom, "id", "funnel")).size() == rows.size());
}

TEST_CASE("lessons learned: reject reasons with counts, examples and their runs",
          "[reports][lessons]") {
  SampleJournal& s = Sample();
  Dom dom = Lessons();
  std::vector<Poco::XML::Element*> rows = TableRows(dom, "reject-reasons");
  const int64_t reasons = QueryInt(
      *s.staging, "SELECT COUNT(*) FROM (SELECT DISTINCT phase, source, entity, kind, column_name "
                  "FROM _rejects) x");
  CHECK(static_cast<int64_t>(rows.size()) == std::min<int64_t>(reasons, 10));
  // The date that no format reads: rejected again by the full stage, which the pilot also saw.
  const int64_t full_stage = s.journal->CurrentLoad()->run_id;
  for (Poco::XML::Element* row : rows) {
    if (Field(row, "kind") != "transform") continue;
    const std::string column = Field(row, "column");
    const int64_t newest = QueryInt(*s.staging, "SELECT COUNT(*) FROM _rejects WHERE run_id = " +
                                                    std::to_string(full_stage) +
                                                    " AND kind = 'transform' AND column_name = '" +
                                                    column + "'");
    CHECK(Field(row, "count") == std::to_string(newest));
    CHECK(Field(row, "runs").find("(pilot): ") != std::string::npos);
    CHECK(Field(row, "runs").find("run " + std::to_string(full_stage) + ": " +
                                  std::to_string(newest)) != std::string::npos);
    CHECK(Field(row, "examples").find("matches none of the formats") != std::string::npos);
  }
  // A row that could not be read counts for the full stage, which reused its raw load.
  for (Poco::XML::Element* row : rows) {
    if (Field(row, "kind") != "encoding") continue;
    CHECK(Field(row, "runs").find("run " + std::to_string(full_stage) + ": 1") !=
          std::string::npos);
    CHECK(Field(row, "examples").find("is not shown") != std::string::npos);
  }
}

TEST_CASE("lessons learned: rule failures across the pilot and the full run",
          "[reports][lessons]") {
  SampleJournal& s = Sample();
  Dom dom = Lessons();
  std::vector<Poco::XML::Element*> rows = TableRows(dom, "rule-failures");
  REQUIRE(!rows.empty());
  for (Poco::XML::Element* row : rows) {
    const std::string rule = row->getAttribute("data-rule");
    INFO(rule);
    CHECK(Field(row, "failed") ==
          std::to_string(QueryInt(*s.staging, "SELECT failed FROM _results WHERE run_id = " +
                                                  std::to_string(s.validate_run) +
                                                  " AND rule_id = '" + rule + "'")));
    CHECK(Field(row, "runs").find("run " + std::to_string(s.pilot_validate_run) + " (pilot)") !=
          std::string::npos);
  }
  const int64_t failing = QueryInt(*s.staging,
                                   "SELECT COUNT(DISTINCT rule_id) FROM _results WHERE failed > 0 "
                                   "AND rule NOT IN ('identity', 'review')");
  CHECK(static_cast<int64_t>(rows.size()) == std::min<int64_t>(failing, 10));
}

// The worst rate over every rule and source of the full validate, from its details_json.
TEST_CASE("lessons learned: the worst field by source comes first", "[reports][lessons]") {
  SampleJournal& s = Sample();
  Dom dom = Lessons();
  double worst = 0;
  std::string worst_source;
  for (const auto& r : Rows(*s.staging, "SELECT details_json FROM _results WHERE run_id = " +
                                            std::to_string(s.validate_run))) {
    Poco::JSON::Parser parser;
    auto details = parser.parse(r[0]).extract<Poco::JSON::Object::Ptr>();
    auto by_source = details->getArray("by_source");
    for (size_t i = 0; i < by_source->size(); ++i) {
      auto src = by_source->getObject(i);
      const double checked = src->getValue<double>("checked");
      const double rate = checked > 0 ? src->getValue<double>("failed") / checked : 0;
      if (rate > worst) {
        worst = rate;
        worst_source = src->getValue<std::string>("source");
      }
    }
  }
  std::vector<Poco::XML::Element*> rows = TableRows(dom, "worst-fields");
  REQUIRE(!rows.empty());
  CHECK(Field(rows[0], "source") == worst_source);
  CHECK(std::stod(Field(rows[0], "failed")) / std::stod(Field(rows[0], "checked")) ==
        Approx(worst));
}

TEST_CASE("lessons learned: planned against actual time", "[reports][lessons]") {
  SampleJournal& s = Sample();
  Dom dom = Lessons();
  std::vector<Poco::XML::Element*> rows = TableRows(dom, "planned-vs-actual");
  REQUIRE(rows.size() == 3);
  CHECK(Field(rows[0], "phase") == "stage");
  CHECK(Field(rows[0], "planned_seconds") == "0.01");  // the estimate of the journaled plan
  const std::optional<db::RunRecord> validate = s.journal->GetRun(s.validate_run);
  CHECK(Field(rows[1], "run") == std::to_string(s.validate_run));
  // The page prints milliseconds; the difference of two times in seconds is not exact.
  CHECK(std::stod(Field(rows[1], "actual_seconds")) ==
        Approx(*DurationSeconds(validate->started_at, validate->finished_at)).margin(0.0005));
  CHECK(Field(rows[2], "run") == std::to_string(s.cutover_run));  // not the dry run
}

TEST_CASE("lessons learned: forced gates, notes and recommendations", "[reports][lessons]") {
  SampleJournal& s = Sample();
  Dom dom = Lessons();
  std::vector<Poco::XML::Element*> gates = TableRows(dom, "forced-gates");
  REQUIRE(gates.size() == 1);
  CHECK(Field(gates[0], "run") == std::to_string(s.cutover_run));
  CHECK(Field(gates[0], "text").find(kGateReason) != std::string::npos);
  std::vector<Poco::XML::Element*> notes = TableRows(dom, "notes");
  REQUIRE(notes.size() == 2);
  CHECK(Field(notes[0], "text") == kNoteText);
  CHECK(Field(notes[1], "text") == std::string("salutation ") + kHostile + " came from legacy");
  CHECK(Elements(dom, "b", FindBy(dom, "id", "notes")).empty());
  CHECK(Elements(dom, "script").empty());

  // The source whose phones fail the format rule in the full validate is told to set its region.
  std::string phone_source;
  for (const auto& r : Rows(*s.staging, "SELECT details_json FROM _results WHERE run_id = " +
                                            std::to_string(s.validate_run) +
                                            " AND rule_id = 'format:contact.phone'")) {
    Poco::JSON::Parser parser;
    auto by_source =
        parser.parse(r[0]).extract<Poco::JSON::Object::Ptr>()->getArray("by_source");
    for (size_t i = 0; i < by_source->size(); ++i) {
      if (by_source->getObject(i)->getValue<int64_t>("failed") > 0) {
        phone_source = by_source->getObject(i)->getValue<std::string>("source");
      }
    }
  }
  REQUIRE(!phone_source.empty());
  bool advised = false;
  for (Poco::XML::Element* li : Elements(dom, "li", FindBy(dom, "id", "recommendations"))) {
    advised = advised || TextOf(li).find("set default_region for " + phone_source) !=
                             std::string::npos;
  }
  CHECK(advised);
}

TEST_CASE("lessons learned: the JSON says what the page says", "[reports][lessons]") {
  SampleJournal& s = Sample();
  Poco::JSON::Parser parser;
  auto doc = parser.parse(ReadText(PagePath(Rendered(), "lessons", 0, true)))
                 .extract<Poco::JSON::Object::Ptr>();
  auto summary = doc->getObject("summary");
  const std::optional<db::LoadRecord> load = s.journal->CurrentLoad();
  CHECK(summary->getValue<int64_t>("extracted") ==
        QueryInt(*s.staging, "SELECT SUM(extracted) FROM _reconciliation WHERE run_id = " +
                                 std::to_string(load->run_id)));
  CHECK(summary->getValue<int64_t>("runs") == QueryInt(*s.staging, "SELECT COUNT(*) FROM _runs"));
  Dom dom = Lessons();
  CHECK(TextOf(FindBy(dom, "data-field", "summary"))
            .find("Of " + std::to_string(summary->getValue<int64_t>("extracted")) +
                  " source rows") != std::string::npos);
}

}  // namespace
}  // namespace crm::reports::testing
