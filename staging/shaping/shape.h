// Shaping: raw_<source> rows of one load → typed, canonical stg_<entity> rows through the spec's
// mapping (DESIGN.md, data flow). For every source mapping of an entity it
//   - reads the raw rows the landing recorded for this load (_load_sources.raw_load_id), streamed
//     in batches in line order; source columns are found through _source_columns;
//   - applies the scope filter (`where`, see where.h), the field mappings (from, value, template,
//     concat) and their transform chains (transform_chain.h), the field type's normaliser,
//     tokens for `pii: tokenize` fields, and keeps phone facts in _crm_<field>__valid/type/
//     region/ext columns;
//   - rejects rows whose transform fails (on_error: reject), whose key is empty (missing_key) or
//     repeats a key already staged from the same source in this load (duplicate_key) into
//     _rejects, phase "stage";
//   - computes _crm_bucket (bucket.h) for every staged row and, with a subset, stages only rows
//     whose bucket is below the subset's fraction;
//   - writes one _reconciliation row per source with the funnel.
// Re-running it for the same load replaces that load's stg rows of each source.
//
// Before the call: the staging schema exists, the load's _load_sources rows and the raw rows are
// written. The caller holds the writer lock and checks the funnel (SourceFunnel::Balanced).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/db/database.h"
#include "core/db/journal.h"
#include "core/spec/spec.h"

namespace crm::staging {

struct ShapeOptions {
  int64_t run_id = 0;   // _runs.id written into _crm_run, _rejects and _reconciliation
  int64_t load_id = 0;  // the load being staged (_crm_load)
  // Stage only this subset's members; nullptr: every row. Without a subset, _crm_bucket uses the
  // first subset of the spec that covers the entity (seed 0, unstratified when none does), so a
  // later subset of a full load selects the rows a subset run would stage.
  const spec::Subset* subset = nullptr;
  int threads = 2;           // mapping workers; 0 maps in the calling thread
  size_t batch_rows = 2048;  // raw rows per batch handed to a worker
  // Environment for privacy.token_key_env; empty: the process environment.
  spec::EnvLookup env;
};

struct SourceFunnel {
  std::string source, entity;
  int64_t extracted = 0, out_of_scope = 0, suppressed = 0, rejected = 0, not_in_subset = 0,
          staged = 0;
  // extracted = out_of_scope + suppressed + rejected + not_in_subset + staged
  bool Balanced() const {
    return extracted == out_of_scope + suppressed + rejected + not_in_subset + staged;
  }
};

struct ShapeResult {
  std::string entity;
  std::vector<SourceFunnel> funnel;  // one per source mapping, in spec order
  // One line per field and source whose values were nulled by on_error: null (with a count and
  // the first message), never one per row.
  std::vector<std::string> warnings;
  // One line per field and source whose date formats read both day-first and month-first: the
  // order its first values prove and the formats kept (date_orders.h). Also sent to
  // Progress::Note.
  std::vector<std::string> decisions;
};

// Throws crm::Error(kSpec) for a mapping that does not fit the source (unknown column, bad
// filter, bad transform parameters, missing token key variable), kInternal when the load has no
// _load_sources row for a source, kIo on database errors.
ShapeResult ShapeEntity(const spec::Spec& spec, const spec::Entity& entity, db::Database& staging,
                        db::Journal& journal, const ShapeOptions& options, Progress& progress);

}  // namespace crm::staging
