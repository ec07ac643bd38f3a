// The reports module's contract (phase 5 and every phase's page): HTML and JSON pages rendered
// from the journal in the staging database alone, so any page can be re-rendered at any time.
//
//   index.html                 every run, newest first, with links to the pages below
//   plan-run<ID>.html          a plan run: profiles, coverage, scope, estimate (_plans)
//   quality-run<ID>.html       a validate run: rules, samples, duplicates, possible matches
//   cutover-run<ID>.html       a cutover run: per entity, batches, reconciliation, refused rows
//   lessons-learned.html       the close-out across every run
// Each page has a <name>.json beside it with the same content. Pages are self-contained (inline
// CSS and SVG, a Content-Security-Policy that forbids fetching, no script), every data value is
// escaped, personal data is masked unless show_pii, connection secrets are always masked, and
// evidence is capped at spec.report.max_samples per rule or reason.
//
// Rendering only reads the journal: it needs no writer lock and may run beside a phase.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/db/journal.h"
#include "core/spec/spec.h"

namespace crm::reports {

struct ReportOptions {
  // Where the pages go; empty: spec.report.output, relative to the spec's folder.
  std::string output_dir;
  bool show_pii = false;  // raw values of rejected rows (journaled samples stay masked)
  // The "rendered at" stamp, ISO-8601 UTC; empty: now. Tests pin it.
  std::string generated_at;
};

struct WrittenPage {
  std::string page;  // "index", "plan", "quality", "cutover", "lessons"
  std::optional<int64_t> run_id;
  std::string html_path, json_path;
  int64_t html_bytes = 0, json_bytes = 0;
};

struct ReportResult {
  std::string output_dir;
  std::string index_path;
  std::vector<WrittenPage> pages;  // index first, then the lessons, then one per run (oldest first)
};

// Renders every page: the index, the lessons-learned close-out and the page of every plan,
// validate and cutover run. Each file is written whole (a temporary file renamed), so a browser
// never shows half a page. Throws crm::Error: kIo when the journal cannot be read or a file
// cannot be written.
ReportResult RenderReports(const spec::Spec& spec, db::Journal& journal,
                           const ReportOptions& options);

// What a phase renders when it ends: the page of run `run_id` (when its command has one) and the
// index. Throws like RenderReports.
ReportResult RenderRunReport(const spec::Spec& spec, db::Journal& journal, int64_t run_id,
                             const ReportOptions& options);

}  // namespace crm::reports
