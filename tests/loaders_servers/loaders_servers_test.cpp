// The cutover against real servers: the sample migration (samples/acme) loaded into PostgreSQL
// through the COPY fast path, with the sample's own PostgreSQL schema, and into MariaDB through
// multi-row upserts; re-run (nothing changes), resumed after failures at several points (the
// target ends exactly as an uninterrupted run leaves it), rolled back (the target is as before).
// Every PostgreSQL schema made here is dropped at the end of its test; MariaDB tables likewise.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <thread>

#include "tests/support/server_url.h"
#include "core/db/staging_schema.h"
#include "tests/loaders/cutover_harness.h"
#include "validators/validate.h"

namespace fs = std::filesystem;

namespace crm::loaders::testing {
namespace {

// A PostgreSQL schema of its own, dropped when the test ends; url() points a session at it.
class PgSchema {
 public:
  explicit PgSchema(const std::string& name)
      : base_(crm::testing::ServerUrl("CRM_TEST_POSTGRES_URL")),
        name_(name + "_" + std::to_string(getpid())) {
    admin_ = db::Database::Connect(base_, "");
    admin_->Execute("DROP SCHEMA IF EXISTS " + name_ + " CASCADE");
    admin_->Execute("CREATE SCHEMA " + name_);
  }
  ~PgSchema() {
    try {
      admin_->Execute("DROP SCHEMA IF EXISTS " + name_ + " CASCADE");
    } catch (const std::exception&) {
      // A leftover schema in the throwaway test server is harmless.
    }
  }
  std::string url() const {
    return base_ + (base_.find('?') == std::string::npos ? "?" : "&") +
           "options=-csearch_path%3D" + name_;
  }

 private:
  std::string base_;
  std::string name_;
  std::unique_ptr<db::Database> admin_;
};

const char* kMysqlSchema[] = {
    "DROP TABLE IF EXISTS account_contacts, deals, contacts, accounts",
    "CREATE TABLE accounts (id CHAR(36) PRIMARY KEY, external_id VARCHAR(40) NOT NULL UNIQUE, "
    "name VARCHAR(150) NOT NULL, industry VARCHAR(60), country CHAR(2), city VARCHAR(120), "
    "postal_code VARCHAR(20), phone VARCHAR(32), owner_id CHAR(36), created_at DATE) "
    "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
    "CREATE TABLE contacts (id CHAR(36) PRIMARY KEY, external_id VARCHAR(40) NOT NULL UNIQUE, "
    "salutation VARCHAR(10), first_name VARCHAR(100), last_name VARCHAR(100) NOT NULL, "
    "email VARCHAR(255), phone VARCHAR(32), mobile VARCHAR(32), street VARCHAR(150), "
    "postal_code VARCHAR(20), city VARCHAR(120), country CHAR(2), birth_date DATE, "
    "status VARCHAR(40), newsletter_opt_in BOOLEAN, created_at DATETIME, updated_at DATETIME, "
    "note TEXT) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
    "CREATE TABLE account_contacts (account_id CHAR(36) NOT NULL, contact_id CHAR(36) NOT NULL, "
    "PRIMARY KEY (account_id, contact_id), FOREIGN KEY (account_id) REFERENCES accounts(id), "
    "FOREIGN KEY (contact_id) REFERENCES contacts(id)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 "
    "COLLATE=utf8mb4_bin",
    "CREATE TABLE deals (id CHAR(36) PRIMARY KEY, external_id VARCHAR(40) NOT NULL UNIQUE, "
    "contact_id CHAR(36), name VARCHAR(200) NOT NULL, amount DECIMAL(12,2), currency CHAR(3), "
    "stage VARCHAR(40), closed_at DATE, FOREIGN KEY (contact_id) REFERENCES contacts(id)) "
    "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
};

// A copy of samples/acme staged into SQLite, ready for a cutover into `target_url`.
class Sample {
 public:
  Sample(const std::string& name, std::string target_url)
      : dir_(fs::temp_directory_path() / ("crm_cutover_srv_" + name + "_" +
                                          std::to_string(getpid()))),
        target_url_(std::move(target_url)) {
    fs::remove_all(dir_);
    fs::copy(fs::path(CRM_SOURCE_DIR) / "samples/acme", dir_, fs::copy_options::recursive);
    fs::remove_all(dir_ / "work");
    spec_ = spec::LoadSpec((dir_ / "migration.yaml").string());
    staging_ = db::OpenStaging(spec_.staging_url, spec_.base_dir);
    journal_ = std::make_unique<db::Journal>(*staging_);
    REQUIRE(StageStep(spec_, *staging_, *journal_).find("stage ok") != std::string::npos);
    // The sample's contacts have `match`: their golden records come from identity resolution.
    validate::ValidateOptions identity;
    identity.run_id = journal_->BeginRun({.command = "validate"});
    identity.only = "identity";
    ProgressOptions quiet;
    quiet.style = ProgressStyle::kQuiet;
    validate::RunValidate(spec_, *staging_, *journal_, identity, *MakeProgress(quiet));
    journal_->FinishRun(identity.run_id, db::kOutcomeOk, 0, {});
  }
  ~Sample() { fs::remove_all(dir_); }

