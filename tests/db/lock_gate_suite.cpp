// Shared backend suite: the writer lock and the cutover gate. Runs against every backend of the
// suite executable.
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "core/common/error.h"
#include "core/db/gate.h"
#include "core/db/lock.h"
#include "core/db/process_info.h"
#include "core/db/staging_schema.h"
#include "tests/db/backend.h"

namespace crm::db {
namespace {

using testing::FreshStaging;

// A pid above Linux's pid_max (2^22): never alive.
constexpr long long kDeadPid = 99999999;

std::string LockedMessage(Database& db, const std::string& command) {
  const ProcessInfo& me = CurrentProcess();
  return "staging database " + db.masked_url() + " is locked by `crm-migrate " + command +
         "` (pid " + std::to_string(me.pid) + " on host " + me.host + ", since ";
}

void PlantLockRow(Database& db, const std::string& host, long long pid, const std::string& boot) {
  std::string name = "writer", token = "old-token", command = "cutover";
  std::string since = "2020-01-01T00:00:00.000Z";
  db.session() << InsertSql(db.traits(), "_lock",
                            {"name", "token", "command", "pid", "host", "boot_id", "since"}),
      soci::use(name), soci::use(token), soci::use(command), soci::use(pid), soci::use(host),
      soci::use(boot), soci::use(since);
}

std::string Planted(const std::string& host, long long pid) {
  return "from `crm-migrate cutover` (pid " + std::to_string(pid) + " on host " + host +
         ", since 2020-01-01T00:00:00.000Z): ";
}

TEST_CASE(CRM_DB_SUITE "A second writer fails fast with a message naming the first", "[lock]") {
  FOR_EACH_BACKEND(backend) {
    testing::Fresh fresh = FreshStaging(backend);
    std::unique_ptr<Database> second = OpenStaging(fresh.url, "");
    std::optional<WriterLock> first;
    first.emplace(*fresh.db, LockOptions{"stage"});
    CHECK(first->takeover_message().empty());
    try {
      WriterLock lock(*second, LockOptions{"validate"});
      FAIL("second writer got the lock");
    } catch (const Error& e) {
      CHECK(e.category() == ErrorCategory::kIo);
      std::string message = e.what();
      CHECK(message.rfind(LockedMessage(*second, "stage"), 0) == 0);
      std::string advice = backend.session_lock
                               ? "): wait for it to finish; its connection to the database is "
                                 "still open, so stop that process if it hangs"
                               : "): wait for it to finish, or if that process is gone run with "
                                 "--break-lock";
      CHECK(message.substr(message.size() - advice.size()) == advice);
    }
    first.reset();
    WriterLock after(*second, LockOptions{"validate"});
    CHECK(after.takeover_message().empty());
  }
}

TEST_CASE(CRM_DB_SUITE "A lock left by a dead process on this host is taken over, and says so",
          "[lock]") {
  FOR_EACH_BACKEND(backend) {
    testing::Fresh fresh = FreshStaging(backend);
    const ProcessInfo& me = CurrentProcess();
    PlantLockRow(*fresh.db, me.host, kDeadPid, me.boot_id);
    WriterLock lock(*fresh.db, LockOptions{"stage"});
    std::string reason =
        backend.session_lock ? "its connection to the database is gone" : "that process is gone";
    CHECK(lock.takeover_message() == "took over the writer lock of staging database " +
                                         fresh.db->masked_url() + " " + Planted(me.host, kDeadPid) +
                                         reason);
    std::unique_ptr<Database> other = OpenStaging(fresh.url, "");
    CHECK_THROWS_AS(WriterLock(*other, LockOptions{"validate"}), Error);
  }
}

TEST_CASE(CRM_DB_SUITE "A lock from a previous boot of this machine is stale", "[lock]") {
  FOR_EACH_BACKEND(backend) {
    testing::Fresh fresh = FreshStaging(backend);
    const ProcessInfo& me = CurrentProcess();
    PlantLockRow(*fresh.db, me.host, me.pid, "an-earlier-boot");
    WriterLock lock(*fresh.db, LockOptions{"stage"});
    CHECK_FALSE(lock.takeover_message().empty());
  }
}

TEST_CASE(CRM_DB_SUITE
          "A lock held from another host needs --break-lock unless the server freed it",
          "[lock]") {
  FOR_EACH_BACKEND(backend) {
    testing::Fresh fresh = FreshStaging(backend);
    PlantLockRow(*fresh.db, "elsewhere.example", 1, "boot");
    if (backend.session_lock) {
      WriterLock lock(*fresh.db, LockOptions{"stage"});
      CHECK(lock.takeover_message().find("its connection to the database is gone") !=
            std::string::npos);
    } else {
      try {
        WriterLock lock(*fresh.db, LockOptions{"stage"});
        FAIL("took a lock held on another host");
      } catch (const Error& e) {
        CHECK(std::string(e.what()) ==
              "staging database " + fresh.db->masked_url() +
                  " is locked by `crm-migrate cutover` (pid 1 on host elsewhere.example, since "
                  "2020-01-01T00:00:00.000Z): wait for it to finish, or if that process is gone "
                  "run with --break-lock");
      }
      WriterLock lock(*fresh.db, LockOptions{"stage", true});
      CHECK(lock.takeover_message().find(Planted("elsewhere.example", 1) +
                                         "--break-lock was given") != std::string::npos);
    }
  }
}

TEST_CASE(CRM_DB_SUITE "A writer that vanished without releasing (kill -9) does not block forever",
          "[lock]") {
  FOR_EACH_BACKEND(backend) {
    testing::Fresh fresh = FreshStaging(backend);
    std::unique_ptr<Database> crashed = OpenStaging(fresh.url, "");
    std::optional<WriterLock> held;
    held.emplace(*crashed, LockOptions{"cutover"});
    crashed->session().close();  // the connection dies with its process; no release ran
    if (backend.session_lock) {
      // The server frees the lock once it notices the disconnect: soon, not necessarily at once
      // (this process is alive, so the lock cannot know the holder is gone and wait for it).
      std::optional<WriterLock> lock;
      for (int attempt = 0; attempt < 50 && !lock; ++attempt) {
        try {
          lock.emplace(*fresh.db, LockOptions{"cutover"});
        } catch (const Error&) {
          std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
      }
      REQUIRE(lock);
      CHECK(lock->takeover_message().find("its connection to the database is gone") !=
            std::string::npos);
    } else {
      // SQLite cannot tell this from a live writer in the same process: the pid is alive.
      CHECK_THROWS_AS(WriterLock(*fresh.db, LockOptions{"cutover"}), Error);
    }
    held.reset();  // its release fails quietly on the closed session
  }
}

// Journals a finished run of `command`.
int64_t Run(Journal& journal, const std::string& command, const std::string& sha,
            const std::string& subset, std::optional<int64_t> load,
            std::string_view outcome = kOutcomeOk, int exit_code = 0,
            const std::string& options_json = "{}") {
  RunStart start{.command = command,
                 .spec_path = "m.yaml",
                 .spec_sha256 = sha,
                 .options_json = options_json,
                 .subset = subset,
                 .load_id = load};
  int64_t id = journal.BeginRun(start);
  if (outcome != kOutcomeRunning) journal.FinishRun(id, outcome, exit_code, {});
  return id;
}

std::string GateSays(Journal& journal, const std::string& sha) {
  try {
    CheckCutoverGate(journal, sha, {}, std::nullopt);
  } catch (const Error& e) {
    CHECK(e.category() == ErrorCategory::kGate);
    return e.what();
  }
  return "open";
}

TEST_CASE(CRM_DB_SUITE
          "The cutover gate opens only after a passing full validate of the current load",
          "[gate]") {
  const std::string sha = "aaaaaaaaaaaaaaaaaaaa", other = "bbbbbbbbbbbbbbbbbbbb";
  FOR_EACH_BACKEND(backend) {
    testing::Fresh fresh = FreshStaging(backend);
    Journal journal(*fresh.db);
    CHECK(GateSays(journal, sha) ==
          "cutover refused: nothing has been staged in full yet: run `crm-migrate stage`, then "
          "`crm-migrate validate`");
    int64_t stage = Run(journal, "stage", sha, "", std::nullopt);
    int64_t load = journal.CreateLoad(stage, "", "fp");
    journal.PromoteLoad(load);
    CHECK(GateSays(journal, sha) ==
          "cutover refused: validate has not run on staged load 1: "
          "run `crm-migrate validate` first");
    int64_t v = Run(journal, "validate", sha, "pilot", load);
    CHECK(GateSays(journal, sha) ==
          "cutover refused: the last validate (run " + std::to_string(v) +
              ") ran on subset 'pilot', not on the full data: run `crm-migrate validate` first");
    v = Run(journal, "validate", other, "", load);
    CHECK(GateSays(journal, sha) ==
          "cutover refused: the last validate (run " + std::to_string(v) +
              ") ran with another spec (sha256 bbbbbbbbbbbb…, now aaaaaaaaaaaa…): run "
              "`crm-migrate validate` first");
    v = Run(journal, "validate", sha, "", load, kOutcomeGateFailed, 1);
    CHECK(GateSays(journal, sha) ==
          "cutover refused: the last validate (run " + std::to_string(v) +
              ") did not pass (gate_failed, exit 1): fix the findings and run `crm-migrate "
              "validate` again");
    v = Run(journal, "validate", sha, "", load, kOutcomeRunning);
    CHECK(GateSays(journal, sha) == "cutover refused: the last validate (run " + std::to_string(v) +
                                        ") never finished (crashed or killed): run `crm-migrate "
                                        "validate` first");
    v = Run(journal, "validate", sha, "", load, kOutcomeOk, 0, R"({"only": "required:contact"})");
    CHECK(GateSays(journal, sha) == "cutover refused: the last validate (run " + std::to_string(v) +
                                        ") ran only part of the checks (--only "
                                        "required:contact): run `crm-migrate validate` first");
    v = Run(journal, "validate", sha, "", load, kOutcomeOk, 0, R"({"only": "rules"})");
    CHECK(GateSays(journal, sha) == "open");
    v = Run(journal, "validate", sha, "", load);
    CHECK(GateSays(journal, sha) == "open");
    GateDecision decision = CheckCutoverGate(journal, sha, {}, std::nullopt);
    CHECK_FALSE(decision.overridden);
    CHECK(decision.refusal.empty());

    int64_t restage = Run(journal, "stage", sha, "", std::nullopt);
    journal.PromoteLoad(journal.CreateLoad(restage, "", "fp2"));
    CHECK(GateSays(journal, sha) == "cutover refused: the last validate (run " + std::to_string(v) +
                                        ") checked staged load 1, but the current staged load "
                                        "is 2: run `crm-migrate validate` first");
  }
}

TEST_CASE(CRM_DB_SUITE "--force opens a closed gate only with a reason, and journals the override",
          "[gate]") {
  FOR_EACH_BACKEND(backend) {
    testing::Fresh fresh = FreshStaging(backend);
    Journal journal(*fresh.db);
    int64_t cutover = journal.BeginRun({.command = "cutover"});
    try {
      CheckCutoverGate(journal, "sha", {true, "   "}, cutover);
      FAIL("forced without a reason");
    } catch (const Error& e) {
      CHECK(e.category() == ErrorCategory::kUsage);
      CHECK(std::string(e.what()) ==
            "--force needs --reason \"why\": overriding the cutover gate is journaled with its "
            "reason");
    }
    CHECK(journal.ListNotes().empty());
    GateDecision decision =
        CheckCutoverGate(journal, "sha", {true, "rehearsal on a copy of the target"}, cutover);
    CHECK(decision.overridden);
    CHECK(decision.refusal.rfind("cutover refused: nothing has been staged", 0) == 0);
    std::vector<NoteRecord> notes = journal.ListNotes();
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].kind == "gate_override");
    CHECK(notes[0].run_id == cutover);
    CHECK(notes[0].text ==
          "cutover gate overridden with --force: rehearsal on a copy of the "
          "target (the gate said: " +
              decision.refusal + ")");
  }
}

}  // namespace
}  // namespace crm::db
