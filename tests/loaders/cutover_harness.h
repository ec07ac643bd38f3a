// Plumbing shared by the cutover suites: journaled stage/cutover/rollback steps as the CLI runs
// them (cli/prepare.cpp), and the target's state rendered as text for golden comparisons.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/db/database.h"
#include "core/db/journal.h"
#include "core/spec/spec.h"
#include "loaders/cutover.h"
#include "loaders/target.h"

namespace crm::loaders::testing {

// A journaled stage of the whole spec; "stage ok load=N" or "error <category>: message".
std::string StageStep(const spec::Spec& spec, db::Database& staging, db::Journal& journal);

// A journaled cutover; renders its result (per entity counts, notes, warnings, failures, gate
// failures) or its error. `run_id` receives the run's id.
std::string CutoverStep(const spec::Spec& spec, db::Database& staging, db::Journal& journal,
                        CutoverOptions options, int64_t* run_id = nullptr);

std::string RollbackStep(const spec::Spec& spec, db::Database& staging, db::Journal& journal,
                         int64_t cutover_id, const std::string& target_url = "");

// Every table of a SQL target, sorted by name, rows sorted by every column; or every file of a
// CSV export folder.
std::string RenderTarget(const std::string& url, const std::string& base_dir);

// Rejects of phase cutover: run, entity, source, line, kind, column, message.
std::string RenderCutoverRejects(db::Database& staging);

// Runs the statements of a SQL file (split at semicolons ending a line) on `db`.
void ExecuteScript(db::Database& db, const std::string& sql);

// Wraps a target so that its `fail_at`-th Write throws crm::Error(kIo), as a connection lost in
// the middle of a batch would.
std::function<std::unique_ptr<Target>(std::unique_ptr<Target>)> FailAtWrite(int fail_at);

std::string ReadFile(const std::filesystem::path& path);

}  // namespace crm::loaders::testing
