// The journal: the append-mostly record of every run, every staged load, every rejected row and
// every human note, kept in the staging database (tables defined in staging_schema.h). Reports
// and `status` are rendered from it; gates read it.
//
// A Journal borrows a Database that already has the staging schema (OpenStaging). Every method
// runs its own statements and is atomic on its own; none keeps state between calls, so two
// Journal objects over the same database see each other's writes. Writers hold the WriterLock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/reject.h"
#include "core/db/database.h"

namespace crm::db {

// Named counts in the order a phase reports them ("extracted", "rejected", ...).
using Counts = std::vector<std::pair<std::string, int64_t>>;

// Outcomes a run ends with. A run that never finished keeps kOutcomeRunning (crashed or killed).
inline constexpr std::string_view kOutcomeRunning = "running";
inline constexpr std::string_view kOutcomeOk = "ok";
inline constexpr std::string_view kOutcomeGateFailed = "gate_failed";  // a blocking finding
inline constexpr std::string_view kOutcomeFailed = "failed";           // an error ended the run

struct RunStart {
  std::string command{};  // "stage", "validate", "cutover", ...
  std::string spec_path{};
  std::string spec_sha256{};
  std::string options_json = "{}";   // the options the run used, as a JSON object
  std::string subset{};              // empty: the full data
  std::optional<int64_t> load_id{};  // the load the run works on, when known at the start
};

struct RunRecord {
  int64_t id = 0;
  std::string command, spec_path, spec_sha256, subset, options_json;
  std::optional<int64_t> load_id;
  std::string user, host, crm_version;
  int64_t pid = 0;
  std::string started_at, finished_at;  // ISO-8601 UTC; finished_at empty while running
  std::string outcome;
  std::optional<int64_t> exit_code;
  std::string counts_json;  // a JSON object; "{}" when none
};

struct LoadRecord {
  int64_t id = 0;
  int64_t run_id = 0;
  std::string subset;  // empty: a full load
  std::string fingerprint;
  std::string created_at;
  bool promoted = false;
  std::string promoted_at;
};

struct NoteRecord {
  int64_t id = 0;
  std::optional<int64_t> run_id;
  std::string kind;  // "lesson" (crm-migrate note), "gate_override", ...
  std::string author, created_at, text;
};

// One rejected row. `raw` is the original bytes: stored as raw_text when valid UTF-8; otherwise
// raw_text holds a readable copy (non-ASCII bytes as U+FFFD) and raw_hex the exact bytes.
struct RejectRecord {
  std::string phase{};  // "stage", "validate", "cutover"
  std::string source{};
  std::string entity{};
  int64_t line = -1;         // -1: unknown
  int64_t byte_offset = -1;  // -1: unknown
  std::string column{};
  RejectKind kind = RejectKind::kSourceError;
  std::string raw{};
  std::string message{};  // for database refusals, the driver's message (already masked)
  std::optional<int64_t> load_id{};
};

class Journal {
 public:
  explicit Journal(Database& db) : db_(db) {}

  Database& db() { return db_; }

  // Records the start of a run (user, host, pid, version, now) and returns its id.
  int64_t BeginRun(const RunStart& start);
  void SetRunLoad(int64_t run_id, int64_t load_id);
  // Records the end of a run. `outcome` is one of the kOutcome* values.
  void FinishRun(int64_t run_id, std::string_view outcome, int exit_code, const Counts& counts);

  std::optional<RunRecord> GetRun(int64_t run_id);
  // Newest first; `limit` 0 means all.
  std::vector<RunRecord> ListRuns(int limit = 0);
  // The newest run of `command`, finished or not.
  std::optional<RunRecord> LastRun(std::string_view command);

  int64_t AddNote(std::string_view text, std::optional<int64_t> run_id,
                  std::string_view kind = "lesson");
  std::vector<NoteRecord> ListNotes();  // oldest first

  // A staged load: created unpromoted; PromoteLoad marks it the current one (for its subset).
  int64_t CreateLoad(int64_t run_id, std::string_view subset, std::string_view fingerprint);
  void PromoteLoad(int64_t load_id);
  std::optional<LoadRecord> GetLoad(int64_t load_id);
  // The current staged load: the newest promoted full (not subset) load.
  std::optional<LoadRecord> CurrentLoad();

  // Writes rejects of one run in one transaction with one prepared statement.
  void WriteRejects(int64_t run_id, const std::vector<RejectRecord>& rejects);
  int64_t CountRejects(int64_t run_id);

 private:
  Database& db_;
};

// {"a":1,"b":2} in the given order.
std::string CountsToJson(const Counts& counts);

}  // namespace crm::db
