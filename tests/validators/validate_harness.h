// The validate case runner, shared by the SQLite suite (validate_tests) and the PostgreSQL one
// (validate_servers_tests): both run every folder of tests/cases/validate/ and compare the same
// expected.txt, so SQLite and PostgreSQL staging must find exactly the same counts and samples.
//
// A case folder holds migration.yaml, its input files, optional steps.txt and expected.txt.
// steps.txt has one step a line (default: `stage` then `validate`):
//   stage [subset NAME]                        a journaled stage run (only its outcome is shown)
//   validate [subset NAME] [only RULE] [show_pii]   a journaled validate run, rendered in full
//   copy FROM TO                               replace a file of the copy (a mapping fix)
//   today YYYY-MM-DD                           "now" for stale rules (default 2026-11-26)
// A spec error, or an error a step throws, is rendered as `error <category>: <message>`.
#pragma once

#include <filesystem>
#include <string>

namespace crm::validate::testing {

// Runs the case in a scratch copy of `case_dir`. `staging_url`, when not empty, replaces the
// spec's `staging:` (a PostgreSQL schema of its own).
std::string RenderValidateCase(const std::filesystem::path& case_dir,
                               const std::string& staging_url);

}  // namespace crm::validate::testing
