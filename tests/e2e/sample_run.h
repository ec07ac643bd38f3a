// The whole sample migration (samples/acme) run end to end by the real crm-migrate binary
// (`crm-migrate run`) into one target, and the checks every target must pass: the same final
// content, the same reconciliation, the same journal, whatever the database behind `target:`.
//
// The target is chosen the way a team points one spec at another database: the copy's spec says
// `target: ${CRM_E2E_TARGET}` and the run's environment sets it (MIGRATION.md, Credentials).
#pragma once

#include <filesystem>
#include <string>

namespace crm::e2e {

class SampleRun {
 public:
  // Copies samples/acme into a fresh temporary folder named after `name` (without the state of
  // an earlier run) and makes its spec's target `${CRM_E2E_TARGET}`.
  explicit SampleRun(const std::string& name);
  ~SampleRun();
  SampleRun(const SampleRun&) = delete;
  SampleRun& operator=(const SampleRun&) = delete;

  // The copy of samples/acme: its spec, data, target schemas and, after Run, work/.
  const std::filesystem::path& dir() const { return dir_; }

  // `crm-migrate run -q --format json migration.yaml` in the copy with CRM_E2E_TARGET=`target_url`;
  // returns its exit code and keeps its stdout (one JSON phase result a line).
  int Run(const std::string& target_url);
  const std::string& stdout_text() const { return stdout_; }
  const std::string& stderr_text() const { return stderr_; }

 private:
  std::filesystem::path dir_;
  std::string stdout_;
  std::string stderr_;
};

// Runs the statements of the SQL file `schema` (one statement per `;` ending a line) on the
// database at `url` (relative sqlite paths are relative to `base_dir`).
void ApplySchema(const std::string& url, const std::string& base_dir,
                 const std::filesystem::path& schema);

// Runs the sample into `target_url` (its schema already applied) and checks, with Catch2, the
// final target content, the cutover's reconciliation and the journal of the run.
void CheckSampleMigratesInto(const std::string& name, const std::string& target_url);

}  // namespace crm::e2e
