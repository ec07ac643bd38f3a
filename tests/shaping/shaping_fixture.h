// Test helpers for the shaping suite: a staging database with raw rows described as text, and
// renderings of what shaping left behind (stg rows, rejects, funnel) as text.
//
// raw.txt, one block per source:
//   [legacy] extracted=5 suppressed=1 rejected=1     (counts default to the rows given, 0, 0)
//   ID|Status|E-Mail Address                          (source column names as the source spells)
//   1|active|a@example.com                            (`\N` is NULL; an empty field is "")
// Row n of a block gets line n+1 (the header is line 1) and byte offset 100*(n+1).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/db/database.h"
#include "core/db/journal.h"
#include "core/spec/spec.h"
#include "staging/shaping/shape.h"

namespace crm::testing {

struct ShapingDb {
  std::unique_ptr<db::Database> db;
  std::unique_ptr<db::Journal> journal;
  int64_t run_id = 0;
};

// A fresh SQLite staging database in a temporary file named after `name`.
ShapingDb OpenShapingDb(const std::string& name);

// Creates a load (and a run for it) and lands `raw_text` for it; returns the load id.
int64_t LandRawText(ShapingDb& s, const std::string& raw_text, const std::string& subset = "");

// stg rows of every entity with sources, one line each, lineage other than source and line left
// out; `with_bucket` adds _crm_bucket.
std::string RenderStaged(ShapingDb& s, const spec::Spec& spec, int64_t load_id,
                         bool with_bucket = false);
std::string RenderRejects(ShapingDb& s);
std::string RenderResult(const staging::ShapeResult& result);

}  // namespace crm::testing
