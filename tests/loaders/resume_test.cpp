// Resume after a crash at every write of a cutover: the target an interrupted run plus
// `--resume` leaves must be exactly the target of an uninterrupted run (same rows, same ids, same
// links), and a rollback of the resumed cutover must empty it again.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "core/db/staging_schema.h"
#include "tests/loaders/cutover_harness.h"

namespace fs = std::filesystem;

namespace crm::loaders::testing {
namespace {

const char* kSpec = R"(version: 1
name: resume
staging: sqlite:work/staging.db
target: sqlite:work/crm.db
sources:
  people: {type: csv, path: people.csv}
  firms: {type: csv, path: firms.csv}
entities:
  account:
    table: accounts
    key: external_id
    id_strategy: uuid5
    fields: {name: {type: string, required: true}}
    from: [{source: firms, map: {external_id: {template: "A-{ID}"}, name: Name}}]
  contact:
    table: contacts
    key: external_id
    id_strategy: uuid5
    fields:
      last_name: string
      account: {ref: account, multi: true, link: {table: account_contacts, column: contact_id, ref_column: account_id}}
      employer: {ref: account}
    from: [{source: people, map: {external_id: {template: "P-{ID}"}, last_name: Name,
                                  account: {template: "A-{Firm}"}, employer: {template: "A-{Firm}"}}}]
cutover: {mode: upsert, batch: 2}
)";

const char* kSchema = R"(CREATE TABLE accounts (id TEXT PRIMARY KEY, external_id TEXT NOT NULL UNIQUE, name TEXT NOT NULL);
CREATE TABLE contacts (id TEXT PRIMARY KEY, external_id TEXT NOT NULL UNIQUE, last_name TEXT, employer_id TEXT REFERENCES accounts(id));
CREATE TABLE account_contacts (contact_id TEXT NOT NULL REFERENCES contacts(id), account_id TEXT NOT NULL REFERENCES accounts(id), PRIMARY KEY (contact_id, account_id));
)";

struct Scratch {
  explicit Scratch(const std::string& name)
      : dir(fs::temp_directory_path() / ("crm_resume_" + name + "_" + std::to_string(getpid()))) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "migration.yaml") << kSpec;
    std::ofstream(dir / "firms.csv") << "ID,Name\n1,Acme\n2,Globex\n3,Initech\n";
    std::ofstream people(dir / "people.csv");
    people << "ID,Name,Firm\n";
    for (int i = 1; i <= 9; ++i) people << i << ",Name" << i << "," << (i % 3 + 1) << "\n";
    people.close();
    spec = spec::LoadSpec((dir / "migration.yaml").string());
    auto target = db::Database::Connect(spec.target_url, spec.base_dir);
    ExecuteScript(*target, kSchema);
    staging = db::OpenStaging(spec.staging_url, spec.base_dir);
    journal = std::make_unique<db::Journal>(*staging);
    REQUIRE(StageStep(spec, *staging, *journal).find("stage ok") != std::string::npos);
  }
  ~Scratch() { fs::remove_all(dir); }
  std::string Target() const { return RenderTarget(spec.target_url, spec.base_dir); }

  fs::path dir;
  spec::Spec spec;
  std::unique_ptr<db::Database> staging;
  std::unique_ptr<db::Journal> journal;
};

TEST_CASE("a cutover that fails at any write and is resumed ends as an uninterrupted one",
          "[cutover][resume]") {
  Scratch reference("reference");
  int64_t reference_run = 0;
  REQUIRE(CutoverStep(reference.spec, *reference.staging, *reference.journal, {},
                      &reference_run)
              .find("exit 0") != std::string::npos);
  const std::string want = reference.Target();
  REQUIRE(want.find("Name9") != std::string::npos);

  // 2 writes per batch (entity rows, link rows) for contacts, 1 for accounts: 2 + 5 * 2 writes.
  for (int fail_at = 1; fail_at <= 12; ++fail_at) {
    DYNAMIC_SECTION("failing at write " << fail_at) {
      Scratch run("fail" + std::to_string(fail_at));
      CutoverOptions failing;
      failing.wrap_target = FailAtWrite(fail_at);
      int64_t first_run = 0;
      const std::string failed =
          CutoverStep(run.spec, *run.staging, *run.journal, failing, &first_run);
      CHECK(failed.find("error io (exit 3): simulated crash") != std::string::npos);
      CHECK(run.Target() != want);

      const std::string resumed = CutoverStep(run.spec, *run.staging, *run.journal,
                                              CutoverOptions{.resume = true});
      INFO(resumed);
      CHECK(resumed.find("cutover " + std::to_string(first_run) + " exit 0") !=
            std::string::npos);
      CHECK(resumed.find("checksums differ") == std::string::npos);
      CHECK(run.Target() == want);

      // Nothing is left to resume; a rollback of the cutover empties the target again.
      CHECK(CutoverStep(run.spec, *run.staging, *run.journal, CutoverOptions{.resume = true})
                .find("there is nothing to resume") != std::string::npos);
      const std::string undone = RollbackStep(run.spec, *run.staging, *run.journal, first_run);
      INFO(undone);
      CHECK(undone.find("rollback deleted=12 restored=0 links_deleted=9") != std::string::npos);
      CHECK(run.Target() == "account_contacts\naccounts\ncontacts\n");
    }
  }
}

}  // namespace
}  // namespace crm::loaders::testing
