#include "planner/scan/source_scan.h"

#include <algorithm>
#include <chrono>

#include "core/common/error.h"
#include "staging/shaping/where.h"

namespace crm::plan {
namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// Progress is reported every this many rows.
constexpr int64_t kProgressRows = 50000;

// One mapping from the source: its filter (with the record fields it reads) and its probes.
struct MappingScan {
  std::optional<staging::WhereFilter> where;
  std::vector<int> where_fields;  // -1: a column the source does not have (NULL)
  std::vector<FieldProbe> probes;
  ScopeCount count;
};

}  // namespace

SourceScan ScanSource(const spec::Spec& spec, const spec::Source& source, PlanSource opened,
                      const ScanOptions& options, Progress& progress) {
  SourceScan scan;
  scan.name = source.name;
  scan.kind = std::string(spec::Name(source.type));
  scan.decisions = opened.decisions;
  scan.sniffed_keys = opened.sniffed_keys;
  staging::RowSource& rows = *opened.rows;
  const std::vector<std::string>& columns = rows.columns();
  scan.column_names = columns;

  ProfileLimits limits = options.limits;
  limits.kind_rows = options.sample_rows;
  std::vector<ColumnProfiler> profilers;
  profilers.reserve(columns.size());
  for (const std::string& c : columns) profilers.emplace_back(c, source.default_region, limits);

  std::vector<MappingScan> mappings;
  for (const spec::Entity& entity : spec.entities) {
    for (size_t i = 0; i < entity.from.size(); ++i) {
      const spec::SourceMapping& sm = entity.from[i];
      if (sm.source != source.name) continue;
      MappingScan m;
      m.count = {source.name, entity.name, i, 0, 0};
      if (!sm.where.empty()) {
        staging::WhereFilter filter;
        std::string error;
        if (!staging::WhereFilter::TryParse(sm.where, &filter, &error)) {
          throw Error(ErrorCategory::kSpec, spec.path + ":" + std::to_string(sm.location.line) +
                                                ": entities." + entity.name + ".from[" +
                                                std::to_string(i) + "].where: " + error);
        }
        for (const std::string& c : filter.columns()) {
          auto it = std::find(columns.begin(), columns.end(), c);
          m.where_fields.push_back(it == columns.end() ? -1
                                                       : static_cast<int>(it - columns.begin()));
        }
        m.where = std::move(filter);
      }
      for (const spec::FieldMapping& fm : sm.map) {
        m.probes.emplace_back(spec, entity, i, fm, columns, options.sample_rows);
      }
      mappings.push_back(std::move(m));
    }
  }

  progress.Begin("profile " + source.name, -1);
  readers::Record record;
  std::vector<std::optional<std::string_view>> where_values;
  const Clock::time_point start = Clock::now();
  Clock::duration reading{}, chains{};
  int64_t since_progress = 0;
  for (;;) {
    const Clock::time_point before = Clock::now();
    const bool more = rows.Next(&record);
    reading += Clock::now() - before;
    if (!more) break;
    if (record.is_reject) {
      ++scan.rejects;
      continue;
    }
    ++scan.rows;
    const size_t n = std::min(record.fields.size(), profilers.size());
    for (size_t i = 0; i < n; ++i) profilers[i].Add(record.fields[i].value, record.fields[i].is_null);
    for (size_t i = n; i < profilers.size(); ++i) profilers[i].Add({}, true);
    if (record.fields.size() < columns.size()) record.fields.resize(columns.size(), {{}, true});

    if (static_cast<int64_t>(scan.kept.size()) < options.kept_rows) {
      std::vector<std::optional<std::string>>& kept = scan.kept.emplace_back();
      for (const readers::Field& f : record.fields) {
        kept.push_back(f.is_null ? std::nullopt : std::optional<std::string>(f.value));
      }
    }

    const bool sampled_row = scan.rows <= options.sample_rows;
    const Clock::time_point chain_start = sampled_row ? Clock::now() : Clock::time_point{};
    for (MappingScan& m : mappings) {
      if (m.where) {
        where_values.clear();
        for (int f : m.where_fields) {
          const readers::Field* field = f < 0 ? nullptr : &record.fields[static_cast<size_t>(f)];
          where_values.push_back(field == nullptr || field->is_null
                                     ? std::nullopt
                                     : std::optional<std::string_view>(field->value));
        }
        if (!m.where->Matches(where_values)) {
          ++m.count.out;
          continue;
        }
      }
      ++m.count.in;
      for (FieldProbe& probe : m.probes) probe.Row(record);
    }
    if (sampled_row) {
      chains += Clock::now() - chain_start;
      ++scan.chain_rows;
    }
    if (++since_progress == kProgressRows) {
      progress.Advance(since_progress);
      since_progress = 0;
    }
  }
  progress.Advance(since_progress);
  progress.End();
  scan.seconds = Seconds(Clock::now() - start);
  scan.read_seconds = Seconds(reading);
  scan.chain_seconds = Seconds(chains);

  for (const ColumnProfiler& p : profilers) scan.columns.push_back(p.Finish());
  for (const MappingScan& m : mappings) {
    scan.scope.push_back(m.count);
    for (const FieldProbe& probe : m.probes) scan.fields.push_back(probe.Finish());
  }
  return scan;
}

}  // namespace crm::plan