  std::string Cutover(CutoverOptions options = {}, int64_t* run_id = nullptr) {
    options.target_url = target_url_;
    return CutoverStep(spec_, *staging_, *journal_, options, run_id);
  }
  std::string Rollback(int64_t run) {
    return RollbackStep(spec_, *staging_, *journal_, run, target_url_);
  }
  std::string Target() const { return RenderTarget(target_url_, spec_.base_dir); }
  const fs::path& dir() const { return dir_; }
  std::string Counts() const {
    auto db = db::Database::Connect(target_url_, spec_.base_dir);
    std::string out;
    for (const char* table : {"accounts", "contacts", "account_contacts", "deals"}) {
      long long n = 0;
      db->session() << std::string("SELECT COUNT(*) FROM ") + table, soci::into(n);
      out += std::string(out.empty() ? "" : " ") + table + "=" + std::to_string(n);
    }
    return out;
  }

 private:
  fs::path dir_;
  std::string target_url_;
  spec::Spec spec_;
  std::unique_ptr<db::Database> staging_;
  std::unique_ptr<db::Journal> journal_;
};

void ApplyPostgresSchema(const std::string& url) {
  auto db = db::Database::Connect(url, "");
  ExecuteScript(*db, ReadFile(fs::path(CRM_SOURCE_DIR) / "samples/acme/target/schema.postgresql.sql"));
}

// The sample's fixed outcome: one contact without a last name refused by NOT NULL, one order of
// a customer that is not staged unresolved, one contact's account link unresolved.
void CheckSampleLoaded(const std::string& out) {
  INFO(out);
  CHECK(out.find(" exit 0\n") != std::string::npos);
  CHECK(out.find("account -> accounts: staged=12 golden=12 inserted=12 updated=0 unchanged=0 "
                 "rejected=0") != std::string::npos);
  CHECK(out.find("contact -> contacts: staged=89 golden=71 inserted=70 updated=0 unchanged=0 "
                 "rejected=1") != std::string::npos);
  CHECK(out.find("deal -> deals: staged=30 golden=30 inserted=29 updated=0 unchanged=0 "
                 "rejected=1") != std::string::npos);
  CHECK(out.find("failure L-1023:") != std::string::npos);
  CHECK(out.find("checksums differ") == std::string::npos);
}

TEST_CASE("the sample loads into PostgreSQL through COPY, re-runs unchanged and rolls back",
          "[cutover][servers][postgres]") {
  PgSchema schema("crm_cut_pg");
  ApplyPostgresSchema(schema.url());
  Sample sample("pg", schema.url());
  const std::string before = sample.Target();

  const std::string dry = sample.Cutover(CutoverOptions{.dry_run = true});
  INFO(dry);
  CHECK(dry.find("dry-run exit 0") != std::string::npos);
  CHECK(dry.find("inserted=70") != std::string::npos);
  CHECK(sample.Target() == before);

  int64_t run = 0;
  CheckSampleLoaded(sample.Cutover({}, &run));
  CHECK(sample.Counts() == "accounts=12 contacts=70 account_contacts=51 deals=29");

  const std::string again = sample.Cutover();
  INFO(again);
  CHECK(again.find("account -> accounts: staged=12 golden=12 inserted=0 updated=0 unchanged=12")
        != std::string::npos);
  CHECK(again.find("contact -> contacts: staged=89 golden=71 inserted=0 updated=0 unchanged=70")
        != std::string::npos);
  CHECK(again.find("deal -> deals: staged=30 golden=30 inserted=0 updated=0 unchanged=29") !=
        std::string::npos);
  CHECK(sample.Counts() == "accounts=12 contacts=70 account_contacts=51 deals=29");

  const std::string undone = sample.Rollback(run);
  INFO(undone);
  CHECK(undone.find("rollback deleted=111 restored=0 links_deleted=51") != std::string::npos);
  CHECK(sample.Target() == before);
}

// New rows are read back from the pages their COPY filled; a row elsewhere is still found by
// its key, and a key the table does not hold is not made up.
TEST_CASE("a PostgreSQL target reads back new rows from their pages and others by key",
          "[cutover][servers][postgres]") {
  PgSchema schema("crm_read_pg");
  auto admin = db::Database::Connect(schema.url(), "");
  // Old rows over several pages (about 40 rows of 200 bytes fit a page of 8 KiB).
  admin->Execute("CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)");
  admin->Execute("INSERT INTO t SELECT 'old-' || i, repeat('x', 200) FROM generate_series(1, 400) i");
  std::unique_ptr<Target> target = OpenTarget(schema.url(), "", {});
  const WriteSpec ws{"t", {"k", "v"}, {"k"}, {}, /*all_new=*/true};
  target->Prepare(ws);
  target->Begin();
  target->Write(ws, {{"new-1", "a"}, {"new-2", std::nullopt}});
  target->Commit();
  auto read = [&](const std::vector<std::string>& keys) {
    std::set<std::string> rows;
    for (const Row& r : target->Read("t", "k", {"v"}, keys)) {
      rows.insert(r[0].value_or("NULL") + "=" + (r[1] ? r[1]->substr(0, 3) : "NULL"));
    }
    return rows;
  };
  const std::set<std::string> want{"new-1=a", "new-2=NULL", "old-1=xxx"};
  CHECK(read({"new-1", "new-2", "old-1", "none"}) == want);  // the pages, then the key
  CHECK(read({"new-1", "new-2", "old-1", "none"}) == want);  // by key only

  // A partitioned table has no pages of its own: its rows are read by key.
  admin->Execute("CREATE TABLE p (k TEXT PRIMARY KEY, v TEXT) PARTITION BY HASH (k)");
  admin->Execute("CREATE TABLE p0 PARTITION OF p FOR VALUES WITH (MODULUS 2, REMAINDER 0)");
  admin->Execute("CREATE TABLE p1 PARTITION OF p FOR VALUES WITH (MODULUS 2, REMAINDER 1)");
  const WriteSpec pws{"p", {"k", "v"}, {"k"}, {}, /*all_new=*/true};
  target->Prepare(pws);
  target->Begin();
  target->Write(pws, {{"a", "1"}, {"b", "2"}, {"c", "3"}});
  target->Commit();
  CHECK(target->Read("p", "k", {"v"}, {"a", "c", "none"}).size() == 2);
}

TEST_CASE("a cutover into PostgreSQL that fails mid-batch is resumed to the same target",
          "[cutover][servers][postgres][resume]") {
  PgSchema reference_schema("crm_cut_ref");
  ApplyPostgresSchema(reference_schema.url());
  Sample reference("pgref", reference_schema.url());
  CheckSampleLoaded(reference.Cutover());
  const std::string want = reference.Target();

  // Writes: accounts (1); the contact batch (2), whose row without a last name PostgreSQL's
  // target names before sending anything; the batch again without it (3); its links (4); deals
  // (5). Every one of them is a point to fail at.
  for (int fail_at : {1, 2, 3, 4, 5}) {
    DYNAMIC_SECTION("failing at write " << fail_at) {
      PgSchema schema("crm_cut_fail" + std::to_string(fail_at));
      ApplyPostgresSchema(schema.url());
      Sample sample("pgfail" + std::to_string(fail_at), schema.url());
      CutoverOptions failing;
      failing.wrap_target = FailAtWrite(fail_at);
      const std::string failed = sample.Cutover(failing);
      CHECK(failed.find("error io (exit 3): simulated crash") != std::string::npos);
      const std::string resumed = sample.Cutover(CutoverOptions{.resume = true});
      INFO(resumed);
      CHECK(resumed.find(" exit 0\n") != std::string::npos);
      CHECK(resumed.find("checksums differ") == std::string::npos);
      CHECK(sample.Target() == want);
    }
  }
}

extern "C" char** environ;

// Runs the real binary; returns its exit code.
int Cli(const std::string& args) {
  const int status = std::system((std::string(CRM_BINARY) + " " + args + " >/dev/null 2>&1").c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A copy of the sample whose spec sends the real binary's cutover to PostgreSQL schema `url`
// (through ${VAR}) in small batches, so that a kill lands between or inside batches.
std::string PrepareKillSpec(Sample& sample, const std::string& variable, const std::string& url) {
  ::setenv(variable.c_str(), url.c_str(), 1);
  const fs::path spec = sample.dir() / "migration.yaml";
  std::string text = ReadFile(spec);
  text.replace(text.find("target: sqlite:work/crm.db"), 26, "target: ${" + variable + "}");
  text.replace(text.find("batch: 1000"), 11, "batch: 7");
  std::ofstream(spec, std::ios::trunc) << text;
  return spec.string();
}

// Starts `crm-migrate cutover` on `spec` and SIGKILLs it as soon as `due()` says so (polled
// every millisecond); true when it was killed, false when it had finished first.
template <typename Due>
bool CutoverKilledWhen(const std::string& spec, Due&& due) {
  std::vector<std::string> words = {CRM_BINARY, "cutover", "-q",           spec,
                                    "--force",  "--reason", "crash-test"};
  std::vector<char*> argv;
  for (std::string& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, CRM_BINARY, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  REQUIRE(spawned == 0);
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (due()) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return WIFSIGNALED(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return false;
}

// Contacts the target schema at `url` holds now (0 while the table is still empty or locked).
int64_t TargetContacts(db::Database& target) {
  try {
    int64_t n = 0;
    target.session() << "SELECT count(*) FROM contacts", soci::into(n);
    return n;
  } catch (const std::exception&) {
    return 0;
  }
}

TEST_CASE("a cutover killed with SIGKILL at seeded random moments resumes to the same target",
          "[cutover][servers][postgres][crash]") {
  PgSchema reference_schema("crm_cut_kref");
  ApplyPostgresSchema(reference_schema.url());
  Sample reference("kref", reference_schema.url());
  CheckSampleLoaded(reference.Cutover());
  const std::string want = reference.Target();

  // How long the binary's whole cutover takes on this machine now: timed kills spread over it.
  std::chrono::milliseconds whole{0};
  {
    PgSchema schema("crm_cut_ktime");
    ApplyPostgresSchema(schema.url());
    Sample sample("ktime", schema.url());
    const std::string spec = PrepareKillSpec(sample, "CRM_CUTOVER_KILL_TARGET", schema.url());
    const auto start = std::chrono::steady_clock::now();
    REQUIRE(Cli("cutover -q " + spec + " --force --reason timing") == 0);
    whole = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start);
    CHECK(RenderTarget(schema.url(), "") == want);
  }

  // Even attempts kill at a random moment of the whole run (before, during or after the load,
  // whatever this machine's speed makes of it); odd ones kill as soon as the target holds a
  // random number of contacts, so that some kills land mid-load on a machine of any speed.
  std::mt19937 rng(20261126);
  std::uniform_int_distribution<int> percent(5, 95);
  std::uniform_int_distribution<int64_t> contacts(1, 63);  // the sample loads 70, 7 per batch
  int resumed = 0;
  for (int attempt = 0; attempt < 8; ++attempt) {
    PgSchema schema("crm_cut_kill" + std::to_string(attempt));
    ApplyPostgresSchema(schema.url());
    Sample sample("kill" + std::to_string(attempt), schema.url());
    const std::string spec = PrepareKillSpec(sample, "CRM_CUTOVER_KILL_TARGET", schema.url());
    bool killed = false;
    if (attempt % 2 == 0) {
      const auto delay = whole * percent(rng) / 100;
      INFO("attempt " << attempt << ": kill after " << delay.count() << " ms of "
                      << whole.count());
      const auto due = std::chrono::steady_clock::now() + delay;
      killed = CutoverKilledWhen(spec, [&] { return std::chrono::steady_clock::now() >= due; });
    } else {
      const int64_t at = contacts(rng);
      INFO("attempt " << attempt << ": kill once the target holds " << at << " contacts");
      auto target = db::Database::Connect(schema.url(), "");
      killed = CutoverKilledWhen(spec, [&] { return TargetContacts(*target) >= at; });
    }
    // Resume what was started; a kill before the first batch leaves nothing to resume (exit 2),
    // and so does a cutover that finished first: a plain cutover then.
    int code = Cli("cutover -q " + spec + " --resume --force --reason crash-test");
    if (code == 2) {
      code = Cli("cutover -q " + spec + " --force --reason crash-test");
    } else if (killed) {
      ++resumed;
    }
    CHECK(code == 0);
    CHECK(RenderTarget(schema.url(), "") == want);
  }
  // At least one kill must have landed mid-load, or the test has not tested a resume.
  CHECK(resumed > 0);
}

TEST_CASE("the sample loads into MariaDB with multi-row upserts, re-runs unchanged and rolls back",
          "[cutover][servers][mariadb]") {
  const std::string url = crm::testing::ServerUrl("CRM_TEST_MARIADB_URL");
  auto admin = db::Database::Connect(url, "");
  for (const char* sql : kMysqlSchema) admin->Execute(sql);
  {
    Sample sample("my", url);
    const std::string before = sample.Target();
    int64_t run = 0;
    CheckSampleLoaded(sample.Cutover({}, &run));
    CHECK(sample.Counts() == "accounts=12 contacts=70 account_contacts=51 deals=29");
    const std::string again = sample.Cutover();
    INFO(again);
    CHECK(again.find("contact -> contacts: staged=89 golden=71 inserted=0 updated=0 unchanged=70")
          != std::string::npos);
    CHECK(again.find("deal -> deals: staged=30 golden=30 inserted=0 updated=0 unchanged=29") !=
          std::string::npos);
    const std::string undone = sample.Rollback(run);
    INFO(undone);
    CHECK(undone.find("rollback deleted=111 restored=0 links_deleted=51") != std::string::npos);
    CHECK(sample.Target() == before);
  }
  admin->Execute(kMysqlSchema[0]);
}

}  // namespace
}  // namespace crm::loaders::testing
