// Shared backend suite: the journal (runs, notes, loads, rejects, status). Runs against every
// backend of the suite executable.
#include <catch2/catch.hpp>

#include "core/db/journal.h"
#include "core/db/process_info.h"
#include "core/db/status.h"
#include "tests/db/backend.h"

namespace crm::db {
namespace {

using testing::FreshStaging;

TEST_CASE(CRM_DB_SUITE "Runs are journaled from start to finish and listed newest first",
          "[journal]") {
  FOR_EACH_BACKEND(backend) {
    testing::Fresh fresh = FreshStaging(backend);
    Journal journal(*fresh.db);
    RunStart start{.command = "stage",
                   .spec_path = "/m/migration.yaml",
                   .spec_sha256 = "ab12",
                   .options_json = R"({"subset":"pilot","jobs":2})",
                   .subset = "pilot"};
    int64_t stage = journal.BeginRun(start);
    std::optional<RunRecord> run = journal.GetRun(stage);
    REQUIRE(run);
    CHECK(run->command == "stage");
    CHECK(run->spec_path == "/m/migration.yaml");
    CHECK(run->spec_sha256 == "ab12");
    CHECK(run->subset == "pilot");
    CHECK(run->outcome == kOutcomeRunning);
    CHECK(run->user == CurrentProcess().user);
    CHECK(run->host == CurrentProcess().host);
    CHECK(run->pid == CurrentProcess().pid);
    CHECK(run->crm_version == CRM_VERSION);
    CHECK(run->started_at.size() == 24);
    CHECK(run->finished_at.empty());
    CHECK_FALSE(run->exit_code);
    CHECK_FALSE(run->load_id);
    CHECK(run->options_json == R"({"subset":"pilot","jobs":2})");

    int64_t load = journal.CreateLoad(stage, "pilot", "fp1");
    journal.SetRunLoad(stage, load);
    journal.FinishRun(stage, kOutcomeOk, 0, {{"extracted", 10}, {"staged", 8}});
    run = journal.GetRun(stage);
    CHECK(run->outcome == kOutcomeOk);
    CHECK(run->exit_code == 0);
    CHECK(run->load_id == load);
    CHECK(run->finished_at >= run->started_at);
    CHECK(run->counts_json == R"({"extracted":10,"staged":8})");

    int64_t validate = journal.BeginRun({.command = "validate"});
    CHECK(validate > stage);
    std::vector<RunRecord> runs = journal.ListRuns();
    REQUIRE(runs.size() == 2);
    CHECK(runs[0].id == validate);
    CHECK(runs[1].id == stage);
    CHECK(journal.ListRuns(1).size() == 1);
    CHECK(journal.LastRun("stage")->id == stage);
    CHECK_FALSE(journal.LastRun("cutover"));
    CHECK_FALSE(journal.GetRun(999));
  }
}

TEST_CASE(CRM_DB_SUITE "Notes are kept in order with their run and kind", "[journal]") {
  FOR_EACH_BACKEND(backend) {
    testing::Fresh fresh = FreshStaging(backend);
    Journal journal(*fresh.db);
    int64_t run = journal.BeginRun({.command = "stage"});
    journal.AddNote("phones from the webshop lack a country", std::nullopt);
    journal.AddNote("Zoë's export was re-run — twice", run, "gate_override");
    std::vector<NoteRecord> notes = journal.ListNotes();
    REQUIRE(notes.size() == 2);
    CHECK(notes[0].text == "phones from the webshop lack a country");
    CHECK(notes[0].kind == "lesson");
    CHECK_FALSE(notes[0].run_id);
    CHECK(notes[0].author == CurrentProcess().user);
    CHECK(notes[1].text == "Zoë's export was re-run — twice");
    CHECK(notes[1].kind == "gate_override");
    CHECK(notes[1].run_id == run);
  }
}

TEST_CASE(CRM_DB_SUITE "The current staged load is the newest promoted full load", "[journal]") {
  FOR_EACH_BACKEND(backend) {
    testing::Fresh fresh = FreshStaging(backend);
    Journal journal(*fresh.db);
    CHECK_FALSE(journal.CurrentLoad());
    int64_t run = journal.BeginRun({.command = "stage"});
    int64_t full1 = journal.CreateLoad(run, "", "fp1");
    journal.PromoteLoad(full1);
    int64_t pilot = journal.CreateLoad(run, "pilot", "fp2");
    journal.PromoteLoad(pilot);
    int64_t full2 = journal.CreateLoad(run, "", "fp3");  // over its reject budget: not promoted
    CHECK(journal.CurrentLoad()->id == full1);
    CHECK(journal.GetLoad(pilot)->subset == "pilot");
    CHECK_FALSE(journal.GetLoad(full2)->promoted);
    journal.PromoteLoad(full2);
    std::optional<LoadRecord> current = journal.CurrentLoad();
    REQUIRE(current);
    CHECK(current->id == full2);
    CHECK(current->fingerprint == "fp3");
    CHECK(current->promoted);
    CHECK_FALSE(current->promoted_at.empty());
  }
}

TEST_CASE(CRM_DB_SUITE "Rejects keep line, offset, column, kind, the raw bytes and the message",
          "[journal]") {
  FOR_EACH_BACKEND(backend) {
    testing::Fresh fresh = FreshStaging(backend);
    Database& db = *fresh.db;
    Journal journal(db);
    int64_t run = journal.BeginRun({.command = "stage"});
    std::vector<RejectRecord> rejects{
        {"stage", "legacy", "contact", 3, 120, "", RejectKind::kFieldCount, "1;Zoë;\"x\";extra",
         "expected 3 fields, found 4"},
        {"stage", "legacy", "contact", 4, 141, "Name", RejectKind::kEncoding,
         std::string("M\xfcller\x00", 7), "invalid UTF-8 at byte 1"},
        {"cutover", "", "contact", -1, -1, "email", RejectKind::kTargetRefused, "{\"id\":1}",
         "duplicate key value violates unique constraint", 7}};
    journal.WriteRejects(run, rejects);
    CHECK(journal.CountRejects(run) == 3);
    CHECK(journal.CountRejects(run + 1) == 0);

    std::string kind, raw, hex, message, column, source;
    long long line = 0, offset = 0, load = 0;
    soci::indicator i_hex, i_line, i_offset, i_column, i_source, i_load;
    soci::statement st =
        (db.session().prepare << "SELECT kind, raw_text, raw_hex, message, column_name, line, "
                                 "byte_offset, source, load_id FROM " +
                                     db.Quote("_rejects") + " ORDER BY id",
         soci::into(kind), soci::into(raw), soci::into(hex, i_hex), soci::into(message),
         soci::into(column, i_column), soci::into(line, i_line), soci::into(offset, i_offset),
         soci::into(source, i_source), soci::into(load, i_load));
    st.execute();
    REQUIRE(st.fetch());
    CHECK(kind == "field_count");
    CHECK(raw == "1;Zoë;\"x\";extra");
    CHECK(i_hex == soci::i_null);
    CHECK(line == 3);
    CHECK(offset == 120);
    CHECK(i_column == soci::i_null);
    CHECK(message == "expected 3 fields, found 4");
    CHECK(i_load == soci::i_null);
    REQUIRE(st.fetch());
    CHECK(kind == "encoding");
    CHECK(raw == "M\xEF\xBF\xBDller\xEF\xBF\xBD");
    CHECK(hex == "4dfc6c6c657200");
    CHECK(column == "Name");
    REQUIRE(st.fetch());
    CHECK(kind == "target_refused");
    CHECK(i_line == soci::i_null);
    CHECK(i_offset == soci::i_null);
    CHECK(i_source == soci::i_null);
    CHECK(load == 7);
    CHECK_FALSE(st.fetch());
  }
}

TEST_CASE(CRM_DB_SUITE "status renders what the journal holds", "[journal]") {
  FOR_EACH_BACKEND(backend) {
    testing::Fresh fresh = FreshStaging(backend);
    Journal journal(*fresh.db);
    int64_t run = journal.BeginRun(
        {.command = "stage", .spec_path = "m.yaml", .spec_sha256 = "0123456789abcdef"});
    int64_t load = journal.CreateLoad(run, "", "fp");
    journal.PromoteLoad(load);
    journal.SetRunLoad(run, load);
    journal.FinishRun(run, kOutcomeOk, 0, {{"staged", 5}});
    journal.AddNote("first pilot went fine", run);
    StatusView status = ReadStatus(journal);
    CHECK(status.staging == fresh.db->masked_url());
    std::string text = RenderStatusText(status);
    CHECK(text.find("current staged load: 1 (run 1, full, promoted ") != std::string::npos);
    CHECK(text.find("stage    ") != std::string::npos);
    CHECK(text.find("0123456789ab  staged=5\n") != std::string::npos);
    CHECK(text.find("(lesson, run 1): first pilot went fine") != std::string::npos);
    std::string json = RenderStatusJson(status);
    CHECK(json.find("\"staged\":5") != std::string::npos);
    CHECK(json.find("\"fingerprint\":\"fp\"") != std::string::npos);
  }
}

}  // namespace
}  // namespace crm::db
