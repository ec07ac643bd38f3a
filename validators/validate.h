// The validate phase: the spec's quality rules over the current staged load, on everything or on
// one subset, with evidence, statistics, a comparison with the previous run, and the gate.
//
//   1. the staged load: the newest promoted load (the rows stg_* holds). A full validate needs a
//      full load; `--subset S` needs a full load or a load of S (kUsage otherwise);
//   2. the scope per entity: every staged row, or the members of the subset (the same
//      deterministic `_crm_bucket` stage computed, so the members are the same whether the whole
//      data or only the subset was staged);
//   3. every rule (or the one `only` names) runs once: set-based rules (unique, reference, stale,
//      conflict, consistent, sql) as SQL inside the staging database; per-record rules
//      (required, format, allowed, range, length) in one streamed pass per entity over the
//      staged rows;
//   4. per rule: records checked, failed, the rate (with a Wilson 95% interval on a subset, per
//      source when the subset is stratified), up to N failing samples with lineage (source, line,
//      key) and the value masked when the field is PII, and the comparison with the previous
//      validate of the same subset (better, worse, same, new, fixed) — whatever spec it ran
//      with, since the point of a re-run is a fixed mapping; the result says when it changed;
//   5. _results and _failures in the journal (one transaction), and quality.json (quality-<subset>
//      .json for a subset) in the spec's report.output folder — both with masked values whatever
//      show_pii says: they outlive the run; raw values reach only the caller's result;
//   6. identity resolution (identity/identity.h) on the same load unless `only` names rules:
//      gold_<entity> and xref_<entity> for every entity, and per entity with `match` two quality
//      results: `identity:<entity>` (info: the records merged into another's golden record) and
//      `review:<entity>` (warning: the possible matches left for a person, masked). They never
//      block; the reconciliation golden = staged - merged comes back per entity;
//   7. the gate: an `error` rule whose failures exceed its max_fail blocks (the CLI exits 1). On a
//      subset the gate asks for evidence about the full data: a count threshold the subset
//      already exceeds (the full data has at least as many failures), or a percentage threshold
//      below the exact 95% lower bound of the rate (evidence/stats.h). A subset rule over its
//      threshold without that evidence is reported, not blocking.
// The caller holds the writer lock and has journaled the run (run_id).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/db/database.h"
#include "core/db/journal.h"
#include "core/spec/spec.h"
#include "identity/identity.h"

namespace crm::validate {

struct ValidateOptions {
  int64_t run_id = 0;
  std::string subset;     // empty: every staged record
  std::string only;       // empty: every rule and identity; "rules": every rule; "identity":
                          // identity resolution alone; otherwise one rule's name
  bool show_pii = false;  // raw values of PII fields in samples of this run's output
  // "Now" for stale rules, as YYYY-MM-DD; empty: today (UTC). Tests pin it.
  std::string today;
  // Where quality.json goes; empty: the spec's report.output (relative to the spec's folder).
  std::string output_dir;
  bool write_quality_json = true;
  // Matching for entities with `match`; empty: identity::ResolveEntity. Tests pass hand-built
  // resolutions.
  identity::Resolver resolve;
};

struct Sample {
  std::string key, source;
  int64_t line = -1;                 // -1: unknown
  std::optional<std::string> value;  // masked for PII fields unless show_pii; nullopt: NULL
  std::string message;
};

struct SourceTally {
  std::string source;
  int64_t checked = 0, failed = 0;
};

// A Wilson score interval for a proportion, as fractions (0..1).
struct Interval {
  double low = 0, high = 0;
};

struct RuleResult {
  std::string name, check, entity, field, severity, threshold;
  int64_t checked = 0, failed = 0;
  int64_t not_checked = 0;  // records the rule could not decide (e.g. parents outside a subset)
  bool passed = true;       // failed within max_fail
  // Fails the gate: an error rule over max_fail — on a subset, only when the subset proves the
  // full data is over it (a count exceeded already, or a percentage below the exact lower bound).
  bool blocking = false;
  std::optional<double> exact_low;     // subset runs: the exact 95% lower bound of the rate
  std::optional<Interval> interval;    // subset runs only
  std::vector<SourceTally> by_source;  // in source order
  std::vector<Sample> samples;         // as shown: raw PII values with show_pii
  std::vector<Sample> masked_samples;  // always masked: for _failures and quality.json
  std::string trend;                   // new | same | better | worse | fixed (vs the previous run)
  std::optional<int64_t> previous_failed, previous_checked;
};

struct ValidateResult {
  int64_t load_id = 0;
  std::string subset;
  std::optional<int64_t> previous_run;     // the run compared with
  bool previous_spec_changed = false;      // it ran with another spec (a fix in between)
  std::vector<RuleResult> rules;           // in spec order, then identity's per entity
  std::vector<identity::EntityIdentity> identity;  // per entity in load order; empty when not run
  std::vector<std::string> removed_rules;  // in the previous run, not in this one
  std::string quality_json_path;           // empty when not written
  bool passed = true;                      // no blocking rule
};

// Throws crm::Error: kUsage for an unknown subset or rule name, or a staged load that does not
// fit the request; kSpec for a rule that does not fit the staged tables (a missing column, a
// custom query that fails or returns no key column); kIo for staging or file errors.
ValidateResult RunValidate(const spec::Spec& spec, db::Database& staging, db::Journal& journal,
                           const ValidateOptions& options, Progress& progress);

// The Wilson score interval at 95% (z = 1.96) of `failed` out of `checked`; {0, 0} when nothing
// was checked.
Interval WilsonInterval(int64_t failed, int64_t checked);

// The phase's result as the JSON document written to quality.json (masked: the file outlives
// the run) and printed as the CLI's details (as shown: raw values with --show-pii).
std::string RenderQualityJson(const spec::Spec& spec, const ValidateResult& result, int64_t run_id,
                              bool masked);

}  // namespace crm::validate
