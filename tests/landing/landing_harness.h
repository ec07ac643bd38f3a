// Shared by the landing suites: runs LandSource the way the stage orchestrator does (a run, a
// load per landing, the _load_sources row written from the result) and renders what landed —
// the raw rows with their lineage, _source_columns and _rejects — as text to compare.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/db/database.h"
#include "core/db/journal.h"
#include "core/spec/spec.h"
#include "staging/landing/land.h"

namespace crm::staging::testing {

// Creates a load, lands `source` into it and records the result in _load_sources.
LandResult LandAsStage(const spec::Spec& spec, const std::string& source, db::Database& staging,
                       db::Journal& journal, int64_t run_id, bool force = false);

// "land <source> load=2 reused=yes raw_load=1 extracted=4 suppressed=0 rejected=1 landed=3"
std::string DescribeResult(const LandResult& result, int64_t load_id);

// Every row of raw_<source> (ordered by _crm_row; _crm_row and _crm_bucket left out, NULL shown as
// NULL), then _source_columns and _rejects of that source.
std::string RenderLanded(db::Database& staging, const std::string& source);

// A Progress that prints nothing.
Progress& Quiet();

}  // namespace crm::staging::testing
