// The sample generator: determinism, counts, the legacy file's format, and a truth that points at
// the right records.
#include "samples/generator/generator.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using crm::generator::Generate;
using crm::generator::GenerateOptions;
using Poco::JSON::Object;

namespace {

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

fs::path Generated(const std::string& name, int64_t contacts, uint64_t seed) {
  const fs::path dir = fs::temp_directory_path() / ("crm_generator_test_" + name);
  fs::remove_all(dir);
  GenerateOptions options;
  options.out_dir = dir.string();
  options.contacts = contacts;
  options.seed = seed;
  Generate(options);
  return dir;
}

Object::Ptr ParseObject(const std::string& text) {
  Poco::JSON::Parser parser;
  return parser.parse(text).extract<Object::Ptr>();
}

std::vector<Object::Ptr> ReadJsonLines(const fs::path& path) {
  std::vector<Object::Ptr> lines;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) lines.push_back(ParseObject(line));
  return lines;
}

// A legacy CSV record: its first line, its fields and its raw bytes.
struct CsvRecord {
  int64_t line = 0;
  std::vector<std::string> fields;
  std::string raw;
};

// RFC 4180 with `;`; a quote open at the end of the file ends the last record.
std::vector<CsvRecord> ParseCsv(const std::string& text) {
  std::vector<CsvRecord> records;
  int64_t line = 1;
  size_t i = 0;
  while (i < text.size()) {
    CsvRecord r;
    r.line = line;
    const size_t start = i;
    std::string field;
    bool quoted = false;
    for (; i < text.size(); ++i) {
      const char c = text[i];
      if (c == '\n') ++line;
      if (quoted) {
        if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.push_back(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ';') {
        r.fields.push_back(field);
        field.clear();
      } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;
        ++line;
        ++i;
        break;
      } else {
        field.push_back(c);
      }
    }
    r.fields.push_back(field);
    r.raw = text.substr(start, i - start);
    records.push_back(std::move(r));
  }
  return records;
}

int64_t Count(const Object::Ptr& counts, const std::string& key) {
  return counts->has(key) ? counts->getValue<int64_t>(key) : 0;
}

}  // namespace

TEST_CASE("same options give byte-identical files; another seed differs", "[generator]") {
  const fs::path a = Generated("det_a", 3000, 11);
  const fs::path b = Generated("det_b", 3000, 11);
  const fs::path c = Generated("det_c", 3000, 12);
  for (const char* file :
       {"legacy_accounts.csv", "legacy_contacts.csv", "webshop.db", "newsletter.jsonl",
        "migration.yaml", "truth_defects.jsonl", "truth_clusters.jsonl"}) {
    INFO(file);
    CHECK(Slurp(a / file) == Slurp(b / file));
  }
  // truth.json names no directory, so it is identical too.
  CHECK(Slurp(a / "truth.json") == Slurp(b / "truth.json"));
  CHECK(Slurp(a / "legacy_contacts.csv") != Slurp(c / "legacy_contacts.csv"));
  CHECK(Slurp(a / "newsletter.jsonl") != Slurp(c / "newsletter.jsonl"));
}

