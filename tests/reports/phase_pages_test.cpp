// The index, plan, quality and cutover pages of the sample journal, read back as XML and checked
// against figures queried here from the journal and the target database.
#include <Poco/JSON/Parser.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <set>

#include "core/db/database.h"
#include "reports/html/page_frame.h"
#include "tests/reports/page_dom.h"
#include "tests/reports/rendered.h"

namespace fs = std::filesystem;

namespace crm::reports::testing {
namespace {

std::vector<std::string> Column(db::Database& db, const std::string& sql) {
  std::vector<std::string> out;
  soci::rowset<soci::row> rows = db.session().prepare << sql;
  for (const soci::row& r : rows) {
    out.push_back(r.get_indicator(0) == soci::i_null ? "" : r.get<std::string>(0));
  }
  return out;
}

TEST_CASE("every page is well-formed, self-contained and has its JSON", "[reports]") {
  const ReportResult& result = Rendered();
  SampleJournal& s = Sample();
  // index, lessons, the plan, two validate runs and two cutover runs
  REQUIRE(result.pages.size() == 7);
  for (const WrittenPage& page : result.pages) {
    INFO(page.html_path);
    const std::string html = ReadText(page.html_path);
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(static_cast<int64_t>(html.size()) == page.html_bytes);
    Dom dom = ParsePage(html);
    Poco::XML::Element* csp = FindBy(dom, "http-equiv", "Content-Security-Policy");
    REQUIRE(csp != nullptr);
    CHECK(csp->getAttribute("content") == std::string(kContentSecurityPolicy));
    CHECK(Elements(dom, "script").empty());
    CHECK(Elements(dom, "link").empty());
    CHECK(Elements(dom, "img").empty());
    CHECK(Elements(dom, "iframe").empty());
    for (Poco::XML::Element* a : Elements(dom, "a")) {
      const std::string href = a->getAttribute("href");
      CHECK(href.find(':') == std::string::npos);  // no scheme: a file beside this one
      CHECK(fs::exists(fs::path(result.output_dir) / href));
    }
    // The style sheet has an A4 print section and fetches nothing.
    const std::string css = TextOf(Elements(dom, "style").at(0));
    CHECK(css.find("@page{size:A4") != std::string::npos);
    CHECK(css.find("url(") == std::string::npos);
    CHECK(css.find("@import") == std::string::npos);
    Poco::JSON::Parser parser;
    Poco::JSON::Object::Ptr json =
        parser.parse(ReadText(page.json_path)).extract<Poco::JSON::Object::Ptr>();
    CHECK(json->getValue<std::string>("format") == "crm-migrate/report-" + page.page);
    CHECK(json->getValue<std::string>("staging") == s.staging->masked_url());
  }
}

TEST_CASE("the index lists every run and links its page", "[reports]") {
  SampleJournal& s = Sample();
  Dom dom = ParsePage(ReadText(Rendered().index_path));
  std::vector<Poco::XML::Element*> rows = TableRows(dom, "runs");
  CHECK(static_cast<int64_t>(rows.size()) == QueryInt(*s.staging, "SELECT COUNT(*) FROM _runs"));
  Poco::XML::Element* validate = FindBy(dom, "data-run", std::to_string(s.validate_run));
  REQUIRE(validate != nullptr);
  CHECK(Field(validate, "command") == "validate");
  CHECK(Field(validate, "page") == "quality-run" + std::to_string(s.validate_run) + ".html");
}

TEST_CASE("the quality page shows each rule's journaled figures", "[reports]") {
  SampleJournal& s = Sample();
  const std::string run = std::to_string(s.validate_run);
  Dom dom = ParsePage(ReadText(PagePath(Rendered(), "quality", s.validate_run)));
  const std::vector<std::string> rules =
      Column(*s.staging, "SELECT rule_id FROM _results WHERE run_id = " + run + " ORDER BY id");
  // The spec's rules, and identity resolution's results after them.
  REQUIRE(rules.size() >= s.spec.rules.size());
  CHECK(TableRows(dom, "rules").size() == rules.size());
  for (const std::string& rule : rules) {
    INFO(rule);
    Poco::XML::Element* row = FindBy(dom, "data-rule", rule);
    REQUIRE(row != nullptr);
    const std::string where = " FROM _results WHERE run_id = " + run + " AND rule_id = '" + rule + "'";
    CHECK(Field(row, "checked") == std::to_string(QueryInt(*s.staging, "SELECT checked" + where)));
    CHECK(Field(row, "failed") == std::to_string(QueryInt(*s.staging, "SELECT failed" + where)));
    const bool passed = QueryInt(*s.staging, "SELECT passed" + where) != 0;
    CHECK((Field(row, "verdict") == "pass") == passed);
    CHECK(Field(row, "interval95") == "-");  // full data: no interval
  }
  // The failing e-mail samples are the journaled (masked) values, in order.
  const std::vector<std::string> masked = Column(
      *s.staging, "SELECT value_text FROM _failures WHERE run_id = " + run +
                      " AND rule_id = 'format:contact.email' ORDER BY id");
  REQUIRE(!masked.empty());
  std::vector<std::string> shown;
  for (Poco::XML::Element* h3 : Elements(dom, "h3")) {
    if (TextOf(h3).rfind("format:contact.email", 0) != 0) continue;
    Poco::XML::Node* table = h3->nextSibling();
    while (table && table->nodeName() != "table") table = table->nextSibling();
    REQUIRE(table != nullptr);
    for (Poco::XML::Element* td : Elements(dom, "td", static_cast<Poco::XML::Element*>(table))) {
      if (td->getAttribute("data-field") == "value") shown.push_back(TextOf(td));
    }
  }
  CHECK(shown == masked);
  // The hostile salutation is a sample value, shown as text.
  bool hostile = false;
  for (Poco::XML::Element* td : Elements(dom, "td")) hostile = hostile || TextOf(td) == kHostile;
  CHECK(hostile);
  CHECK(Elements(dom, "script").empty());
  // Duplicates: each uniqueness rule and identity resolution's merges, with their counts.
  std::vector<Poco::XML::Element*> duplicates = TableRows(dom, "duplicates");
  CHECK(static_cast<int64_t>(duplicates.size()) ==
        QueryInt(*s.staging, "SELECT COUNT(*) FROM _results WHERE run_id = " + run +
                                 " AND rule IN ('unique', 'identity')"));
  for (Poco::XML::Element* row : duplicates) {
    CHECK(Field(row, "records") ==
          std::to_string(QueryInt(*s.staging, "SELECT failed FROM _results WHERE run_id = " + run +
                                                  " AND rule_id = '" + Field(row, "rule") + "'")));
  }
  CHECK(TextOf(FindBy(dom, "data-field", "possible_matches_total"))
            .rfind(std::to_string(QueryInt(*s.staging, "SELECT COUNT(*) FROM _possible_matches "
                                                       "WHERE run_id = " + run)) + " ",
                   0) == 0);
}

TEST_CASE("the quality page of a pilot shows confidence intervals", "[reports]") {
  SampleJournal& s = Sample();
  Dom dom = ParsePage(ReadText(PagePath(Rendered(), "quality", s.pilot_validate_run)));
  std::vector<Poco::XML::Element*> rows = TableRows(dom, "rules");
  REQUIRE(!rows.empty());
  // A rule with a rate has its interval; identity's results (merges, pairs to review) have none.
  for (Poco::XML::Element* row : rows) {
    const std::string rule = row->getAttribute("data-rule");
    INFO(rule << ": " << Field(row, "interval95"));
    const bool has_interval =
        QueryInt(*s.staging, "SELECT COUNT(*) FROM _results WHERE run_id = " +
                                 std::to_string(s.pilot_validate_run) + " AND rule_id = '" + rule +
                                 "' AND details_json LIKE '%\"interval95\"%'") > 0;
    CHECK((Field(row, "interval95").find(" .. ") != std::string::npos) == has_interval);
    if (rule.rfind("identity:", 0) != 0 && rule.rfind("review:", 0) != 0) CHECK(has_interval);
  }
  CHECK(TextOf(Elements(dom, "h1").at(0)).find("subset pilot") != std::string::npos);
}

TEST_CASE("the cutover page matches the target and the journal", "[reports]") {
  SampleJournal& s = Sample();
  const std::string run = std::to_string(s.cutover_run);
  Dom dom = ParsePage(ReadText(PagePath(Rendered(), "cutover", s.cutover_run)));
  auto target = db::Database::Connect(s.target_url, s.spec.base_dir);
  for (const spec::Entity& e : s.spec.entities) {
    INFO(e.name);
    Poco::XML::Element* row = FindBy(dom, "data-entity", e.name, nullptr);
    REQUIRE(row != nullptr);
    // The target was empty: every row in it was inserted by this cutover.
    CHECK(Field(row, "inserted") == std::to_string(QueryInt(*target, "SELECT COUNT(*) FROM " + e.table)));
    CHECK(Field(row, "rejected") ==
          std::to_string(QueryInt(*s.staging, "SELECT COUNT(*) FROM _rejects WHERE run_id = " +
                                                  run + " AND entity = '" + e.name + "'")));
  }
  for (Poco::XML::Element* row : TableRows(dom, "reconciliation")) {
    CHECK(Field(row, "difference") == "none");
    CHECK(std::stoll(Field(row, "golden")) ==
          std::stoll(Field(row, "loaded")) + std::stoll(Field(row, "rejected")));
  }
  CHECK(TableRows(dom, "batches").size() ==
        static_cast<size_t>(QueryInt(*s.staging, "SELECT COUNT(*) FROM _checkpoints WHERE run_id = " +
                                                     run + " AND entity <> '*'")));
  CHECK(Elements(dom, "svg").size() >= 2);
  // The refused contact: its e-mail (PII) masked, its hostile first name kept as text.
  const std::string email = Column(*s.staging, "SELECT email FROM stg_contact WHERE external_id = 'L-1023'").at(0);
  std::vector<Poco::XML::Element*> refused = TableRows(dom, "rejects");
  REQUIRE(!refused.empty());
  std::string rows_text;
  for (Poco::XML::Element* r : refused) rows_text += Field(r, "row");
  CHECK(rows_text.find(email) == std::string::npos);
  CHECK(rows_text.find(email.substr(0, 1) + "***@") != std::string::npos);
  CHECK(rows_text.find("<Script>Alert(1)</Script>") != std::string::npos);
  CHECK(Elements(dom, "script").empty());

  Dom pii = ParsePage(ReadText(PagePath(RenderedWithPii(), "cutover", s.cutover_run)));
  std::string pii_text;
  for (Poco::XML::Element* r : TableRows(pii, "rejects")) pii_text += Field(r, "row");
  CHECK(pii_text.find(email) != std::string::npos);
}

TEST_CASE("a dry-run cutover page says so and shows its totals", "[reports]") {
  SampleJournal& s = Sample();
  Dom dom = ParsePage(ReadText(PagePath(Rendered(), "cutover", s.dry_run)));
  CHECK(TextOf(Elements(dom, "h1").at(0)).find("dry run") != std::string::npos);
  Poco::XML::Element* would = FindBy(dom, "data-count", "would_insert");
  REQUIRE(would != nullptr);
  auto target = db::Database::Connect(s.target_url, s.spec.base_dir);
  int64_t in_target = 0;
  for (const spec::Entity& e : s.spec.entities) {
    in_target += QueryInt(*target, "SELECT COUNT(*) FROM " + e.table);
  }
  // The dry run would have inserted what the real cutover then did.
  CHECK(Field(would, "value") == std::to_string(in_target));
}

TEST_CASE("the plan page renders what the plan holds, masked", "[reports]") {
  SampleJournal& s = Sample();
  Dom dom = ParsePage(ReadText(PagePath(Rendered(), "plan", s.plan_run)));
  std::vector<Poco::XML::Element*> unmapped = TableRows(dom, "unmapped");
  REQUIRE(unmapped.size() == 1);
  CHECK(Field(unmapped[0], "column") == "Fax");
  Poco::XML::Element* conflict = TableRows(dom, "type-conflicts").at(0);
  CHECK(Field(conflict, "examples") == "j***");  // the EMail column is PII
  Poco::XML::Element* aanhef = FindBy(dom, "data-column", "Aanhef");
  REQUIRE(aanhef != nullptr);
  CHECK(Field(aanhef, "top") == std::string(kHostile) + " (1)");
  CHECK(Elements(dom, "script").empty());
  std::vector<Poco::XML::Element*> findings = Elements(dom, "li", FindBy(dom, "class", "findings"));
  REQUIRE(findings.size() == 1);
  CHECK(TextOf(findings[0]) == "warning unmapped_column: legacy.Fax is not mapped");
  CHECK(!Elements(dom, "svg").empty());
  Dom pii = ParsePage(ReadText(PagePath(RenderedWithPii(), "plan", s.plan_run)));
  CHECK(Field(TableRows(pii, "type-conflicts").at(0), "examples") == "joost.ijzerman23@webmail.example");
}

TEST_CASE("no page shows a staged e-mail address unless asked to", "[reports]") {
  SampleJournal& s = Sample();
  // Addresses with a local part: "@example.com" alone identifies no one and is a substring of
  // every masked address of its domain.
  const std::vector<std::string> emails =
      Column(*s.staging, "SELECT email FROM stg_contact WHERE email LIKE '_%@%'");
  REQUIRE(emails.size() > 50);
  for (const WrittenPage& page : Rendered().pages) {
    const std::string text = ReadText(page.html_path) + ReadText(page.json_path);
    for (const std::string& email : emails) {
      INFO(page.html_path << " " << email);
      CHECK(text.find(email) == std::string::npos);
    }
  }
}

}  // namespace
}  // namespace crm::reports::testing
