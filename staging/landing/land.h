// Landing: one source, read losslessly into raw_<source> of the staging database, fast.
//
// Every source column lands as text in a column of its own (names made identifiers by
// RawColumnNames; the map goes to _source_columns), every row with its lineage (_crm_load,
// _crm_run, _crm_line, _crm_offset, _crm_hash). A JSON Lines source lands the JSON paths the spec
// uses plus the whole line in _crm_raw. Rows a reader rejects go to _rejects (phase "stage"); rows
// on a suppression list are counted and never stored. Reading and parsing run on a second thread,
// feeding the writer through a bounded queue of row batches, so memory stays bounded whatever the
// source's size.
//
// Idempotent: when _load_sources holds this source with the same fingerprint and its raw rows are
// still there, nothing is written and the earlier load's rows are reused (unless `force`). The
// caller (the stage orchestrator) writes _load_sources from the result and promotes or discards
// loads; LandSource never does.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/db/database.h"
#include "core/db/journal.h"
#include "core/spec/spec.h"

namespace crm::staging {

struct LandOptions {
  int64_t run_id = 0;   // _runs.id of the stage run: _crm_run and _rejects.run_id
  int64_t load_id = 0;  // _loads.id the new rows belong to: _crm_load and _rejects.load_id
  bool force = false;   // re-land a source even when it is unchanged
};

struct LandResult {
  std::string source;
  // Identifies what landed: the content (file: size and XXH64 of its bytes; sql: row count and a
  // hash over the rows streamed) and the settings that shape the landing (resolved reader
  // options, JSON paths, query, suppression lists), so an edited spec re-lands an unchanged file.
  std::string fingerprint;
  int64_t raw_load_id = 0;  // == load_id when landed now; the earlier load's id when reused
  bool reused = false;
  // extracted = suppressed + rejected + landed (on reuse: the earlier load's counts)
  int64_t extracted = 0, suppressed = 0, rejected = 0, landed = 0;
  // What was decided on the way, one sentence each ("delimiter ';' (detected ...)").
  std::vector<std::string> decisions;
};

// Lands `source` (one of spec.sources) into `staging`, which has the staging schema. Throws
// crm::Error(kSpec) for a spec that does not fit the source (a missing suppression list names
// `privacy.suppress[i].file`), crm::Error(kIo) when the source or the staging database cannot be
// read or written. A bad row is never an exception.
LandResult LandSource(const spec::Spec& spec, const spec::Source& source, db::Database& staging,
                      db::Journal& journal, const LandOptions& options, Progress& progress);

}  // namespace crm::staging