TEST_CASE("record counts and every defect kind at its rate", "[generator]") {
  const int64_t n = 10000;
  const fs::path dir = Generated("rates", n, 5);
  const Object::Ptr truth = ParseObject(Slurp(dir / "truth.json"));
  const Object::Ptr records = truth->getObject("records");
  CHECK(Count(records, "legacy") == n);
  CHECK(Count(records, "legacy_accounts") == n / 5);
  CHECK(Count(records, "webshop") == n / 3);
  CHECK(Count(records, "newsletter") == n / 4);
  CHECK(Count(records, "orders") == n / 3 * 3 / 2);

  const Object::Ptr legacy = truth->getObject("by_source")->getObject("legacy");
  const std::vector<std::pair<std::string, double>> exact = {{"field_count", 0.002},
                                                             {"invalid_encoding", 0.001},
                                                             {"unparseable_date", 0.002},
                                                             {"not_a_phone", 0.003},
                                                             {"invalid_email", 0.01},
                                                             {"invalid_phone", 0.005},
                                                             {"missing_last_name", 0.003},
                                                             {"dangling_account", 0.003},
                                                             {"stale_record", 0.005},
                                                             {"salutation_not_in_picklist", 0.003},
                                                             {"deleted", 0.01},
                                                             {"quoted_note", 0.01}};
  for (const auto& [kind, rate] : exact) {
    INFO(kind);
    CHECK(Count(legacy, kind) == std::llround(rate * n));
  }
  CHECK(Count(legacy, "unterminated_quote") == 1);
  // A duplicate whose 64 draws found no clean earlier row stays clean: a handful at most.
  CHECK(Count(legacy, "near_duplicate") <= 300);
  CHECK(Count(legacy, "near_duplicate") >= 290);
  const Object::Ptr by_source = truth->getObject("by_source");
  CHECK(Count(by_source->getObject("webshop"), "invalid_email") == std::llround(0.01 * (n / 3)));
  CHECK(Count(by_source->getObject("newsletter"), "broken_json") == std::llround(0.005 * (n / 4)));
  CHECK(Count(by_source->getObject("orders"), "dangling_customer") ==
        std::llround(0.005 * (n / 3 * 3 / 2)));
  CHECK(Count(by_source->getObject("legacy_accounts"), "industry_not_in_picklist") ==
        std::llround(0.02 * (n / 5)));

  // The summary agrees with the defect lines.
  std::map<std::string, int64_t> kinds, phases;
  for (const Object::Ptr& d : ReadJsonLines(dir / "truth_defects.jsonl")) {
    ++kinds[d->getValue<std::string>("kind")];
    ++phases[d->getValue<std::string>("phase")];
  }
  for (const auto& [kind, count] : kinds) CHECK(Count(truth->getObject("counts"), kind) == count);
  for (const auto& [phase, count] : phases) {
    CHECK(Count(truth->getObject("by_phase"), phase) == count);
  }
}

TEST_CASE("the legacy file: Windows-1252, CRLF, 19 columns, lines the truth points at",
          "[generator]") {
  const fs::path dir = Generated("legacy", 4000, 9);
  const std::string text = Slurp(dir / "legacy_contacts.csv");
  std::map<std::string, Object::Ptr> defects;  // legacy record -> defect
  for (const Object::Ptr& d : ReadJsonLines(dir / "truth_defects.jsonl")) {
    if (d->getValue<std::string>("source") == "legacy") {
      defects[d->getValue<std::string>("record")] = d;
    }
  }
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') REQUIRE((i > 0 && text[i - 1] == '\r'));
  }
  const std::vector<CsvRecord> records = ParseCsv(text);
  REQUIRE(records.size() == 4001);
  CHECK(records[0].fields.size() == 19);
  CHECK(records[0].fields[18] == "Notitie");
  const std::set<unsigned char> undefined = {0x81, 0x8D, 0x8F, 0x90, 0x9D};
  int64_t edge_checked = 0;
  for (size_t r = 1; r < records.size(); ++r) {
    const CsvRecord& rec = records[r];
    const std::string& id = rec.fields[0];
    INFO("line " << rec.line << ": " << rec.raw);
    auto it = defects.find(id);
    const std::string kind =
        it == defects.end() ? "clean" : it->second->getValue<std::string>("kind");
    if (it != defects.end()) CHECK(it->second->getValue<int64_t>("line") == rec.line);
    bool bad_byte = false;
    for (unsigned char c : rec.raw) bad_byte |= undefined.count(c) > 0;
    CHECK(bad_byte == (kind == "invalid_encoding"));
    if (kind == "field_count") {
      CHECK(rec.fields.size() != 19);
    } else if (kind != "unterminated_quote") {
      CHECK(rec.fields.size() == 19);
    }
    if (kind == "quoted_note") {
      CHECK(rec.fields[18] == it->second->getValue<std::string>("value"));
      ++edge_checked;
    }
    if (kind == "deleted") CHECK(rec.fields[14] == "deleted");
    if (kind == "unterminated_quote") CHECK(r == records.size() - 1);
  }
  CHECK(edge_checked == 40);
}

