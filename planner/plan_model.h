// The plan of a migration as data: what `crm-migrate plan` found, before it is rendered to
// plan.json (planner/report/plan_json.h) and to the command's text summary. Values from the data
// that may be personal (top values, samples, value map misses, failing examples) are stored
// already masked where the spec or the profile says the column holds PII.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "planner/scan/source_scan.h"

namespace crm::plan {

struct Finding {
  std::string level;  // "error" (blocking: exit 1), "warning" or "info"
  std::string code;   // stable machine name: unfilled_required, value_map_miss, ...
  std::string message;
};

struct UnmappedColumn {
  std::string source, column;
};
struct UnfilledField {
  std::string entity, field;
  bool required = false;
};
struct MayBeEmpty {
  std::string entity, field, source;
  double empty_share = 0;    // in-scope rows whose input is NULL or blank (every row)
  double nulled_share = -1;  // sampled non-blank inputs the chain leaves NULL; -1: not probed
  bool not_mapped = false;   // the source does not map the field at all
};
struct TypeConflict {
  std::string entity, field, source, column;
  std::string expected;      // the field's type
  std::string inferred;      // the column's inferred type
  double share_fitting = 0;  // of the sampled non-blank values, the share the chain accepts
  int64_t checked = 0;
  std::vector<std::string> examples;  // "value: reason", masked when PII
};
struct MissingReference {
  std::string entity, field, to;
};
struct ValueMapMiss {
  std::string entity, field, source, value;  // value masked when PII
  int64_t count = 0;
  bool blocking = false;  // unmapped/on_missing is not `keep`: the rows are rejected or nulled
};

struct Coverage {
  std::vector<UnmappedColumn> unmapped_columns;
  std::vector<UnfilledField> unfilled_fields;
  std::vector<MayBeEmpty> required_may_be_empty;
  std::vector<TypeConflict> type_conflicts;
  std::vector<MissingReference> missing_references;
  std::vector<ValueMapMiss> value_map_misses;
};

// Seconds each later phase is expected to take, and what the figures rest on.
struct Estimate {
  double stage_seconds = 0, validate_seconds = 0, cutover_seconds = 0;
  int64_t rows = 0;  // source rows in scope, summed over the mappings
  std::string basis;  // one sentence per measurement, "; "-separated
  // The per-row costs measured (seconds), kept for the lessons-learned comparison.
  double read_per_row = 0, land_per_row = 0, shape_per_row = 0, validate_per_row = 0,
         load_per_row = 0;
  int64_t probe_rows = 0;  // rows the database probes wrote
};

struct Plan {
  std::vector<SourceScan> sources;
  // column -> mask kind ("email", "phone", "other") of the PII columns, per source
  std::map<std::string, std::map<std::string, std::string>> pii_columns;
  Coverage coverage;
  Estimate estimate;
  std::vector<Finding> findings;
  bool blocking() const;
};

}  // namespace crm::plan
