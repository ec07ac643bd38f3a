#include "planner/estimate/estimate.h"

#include <chrono>
#include <cstdio>

#include "core/common/error.h"

namespace crm::plan {
namespace {

using Clock = std::chrono::steady_clock;

// A name no spec table can have (spec names may not start with the lineage prefix).
constexpr const char* kProbeTable = "_crm_plan_probe";

double Since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string Seconds(double s) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2g", s);
  return buffer;
}

// The rows of the largest kept sample, column by column, ready for SOCI's bulk binding.
struct ProbeRows {
  std::vector<std::vector<std::string>> values;
  std::vector<std::vector<soci::indicator>> indicators;
  size_t rows = 0;
};

ProbeRows RowsOf(const SourceScan& scan) {
  ProbeRows out;
  const size_t width = scan.column_names.size();
  out.values.assign(width, {});
  out.indicators.assign(width, {});
  out.rows = scan.kept.size();
  for (size_t c = 0; c < width; ++c) {
    out.values[c].reserve(out.rows);
    out.indicators[c].reserve(out.rows);
    for (const auto& row : scan.kept) {
      const bool present = c < row.size() && row[c].has_value();
      out.values[c].push_back(present ? *row[c] : std::string());
      out.indicators[c].push_back(present ? soci::i_ok : soci::i_null);
    }
  }
  return out;
}

struct Timing {
  double insert = 0;  // seconds for every probe row
  double scan = 0;    // seconds for one aggregate scan over them
};

// Creates the temporary probe table, inserts `rows` in a transaction, runs one aggregate scan,
// rolls back and drops the table.
Timing Probe(db::Database& database, const ProbeRows& rows) {
  const size_t width = rows.values.size();
  std::vector<std::string> columns;
  std::string definition;
  for (size_t c = 0; c < width; ++c) {
    columns.push_back("c" + std::to_string(c));
    definition += (c ? ", " : "") + database.Quote(columns.back()) + " " +
                  std::string(db::SqlType(database.traits(), db::LogicalType::kText));
  }
  const std::string table = database.Quote(kProbeTable);
  Timing timing;
  database.Guard("measuring throughput on a temporary table", [&] {
    soci::session& session = database.session();
    session << "CREATE TEMPORARY TABLE " + table + " (" + definition + ")";
    {
      soci::transaction tx(session);
      const Clock::time_point start = Clock::now();
      soci::statement st(session);
      auto values = rows.values;  // soci binds non-const vectors
      auto indicators = rows.indicators;
      for (size_t c = 0; c < width; ++c) st.exchange(soci::use(values[c], indicators[c]));
      st.alloc();
      st.prepare(db::InsertSql(database.traits(), kProbeTable, columns));
      st.define_and_bind();
      st.execute(true);
      timing.insert = Since(start);
      const Clock::time_point scan_start = Clock::now();
      long long count = 0, distinct = 0;
      session << "SELECT count(*), count(DISTINCT " + database.Quote(columns[0]) + ") FROM " +
                     table,
          soci::into(count), soci::into(distinct);
      timing.scan = Since(scan_start);
      tx.rollback();
    }
    // A new session has no temporary table of its own yet, so the name is free; the drop names
    // only the temporary table (MySQL says so; elsewhere temporary tables shadow the schema's).
    const bool mysql = database.url().dialect == db::Dialect::kMysql;
    session << std::string(mysql ? "DROP TEMPORARY TABLE " : "DROP TABLE ") + table;
  });
  return timing;
}

}  // namespace

Estimate EstimateTimes(const spec::Spec& spec, db::Database& staging,
                       const std::vector<SourceScan>& scans, std::vector<Finding>* findings) {
  Estimate e;
  int64_t rows = 0, in_scope = 0, chain_rows = 0;
  double read_seconds = 0, chain_seconds = 0;
  const SourceScan* widest = nullptr;
  for (const SourceScan& scan : scans) {
    rows += scan.rows + scan.rejects;
    read_seconds += scan.read_seconds;
    chain_seconds += scan.chain_seconds;
    chain_rows += scan.chain_rows;
    for (const ScopeCount& s : scan.scope) in_scope += s.in;
    if (!scan.kept.empty() &&
        (widest == nullptr || scan.kept.size() * scan.column_names.size() >
                                  widest->kept.size() * widest->column_names.size())) {
      widest = &scan;
    }
  }
  e.rows = in_scope;
  e.read_per_row = rows > 0 ? read_seconds / rows : 0;
  e.shape_per_row = chain_rows > 0 ? chain_seconds / chain_rows : 0;
  std::vector<std::string> basis;
  basis.push_back("read " + Seconds(e.read_per_row) + " s/row over " + std::to_string(rows) +
                  " source rows");
  basis.push_back("shape " + Seconds(e.shape_per_row) + " s/row over " +
                  std::to_string(chain_rows) + " sampled rows");
  if (widest != nullptr) {
    const ProbeRows probe = RowsOf(*widest);
    e.probe_rows = static_cast<int64_t>(probe.rows);
    const double n = static_cast<double>(probe.rows);
    try {
      const Timing at_staging = Probe(staging, probe);
      e.land_per_row = at_staging.insert / n;
      e.validate_per_row = at_staging.scan / n * static_cast<double>(spec.rules.size() + 1);
      basis.push_back("land " + Seconds(e.land_per_row) + " s/row and one rule scan " +
                      Seconds(at_staging.scan / n) + " s/row (x" +
                      std::to_string(spec.rules.size() + 1) +
                      " for the rules and identity) over " + std::to_string(probe.rows) +
                      " rows of " + widest->name + " in " + staging.masked_url());
    } catch (const Error& error) {
      findings->push_back({"warning", "staging_not_measured",
                           std::string("the estimate has no staging measurement: ") +
                               error.what()});
      basis.push_back("land and validate not measured");
    }
    const db::DatabaseUrl target = db::ParseDatabaseUrl(spec.target_url, spec.base_dir);
    if (target.dialect == db::Dialect::kCsv) {
      basis.push_back("load not measured (csv target)");
    } else {
      try {
        auto database = db::Database::Connect(target, {.create = false});
        const Timing at_target = Probe(*database, probe);
        e.load_per_row = at_target.insert / n;
        basis.push_back("load " + Seconds(e.load_per_row) + " s/row in " + target.masked);
      } catch (const Error& error) {
        findings->push_back({"warning", "target_not_measured",
                             std::string("the cutover estimate has no load measurement: ") +
                                 error.what()});
        basis.push_back("load not measured (target unreachable)");
      }
    }
  } else {
    basis.push_back("no rows to measure the databases with");
  }
  e.stage_seconds = static_cast<double>(rows) * (e.read_per_row + e.land_per_row) +
                    static_cast<double>(in_scope) * e.shape_per_row;
  e.validate_seconds = static_cast<double>(in_scope) * e.validate_per_row;
  e.cutover_seconds = static_cast<double>(in_scope) * e.load_per_row;
  for (const std::string& b : basis) e.basis += (e.basis.empty() ? "" : "; ") + b;
  return e;
}

}  // namespace crm::plan
