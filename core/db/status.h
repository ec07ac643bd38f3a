// `crm-migrate status`: the journal as text for humans and as JSON for machines. Reading only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/db/journal.h"

namespace crm::db {

struct StatusView {
  std::string staging;  // the masked staging URL
  int schema_version = 0;
  std::optional<LoadRecord> current_load;
  std::vector<RunRecord> runs;  // newest first
  std::vector<NoteRecord> notes;
};

// Reads the status from the journal; `limit` runs (0: all).
StatusView ReadStatus(Journal& journal, int limit = 0);

// A header, the current load, an aligned table of runs (id, command, started, finished, outcome,
// exit, load, scope, spec sha256 prefix, counts) and the notes.
std::string RenderStatusText(const StatusView& status);

// {"staging": ..., "schema_version": 1, "current_load": {...}|null, "runs": [...], "notes": [...]}
// on one line, with each run's options and counts embedded as JSON objects.
std::string RenderStatusJson(const StatusView& status);

}  // namespace crm::db
