#include "tests/reports/sample_journal.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "core/common/progress.h"
#include "core/db/gate.h"
#include "core/db/staging_schema.h"
#include "loaders/cutover.h"
#include "staging/stage.h"
#include "validators/validate.h"

namespace fs = std::filesystem;

namespace crm::reports::testing {
namespace {

class QuietProgress : public Progress {
 public:
  void Begin(std::string_view, int64_t) override {}
  void Advance(int64_t) override {}
  void End() override {}
  void Note(std::string_view) override {}
};

std::string Read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void Write(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

// The sample's legacy contact 1023 (refused at cutover: it has no last name) gets a hostile
// salutation (kept by the value map, so the allowed rule shows it) and first name.
void MakeHostile(const fs::path& csv) {
  std::string text = Read(csv);
  const std::string row = "\n1023;A002;Dhr.;Joost;";
  const size_t at = text.find(row);
  REQUIRE(at != std::string::npos);
  text.replace(at, row.size(),
               "\n1023;A002;" + std::string(kHostile) + ";" + std::string(kHostile) + ";");
  Write(csv, text);
}

// The new CRM's database exists before the migration, as scripts/setup makes it.
void CreateTarget(const spec::Spec& spec, const fs::path& schema) {
  auto target = db::Database::Connect(spec.target_url, spec.base_dir);
  std::istringstream sql(Read(schema));
  std::string statement, line;
  while (std::getline(sql, line)) {
    statement += line + "\n";
    if (!line.empty() && line.back() == ';') {
      target->Execute(statement);
      statement.clear();
    }
  }
}

// A plan as the plan phase journals it (planner/report/plan_json.h), written by hand because this
// suite renders plans of any shape: the plan page must show what is present.
std::string PlanJson() {
  return R"json({"spec": {"name": "acme-to-newcrm"},
  "sources": [{"name": "legacy", "kind": "csv", "rows": 60, "rejects": 3,
    "decisions": ["delimiter ';' (set in the spec)"],
    "columns": [{"name": "EMail", "rows": 60, "empty": 1, "null": 0,
      "distinct": {"value": 58, "exact": true, "error": 0}, "min_length": 12, "max_length": 40,
      "top": [{"value": "a***@online.example", "count": 2}], "shapes": [{"shape": "a@a.a", "count": 57}],
      "inferred": {"type": "email", "share": 0.97, "format": "", "sampled": false},
      "samples": ["j***@mail.example"], "pii": true},
      {"name": "Aanhef", "rows": 60, "empty": 0, "null": 0, "top": [{"value": "<script>alert(1)</script>", "count": 1}],
       "pii": false}]}],
  "coverage": {"unmapped_columns": [{"source": "legacy", "column": "Fax"}],
    "type_conflicts": [{"entity": "contact", "field": "email", "source": "legacy", "column": "EMail",
      "expected": "email", "share_fitting": 0.95, "inferred": "text", "checked": 60,
      "examples": ["joost.ijzerman23@webmail.example"]}]},
  "scope": [{"source": "legacy", "entity": "contact", "in": 59, "out": 1}],
  "estimate": {"stage_seconds": 0.01, "validate_seconds": 0.002, "cutover_seconds": 0.05,
    "rows": 137, "basis": "measured on these machines"},
  "governance": {"owner": "Data governance <dg@acme.example>", "roles": {"data_steward": "Ann Smith"},
    "pii_fields": [{"entity": "contact", "field": "email", "mode": "mask"}]},
  "findings": [{"level": "warning", "code": "unmapped_column", "message": "legacy.Fax is not mapped"}]})json";
}

int64_t Journaled(db::Journal& journal, const std::string& command, const std::string& subset,
                  const std::string& options_json, int (*phase)(SampleJournal&, int64_t),
                  SampleJournal& s) {
  db::RunStart start;
  start.command = command;
  start.spec_path = s.spec.path;
  start.spec_sha256 = s.spec.sha256;
  start.subset = subset;
  start.options_json = options_json;
  const int64_t run = journal.BeginRun(start);
  const int exit_code = phase(s, run);
  journal.FinishRun(run, exit_code == 0 ? db::kOutcomeOk : db::kOutcomeGateFailed, exit_code, {});
  return run;
}

int Stage(SampleJournal& s, int64_t run, const std::string& subset) {
  QuietProgress progress;
  staging::StageOptions options;
  options.run_id = run;
  options.subset = subset;
  return staging::RunStage(s.spec, *s.staging, *s.journal, options, progress).promoted ? 0 : 1;
}

int Validate(SampleJournal& s, int64_t run, const std::string& subset) {
  QuietProgress progress;
  validate::ValidateOptions options;
  options.run_id = run;
  options.subset = subset;
  options.today = "2026-11-26";
  options.write_quality_json = false;
  return validate::RunValidate(s.spec, *s.staging, *s.journal, options, progress).passed ? 0 : 1;
}

int Cutover(SampleJournal& s, int64_t run, bool dry) {
  QuietProgress progress;
  loaders::CutoverOptions options;
  options.run_id = run;
  options.dry_run = dry;
  loaders::CutoverResult result = loaders::RunCutover(s.spec, *s.staging, *s.journal, options,
                                                      progress);
  // The CLI journals the totals (cli/cmd_cutover.cpp); the page shows them.
  int64_t inserted = 0, rejected = 0;
  for (const loaders::EntityOutcome& e : result.entities) {
    inserted += e.inserted;
    rejected += e.rejected;
  }
  s.journal->FinishRun(run, db::kOutcomeOk, 0,
                       {{dry ? "would_insert" : "inserted", inserted},
                        {dry ? "would_fail" : "rejected", rejected}});
  return 0;
}

SampleJournal* Make() {
  auto* s = new SampleJournal;
  s->dir = fs::temp_directory_path() / ("crm_reports_" + std::to_string(::getpid()));
  fs::remove_all(s->dir);
  fs::copy(fs::path(CRM_SOURCE_DIR) / "samples/acme", s->dir, fs::copy_options::recursive);
  fs::remove_all(s->dir / "work");
  fs::remove_all(s->dir / "reports");
  fs::remove_all(s->dir / "out");
  MakeHostile(s->dir / "data/legacy_contacts.csv");
  s->spec = spec::LoadSpec((s->dir / "migration.yaml").string());
  CreateTarget(s->spec, s->dir / "target/schema.sqlite.sql");
  s->target_url = s->spec.target_url;
  s->staging = db::OpenStaging(s->spec.staging_url, s->spec.base_dir);
  s->journal = std::make_unique<db::Journal>(*s->staging);
  db::Journal& j = *s->journal;

  s->plan_run = j.BeginRun({.command = "plan", .spec_sha256 = s->spec.sha256});
  {
    long long run = s->plan_run;
    std::string plan = PlanJson();
    s->staging->session() << "INSERT INTO _plans (run_id, plan_json) VALUES (:r, :p)",
        soci::use(run), soci::use(plan);
  }
  j.FinishRun(s->plan_run, db::kOutcomeOk, 0, {});
  Journaled(j, "stage", "pilot", R"({"subset":"pilot"})",
            [](SampleJournal& x, int64_t run) { return Stage(x, run, "pilot"); }, *s);
  s->pilot_validate_run =
      Journaled(j, "validate", "pilot", R"({"subset":"pilot"})",
                [](SampleJournal& x, int64_t run) { return Validate(x, run, "pilot"); }, *s);
  Journaled(j, "stage", "", "{}", [](SampleJournal& x, int64_t run) { return Stage(x, run, ""); },
            *s);
  s->validate_run = Journaled(
      j, "validate", "", "{}", [](SampleJournal& x, int64_t run) { return Validate(x, run, ""); },
      *s);
  s->dry_run = j.BeginRun({.command = "cutover", .options_json = R"({"dry-run":true})"});
  Cutover(*s, s->dry_run, true);
  s->cutover_run = j.BeginRun({.command = "cutover", .spec_sha256 = s->spec.sha256});
  // The gate is open (the full validate passed); asking with another spec's hash closes it, so
  // the override is journaled exactly as `cutover --force --reason` journals it.
  db::CheckCutoverGate(j, "another-spec", db::GateOverride{true, kGateReason}, s->cutover_run);
  Cutover(*s, s->cutover_run, false);
  j.AddNote(kNoteText, std::nullopt);
  j.AddNote(std::string("salutation ") + kHostile + " came from legacy", s->validate_run);
  return s;
}

struct Cleanup {
  ~Cleanup() {
    if (dir.empty()) return;
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  fs::path dir;
};

}  // namespace

SampleJournal& Sample() {
  static Cleanup cleanup;
  static SampleJournal* sample = [] {
    SampleJournal* s = Make();
    cleanup.dir = s->dir;
    return s;
  }();
  return *sample;
}

int64_t QueryInt(db::Database& db, const std::string& sql) {
  long long value = 0;
  soci::indicator ind = soci::i_null;
  db.session() << sql, soci::into(value, ind);
  return ind == soci::i_ok ? value : 0;
}

}  // namespace crm::reports::testing
