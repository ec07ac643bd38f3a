#include "tests/e2e/sample_run.h"

#include <sys/wait.h>
#include <unistd.h>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/db/cells.h"
#include "core/db/database.h"
#include "tests/loaders/cutover_harness.h"

namespace fs = std::filesystem;

namespace crm::e2e {
namespace {

// Appends rather than `"'" + text`, which GCC 12 at -O3 misreads as an overflow (-Warray-bounds).
std::string Quote(const fs::path& path) {
  std::string quoted = "'";
  quoted += path.string();
  quoted += "'";
  return quoted;
}

// One cell as the three databases agree on it: NULL, text with its line breaks visible, numbers
// with two decimals when they have a fraction (SQLite's REAL, MariaDB's DECIMAL and PostgreSQL's
// NUMERIC print the same amount differently).
std::string Cell(const soci::row& row, size_t i) {
  if (row.get_indicator(i) == soci::i_null) return "NULL";
  std::string text = db::CellText(row, i);
  const soci::data_type type = row.get_properties(i).get_data_type();
  if (type == soci::dt_double || text.find_first_not_of("0123456789.-") == std::string::npos) {
    if (text.find('.') != std::string::npos) {
      char buffer[64];
      std::snprintf(buffer, sizeof buffer, "%.2f", std::stod(text));
      return buffer;
    }
  }
  std::string out;
  for (char c : text) {
    if (c == '\r') {
      out += "\\r";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

// Every row of `sql`, cells joined by " | ", one row a line.
std::string Render(db::Database& db, const std::string& sql) {
  std::string out;
  soci::rowset<soci::row> rows = db.session().prepare << sql;
  for (const soci::row& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) out += (i ? " | " : "") + Cell(row, i);
    out += "\n";
  }
  return out;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The phase result of `command` among the JSON lines `crm-migrate run --format json` printed
// (the last one, for a command run twice such as the pilot and the full stage).
Poco::JSON::Object::Ptr PhaseResult(const std::string& json_lines, const std::string& command) {
  Poco::JSON::Object::Ptr found;
  std::istringstream lines(json_lines);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    Poco::JSON::Object::Ptr result =
        Poco::JSON::Parser().parse(line).extract<Poco::JSON::Object::Ptr>();
    if (result->getValue<std::string>("command") == command) found = result;
  }
  return found;
}

// The cutover's reconciliation per entity, as the run printed and journaled it.
std::string RenderReconciliation(const Poco::JSON::Object::Ptr& cutover) {
  std::string out;
  Poco::JSON::Array::Ptr entities = cutover->getObject("details")->getArray("entities");
  for (size_t i = 0; i < entities->size(); ++i) {
    Poco::JSON::Object::Ptr e = entities->getObject(static_cast<unsigned>(i));
    out += e->getValue<std::string>("entity") + " -> " + e->getValue<std::string>("table") + ":";
    for (const char* key : {"staged", "golden", "merged", "inserted", "updated", "unchanged",
                            "rejected", "skipped", "unresolved_references", "links_inserted",
                            "target_rows"}) {
      out += std::string(" ") + key + "=" + std::to_string(e->getValue<int64_t>(key));
    }
    out += e->getValue<std::string>("checksum_loaded") == e->getValue<std::string>("checksum_target")
               ? " checksums match\n"
               : " checksums differ\n";
    Poco::JSON::Array::Ptr failures = e->getArray("failures");
    // The key only: the reason is the database's own message, which differs between targets
    // (the kinds of the cutover's rejects are checked in _rejects).
    for (size_t f = 0; f < failures->size(); ++f) {
      const std::string failure = failures->getElement<std::string>(static_cast<unsigned>(f));
      out += "  failure " + failure.substr(0, failure.find(':')) + "\n";
    }
  }
  return out;
}

// The figures of the full validate's journaled counts this test checks, as "key=value ...".
std::string ValidateCounts(db::Database& staging) {
  std::string json;
  staging.session() << "SELECT counts_json FROM _runs WHERE command = 'validate' AND subset IS "
                       "NULL ORDER BY id DESC LIMIT 1",
      soci::into(json);
  Poco::JSON::Object::Ptr counts = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
  std::string out;
  for (const char* key : {"blocking", "account.golden", "contact.staged", "contact.merged",
                          "contact.golden", "deal.golden"}) {
    out += std::string(out.empty() ? "" : " ") + key + "=" +
           (counts->has(key) ? std::to_string(counts->getValue<int64_t>(key)) : "missing");
  }
  return out;
}

// What the sample's sources hold (samples/acme/data/README.md, truth.json, truth_defects.jsonl,
// truth_clusters.jsonl) once every phase ran.
//
// Stage: legacy 60 rows = 1 out of scope (1042 deleted) + 4 rejected (line 2 field count,
// line 16 invalid byte, line 29 unparseable date, line 62 unterminated quote) + 55 staged;
// newsletter 15 = 1 broken JSON line + 14; webshop 20, orders 30, accounts 12 all staged.
// Identity: the 16 clusters hold 34 contacts, 18 of them repeats, none rejected or out of
// scope: 89 staged contacts make 71 golden records.
// Cutover: contact L-1023 has no last name (NOT NULL in every target schema), order O-90026 names
// customer 5190 that does not exist. Every legacy contact names an account: 55 links, less
// L-1048's (A538 does not exist), L-1023's (refused), and those of 1041 and 1053, merged into
// 1017 and 1033 of the same accounts: 51.
constexpr const char* kJournal =
    "stage | pilot | ok | 0\n"
    "validate | pilot | ok | 0\n"
    "stage | NULL | ok | 0\n"
    "validate | NULL | ok | 0\n"
    "cutover | NULL | ok | 0\n";

constexpr const char* kStageReconciliation =
    "legacy | contact | 60 | 1 | 0 | 4 | 0 | 55\n"
    "legacy_accounts | account | 12 | 0 | 0 | 0 | 0 | 12\n"
    "newsletter | contact | 15 | 0 | 0 | 1 | 0 | 14\n"
    "orders | deal | 30 | 0 | 0 | 0 | 0 | 30\n"
    "webshop | contact | 20 | 0 | 0 | 0 | 0 | 20\n";

// The full validate: no rule blocks; the golden records per entity.
constexpr const char* kValidateCounts =
    "blocking=0 account.golden=12 contact.staged=89 contact.merged=18 contact.golden=71 "
    "deal.golden=30";

constexpr const char* kCutoverCounts =
    "{\"staged\":131,\"golden\":113,\"inserted\":111,\"updated\":0,\"unchanged\":0,"
    "\"rejected\":2,\"skipped\":0,\"unresolved_references\":2,\"links_inserted\":51,"
    "\"target_rows\":111}";

constexpr const char* kReconciliation =
    "account -> accounts: staged=12 golden=12 merged=0 inserted=12 updated=0 unchanged=0 "
    "rejected=0 skipped=0 unresolved_references=0 links_inserted=0 target_rows=12 checksums match\n"
    "contact -> contacts: staged=89 golden=71 merged=18 inserted=70 updated=0 unchanged=0 "
    "rejected=1 skipped=0 unresolved_references=1 links_inserted=51 target_rows=70 checksums match\n"
    "  failure L-1023\n"
    "deal -> deals: staged=30 golden=30 merged=0 inserted=29 updated=0 unchanged=0 rejected=1 "
    "skipped=0 unresolved_references=1 links_inserted=0 target_rows=29 checksums match\n"
    "  failure O-90026\n";

constexpr const char* kCounts = "12 | 70 | 51 | 29\n";

// Known contacts, from the legacy export (Windows-1252, national phones, country names in other
// languages), merged with their repeats in the webshop (e-mail in capitals) and the newsletter.
constexpr const char* kContacts =
    // 1005: 0703043486 in NL, "Nederland", 25.03.1983, account A006
    "L-1005 | Ms | Anouk | Bos | anouk.bos5@mail.example | +31703043486 | NULL | 3810 JB | "
    "Rotterdam | NL | 1983-03-25 | prospect | no | A-A006\n"
    // 1009: "+31 6 9…" is no valid Dutch number: kept for validate to flag, not dropped
    "L-1009 | Ms | Marieke | Smit | marieke.smit9@post.example | +31697038161 | +31642940481 | "
    "2096 IM | Groningen | NL | 1972-12-22 | active | no | A-A010\n"
    // 1012 + webshop 5001: consent "ja" and 1, so yes
    "L-1012 | Mr | François | Fontaine | francois.fontaine12@inbox.example | +33758597909 | NULL | "
    "25452 | Lyon | FR | 1951-01-26 | inactive | yes | A-A003\n"
    // 1017 + its repeat 1041 ("Voss", e-mail in capitals, +31 70 …): one record, one link
    "L-1017 | Mr | Gert | van Vos | gert.vanvos17@post.example | +31703289156 | NULL | 3001 PZ | "
    "Utrecht | NL | 1985-06-26 | prospect | no | A-A001\n"
    // 1024 + webshop 5006 + newsletter N0003 ("Femke Hendrikks"): the legacy last name wins
    "L-1024 | Ms | Femke | Hendriks | femke.hendriks24@online.example | +31619650375 | NULL | "
    "8463 AM | Rotterdam | NL | 2000-01-29 | prospect | no | A-A008\n"
    // 1025: Tel "onbekend" nulled by on_error: null; "Belgien", 12.10.1947
    "L-1025 | Ms | Chloé | Rousseau | chloe.rousseau25@mail.example | NULL | NULL | 7646 | "
    "Bruxelles | BE | 1947-10-12 | active | no | A-A008\n"
    // 1048: account A538 does not exist: loaded without its link; Frau -> Ms; Nieuwsbrief 1
    "L-1048 | Ms | Jülide | Groß | julide.gross48@online.example | +4915270883355 | NULL | 92099 | "
    "München | DE | 1997-06-05 | prospect | yes | NULL\n";

// The quoted note with ";", doubled quotes and a CRLF inside (legacy 1005, truth: intact).
constexpr const char* kNote = "Zegt: \"bel me niet\"; alleen e-mail\\r\\nAkkoord van directie\n";

// Accounts: A001 "Brewing" mapped to FOOD, "Sverige", "0046 73 315 7284"; A007's industry "IT"
// is off the value map and kept. Eight legacy contacts name A001: 1026 is rejected at stage and
// 1041 merged into 1017, so six links.
constexpr const char* kAccounts =
    "A-A001 | Brouwerij De Gouden Leeuw Sp. z o.o. | FOOD | SE | Göteborg | 363 51 | "
    "+46733157284\n"
    "A-A007 | Northwind SARL | IT | FR | Marseille | 38850 | +33756527662\n";

// Deals: the order's customer resolved to the golden contact's target id (webshop 5004 is legacy
// 1044 again); "shipped" -> won, a status off the value map kept; 29 orders of 30 total
// 6768.40 - 143.23 (O-90026) = 6625.17.
constexpr const char* kDeals =
    "O-90001 | Webshop order 90001 | 170.21 | EUR | cancelled | 2023-02-28 | W-5008\n"
    "O-90012 | Webshop order 90012 | 312.88 | EUR | won | 2024-02-18 | L-1044\n";

// Records that must not be in the target: stage rejects, out of scope, refused, unresolved, and
// the repeats merged into another golden record.
constexpr const char* kAbsentKeys =
    "('L-1000', 'L-1013', 'L-1023', 'L-1026', 'L-1042', 'L-1059', 'N-N0007', 'O-90026', "
    "'L-1041', 'W-5001', 'W-5004', 'W-5006', 'N-N0003')";

}  // namespace

SampleRun::SampleRun(const std::string& name)
    : dir_(fs::temp_directory_path() /
           ("crm-e2e-" + name + "-" + std::to_string(getpid())) / "acme") {
  fs::remove_all(dir_.parent_path());
  fs::create_directories(dir_.parent_path());
  fs::copy(fs::path(CRM_SOURCE_DIR) / "samples/acme", dir_, fs::copy_options::recursive);
  for (const char* state : {"work", "out", "reports"}) fs::remove_all(dir_ / state);
  const std::string spec = ReadFile(dir_ / "migration.yaml");
  const std::string line = "\ntarget: sqlite:work/crm.db\n";
  const size_t at = spec.find(line);
  REQUIRE(at != std::string::npos);
  std::ofstream(dir_ / "migration.yaml", std::ios::binary)
      << spec.substr(0, at) << "\ntarget: ${CRM_E2E_TARGET}\n" << spec.substr(at + line.size());
}

SampleRun::~SampleRun() { fs::remove_all(dir_.parent_path()); }

int SampleRun::Run(const std::string& target_url) {
  const fs::path out = dir_.parent_path() / "stdout";
  const fs::path err = dir_.parent_path() / "stderr";
  const std::string shell = "cd " + Quote(dir_) + " && CRM_E2E_TARGET='" + target_url + "' " +
                            Quote(CRM_BINARY) + " run -q --format json migration.yaml >" +
                            Quote(out) + " 2>" + Quote(err) + " </dev/null";
  const int status = std::system(shell.c_str());
  stdout_ = ReadFile(out);
  stderr_ = ReadFile(err);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void ApplySchema(const std::string& url, const std::string& base_dir, const fs::path& schema) {
  auto db = db::Database::Connect(url, base_dir);
  loaders::testing::ExecuteScript(*db, ReadFile(schema));
}

void CheckSampleMigratesInto(const std::string& name, const std::string& target_url) {
  SampleRun sample(name);
  const int exit_code = sample.Run(target_url);
  INFO("crm-migrate run, stdout:\n" << sample.stdout_text() << "\nstderr:\n"
                                    << sample.stderr_text());
  REQUIRE(exit_code == 0);

  // The reconciliation the cutover printed, and the journal of the whole run.
  Poco::JSON::Object::Ptr cutover = PhaseResult(sample.stdout_text(), "cutover");
  REQUIRE(cutover);
  CHECK(RenderReconciliation(cutover) == kReconciliation);
  auto staging = db::Database::Connect("sqlite:work/staging.db", sample.dir().string());
  CHECK(Render(*staging, "SELECT command, subset, outcome, exit_code FROM _runs WHERE command IN "
                         "('stage', 'validate', 'cutover') ORDER BY id") == kJournal);
  CHECK(Render(*staging, "SELECT outcome, exit_code FROM _runs WHERE command = 'run'") == "ok | 0\n");
  CHECK(Render(*staging,
               "SELECT source, entity, extracted, out_of_scope, suppressed, rejected, "
               "not_in_subset, staged FROM _reconciliation WHERE run_id = (SELECT MAX(id) FROM "
               "_runs WHERE command = 'stage') ORDER BY source, entity") == kStageReconciliation);
  CHECK(ValidateCounts(*staging) == kValidateCounts);
  CHECK(Render(*staging, "SELECT counts_json FROM _runs WHERE command = 'cutover'") ==
        std::string(kCutoverCounts) + "\n");
  CHECK(Render(*staging,
               "SELECT entity, source, line, kind FROM _rejects WHERE phase = 'cutover' ORDER BY "
               "entity") == "contact | legacy | 26 | target_refused\n"
                            "deal | orders | 26 | unresolved_reference\n");

  // The quality report of the full validate: the gate passed, and no rule blocks.
  Poco::JSON::Object::Ptr quality = Poco::JSON::Parser()
                                        .parse(ReadFile(sample.dir() / "reports/quality.json"))
                                        .extract<Poco::JSON::Object::Ptr>();
  CHECK(quality->getValue<std::string>("migration") == "acme-to-newcrm");
  CHECK(quality->getValue<bool>("passed"));
  Poco::JSON::Array::Ptr rules = quality->getArray("rules");
  int blocking = 0;
  for (size_t i = 0; i < rules->size(); ++i) {
    blocking += rules->getObject(static_cast<unsigned>(i))->getValue<bool>("blocking") ? 1 : 0;
  }
  CHECK(rules->size() >= 10);  // the spec's 10 rules, and identity resolution's own lines
  CHECK(blocking == 0);

  // The target: counts, known records with their links, and what must not be there.
  auto target = db::Database::Connect(target_url, sample.dir().string());
  CHECK(Render(*target,
               "SELECT (SELECT COUNT(*) FROM accounts), (SELECT COUNT(*) FROM contacts), "
               "(SELECT COUNT(*) FROM account_contacts), (SELECT COUNT(*) FROM deals)") ==
        kCounts);
  CHECK(Render(*target,
               "SELECT c.external_id, c.salutation, c.first_name, c.last_name, c.email, c.phone, "
               "c.mobile, c.postal_code, c.city, c.country, c.birth_date, c.status, "
               "CASE WHEN c.newsletter_opt_in THEN 'yes' ELSE 'no' END, a.external_id "
               "FROM contacts c LEFT JOIN account_contacts ac ON ac.contact_id = c.id "
               "LEFT JOIN accounts a ON a.id = ac.account_id WHERE c.external_id IN "
               "('L-1005', 'L-1009', 'L-1012', 'L-1017', 'L-1024', 'L-1025', 'L-1048') "
               "ORDER BY c.external_id") == kContacts);
  CHECK(Render(*target, "SELECT note FROM contacts WHERE external_id = 'L-1005'") == kNote);
  CHECK(Render(*target,
               "SELECT external_id, name, industry, country, city, postal_code, phone FROM "
               "accounts WHERE external_id IN ('A-A001', 'A-A007') ORDER BY external_id") ==
        kAccounts);
  CHECK(Render(*target,
               "SELECT a.external_id, COUNT(*) FROM account_contacts ac JOIN accounts a ON "
               "a.id = ac.account_id WHERE a.external_id = 'A-A001' GROUP BY a.external_id") ==
        "A-A001 | 6\n");
  CHECK(Render(*target,
               "SELECT d.external_id, d.name, d.amount, d.currency, d.stage, d.closed_at, "
               "c.external_id FROM deals d LEFT JOIN contacts c ON c.id = d.contact_id WHERE "
               "d.external_id IN ('O-90001', 'O-90012') ORDER BY d.external_id") == kDeals);
  CHECK(Render(*target, "SELECT SUM(amount) FROM deals") == "6625.17\n");
  CHECK(Render(*target, std::string("SELECT external_id FROM contacts WHERE external_id IN ") +
                            kAbsentKeys + " UNION ALL SELECT external_id FROM deals WHERE "
                            "external_id IN " + kAbsentKeys) == "");
}

}  // namespace crm::e2e
