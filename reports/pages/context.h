// What every page builder receives: the spec (title, owner, PII flags of fields, evidence cap),
// the journal to read, and the reader's choices. Builders only read the journal.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/db/journal.h"
#include "core/spec/spec.h"
#include "reports/pages/doc.h"

namespace crm::reports {

struct PageContext {
  const spec::Spec& spec;
  db::Journal& journal;
  bool show_pii = false;
  int64_t max_samples = 20;  // evidence rows per rule, reject reason or review list
  std::string generated_at;  // ISO-8601 UTC
};

// A page document with the members every page starts with: format ("crm-migrate/report-<page>"),
// version, page, page_file (the file name without extension), title, migration, owner, roles,
// generated_at, staging (masked URL) and pii ("masked" or "shown").
Object::Ptr NewPageDoc(const PageContext& ctx, const std::string& page,
                       const std::string& page_file);

// A run as JSON: id, command, subset (null for full), load_id, started_at, finished_at, outcome,
// exit_code, seconds, user, host, spec_sha256, counts (object) and options (object).
Object::Ptr RunJson(const db::RunRecord& run);

// The file stem of a run's own page: "plan-run3", "quality-run5", "cutover-run6"; empty for a
// command that has no page of its own.
std::string RunPageFile(const db::RunRecord& run);

}  // namespace crm::reports
