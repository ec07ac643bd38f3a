#include "planner/plan.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/common/error.h"
#include "planner/coverage/coverage.h"
#include "planner/coverage/mapping_columns.h"
#include "planner/coverage/pii_columns.h"
#include "planner/estimate/estimate.h"
#include "planner/report/plan_json.h"

namespace crm::plan {
namespace {

namespace fs = std::filesystem;

void ThrowIfAny(std::vector<spec::Diagnostic> diagnostics) {
  if (diagnostics.empty()) return;
  spec::SortDiagnostics(&diagnostics);
  throw Error(ErrorCategory::kSpec, spec::JoinDiagnostics(diagnostics));
}

// The JSON paths of a JSON Lines source that hold a value in at least one line.
std::vector<std::string> PathsPresent(const SourceScan& scan) {
  std::vector<std::string> present;
  for (const ColumnProfile& c : scan.columns) {
    if (c.nulls < c.rows) present.push_back(c.name);
  }
  return present;
}

void AddScanFindings(const SourceScan& scan, bool sampled_anything, std::vector<Finding>* out) {
  if (scan.rejects > 0) {
    out->push_back({"warning", "reader_rejects",
                    scan.name + ": " + std::to_string(scan.rejects) +
                        " record(s) the reader refuses (field count, encoding, JSON); the stage "
                        "rejects them"});
  }
  if (sampled_anything) {
    out->push_back({"info", "sampled",
                    scan.name + ": type inference and transform checks ran on a sample of the "
                                "rows (--sample-rows); counts, distinct values, top values and "
                                "value map misses cover every row"});
  }
}

void StorePlan(db::Database& staging, int64_t run_id, const std::string& json) {
  staging.Guard("storing the plan in _plans", [&] {
    long long id = run_id;
    std::string text = json;
    soci::transaction tx(staging.session());
    staging.session() << "DELETE FROM " + staging.Quote("_plans") + " WHERE " +
                             staging.Quote("run_id") + " = :r",
        soci::use(id);
    staging.session() << db::InsertSql(staging.traits(), "_plans", {"run_id", "plan_json"}),
        soci::use(id), soci::use(text);
    tx.commit();
  });
}

std::string WritePlanFile(const spec::Spec& spec, const PlanOptions& options,
                          const std::string& json) {
  const fs::path dir = options.output_dir.empty() ? fs::path(spec.base_dir) / spec.report.output
                                                  : fs::path(options.output_dir);
  const fs::path file = dir / "plan.json";
  std::error_code ec;
  fs::create_directories(dir, ec);
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << json;
  out.close();
  if (ec || !out) {
    throw Error(ErrorCategory::kIo,
                "cannot write " + file.string() + (ec ? ": " + ec.message() : std::string()));
  }
  return file.string();
}

}  // namespace

bool Plan::blocking() const {
  return std::any_of(findings.begin(), findings.end(),
                     [](const Finding& f) { return f.level == "error"; });
}

PlanResult RunPlan(const spec::Spec& spec, db::Database& staging, const PlanOptions& options,
                   Progress& progress) {
  if (options.sample_rows < 1) {
    throw Error(ErrorCategory::kUsage, "plan: --sample-rows must be at least 1");
  }
  // 1. Open every source and check every column the spec names before reading any data.
  std::vector<PlanSource> opened;
  std::vector<spec::Diagnostic> diagnostics;
  for (const spec::Source& source : spec.sources) {
    opened.push_back(OpenPlanSource(spec, source));
    if (source.type == spec::SourceType::kJsonl) continue;  // paths are checked in the data
    const std::vector<ColumnUse> uses = ColumnUses(spec, source, &diagnostics);
    for (spec::Diagnostic& d : CheckColumnUses(spec, uses, opened.back().rows->columns())) {
      diagnostics.push_back(std::move(d));
    }
  }
  ThrowIfAny(diagnostics);

  // 2. One pass per source.
  PlanResult result;
  Plan& plan = result.plan;
  ScanOptions scan_options;
  scan_options.sample_rows = options.sample_rows;
  for (size_t i = 0; i < spec.sources.size(); ++i) {
    const spec::Source& source = spec.sources[i];
    plan.sources.push_back(ScanSource(spec, source, std::move(opened[i]), scan_options, progress));
    opened[i].rows.reset();  // closes files and SQL connections as soon as they are read
    if (source.type == spec::SourceType::kJsonl) {
      const std::vector<ColumnUse> uses = ColumnUses(spec, source, &diagnostics);
      for (spec::Diagnostic& d : CheckColumnUses(spec, uses, PathsPresent(plan.sources.back()),
                                                 "no line of the source has")) {
        diagnostics.push_back(std::move(d));
      }
    }
  }
  ThrowIfAny(diagnostics);

  // 3. What the data means for the mapping, the schedule and the people.
  for (const SourceScan& scan : plan.sources) {
    plan.pii_columns[scan.name] = PiiColumns(spec, scan);
    const bool sampled = std::any_of(scan.columns.begin(), scan.columns.end(),
                                     [](const ColumnProfile& c) { return c.inferred_sampled; }) ||
                         std::any_of(scan.fields.begin(), scan.fields.end(),
                                     [](const FieldProbeResult& f) { return f.sampled; });
    AddScanFindings(scan, sampled, &plan.findings);
  }
  plan.coverage = AnalyzeCoverage(spec, plan.sources, plan.pii_columns, &plan.findings);
  plan.estimate = EstimateTimes(spec, staging, plan.sources, &plan.findings);
  // Errors first, then warnings, then notes; stable within a level.
  auto rank = [](const Finding& f) { return f.level == "error" ? 0 : f.level == "warning" ? 1 : 2; };
  std::stable_sort(plan.findings.begin(), plan.findings.end(),
                   [&](const Finding& a, const Finding& b) { return rank(a) < rank(b); });

  // 4. Keep it.
  result.blocking = plan.blocking();
  result.plan_json = RenderPlanJson(spec, plan, 0);
  StorePlan(staging, options.run_id, result.plan_json);
  result.json_path = WritePlanFile(spec, options, RenderPlanJson(spec, plan, 2));
  return result;
}

}  // namespace crm::plan