TEST_CASE("newsletter lines parse except the broken ones; the database has its tables",
          "[generator]") {
  const fs::path dir = Generated("sources", 2000, 3);
  const Object::Ptr truth = ParseObject(Slurp(dir / "truth.json"));
  std::set<int64_t> broken;
  for (const Object::Ptr& d : ReadJsonLines(dir / "truth_defects.jsonl")) {
    if (d->getValue<std::string>("kind") == "broken_json")
      broken.insert(d->getValue<int64_t>("line"));
  }
  CHECK(!broken.empty());
  std::ifstream in(dir / "newsletter.jsonl");
  int64_t line_no = 0, parsed = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    INFO(line);
    if (broken.count(line_no)) {
      CHECK_THROWS(ParseObject(line));
      continue;
    }
    const Object::Ptr o = ParseObject(line);
    CHECK(o->has("email"));
    CHECK(o->getObject("consent")->has("newsletter"));
    CHECK(o->getObject("address")->has("country"));
    ++parsed;
  }
  CHECK(line_no == Count(truth->getObject("records"), "newsletter"));
  CHECK(parsed + static_cast<int64_t>(broken.size()) == line_no);

  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2((dir / "webshop.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) ==
          SQLITE_OK);
  for (const std::string table : {"customers", "orders"}) {
    sqlite3_stmt* s = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, ("SELECT count(*) FROM " + table).c_str(), -1, &s, nullptr) ==
            SQLITE_OK);
    REQUIRE(sqlite3_step(s) == SQLITE_ROW);
    const std::string source = table == "customers" ? "webshop" : "orders";
    CHECK(sqlite3_column_int64(s, 0) == Count(truth->getObject("records"), source));
    sqlite3_finalize(s);
  }
  sqlite3_close(db);
}

TEST_CASE("clusters: every duplicate in exactly one cluster, led by its clean origin",
          "[generator]") {
  const fs::path dir = Generated("clusters", 3000, 21);
  std::map<std::string, std::string> duplicate_of;  // "source:record" -> origin
  std::set<std::string> defective;                  // records with a defect other than an edge
  for (const Object::Ptr& d : ReadJsonLines(dir / "truth_defects.jsonl")) {
    const std::string key =
        d->getValue<std::string>("source") + ":" + d->getValue<std::string>("record");
    if (d->getValue<std::string>("kind") == "near_duplicate") {
      const Object::Ptr of = d->getObject("duplicate_of");
      duplicate_of[key] =
          of->getValue<std::string>("source") + ":" + of->getValue<std::string>("record");
      CHECK(!d->getValue<std::string>("variants").empty());
    } else if (d->getValue<std::string>("phase") != "edge") {
      defective.insert(key);
    }
  }
  std::set<std::string> seen;
  int64_t members_total = 0;
  for (const Object::Ptr& c : ReadJsonLines(dir / "truth_clusters.jsonl")) {
    const auto members = c->getArray("members");
    REQUIRE(members->size() >= 2);
    const auto key = [&](size_t i) {
      const Object::Ptr m = members->getObject(static_cast<unsigned>(i));
      return m->getValue<std::string>("source") + ":" + m->getValue<std::string>("record");
    };
    const std::string origin = key(0);
    CHECK(c->getValue<std::string>("cluster") == origin);
    CHECK(defective.count(origin) == 0);
    CHECK(duplicate_of.count(origin) == 0);
    for (size_t i = 0; i < members->size(); ++i) {
      CHECK(seen.insert(key(i)).second);
      if (i > 0) CHECK(duplicate_of[key(i)] == origin);
    }
    members_total += static_cast<int64_t>(members->size()) - 1;
  }
  CHECK(members_total == static_cast<int64_t>(duplicate_of.size()));
}
