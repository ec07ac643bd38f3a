#include "tests/stage/stage_render.h"

#include <catch2/catch.hpp>

#include <algorithm>

#include "core/db/staging_schema.h"
#include "staging/readers/record.h"
#include "tests/support/cell_text.h"

namespace crm::staging::testing {
namespace {

using crm::testing::CellText;

// Each row of `sql` as "  name=value ..."; columns in `skip` are left out, and so are NULL
// lineage columns (phone facts exist for phone fields only and are NULL for a NULL phone).
std::string RenderQuery(db::Database& staging, const std::string& sql,
                        const std::vector<std::string>& skip,
                        const std::vector<std::pair<std::string, std::string>>& renames = {}) {
  std::string out;
  staging.Guard("rendering " + sql, [&] {
    soci::rowset<soci::row> rows = staging.session().prepare << sql;
    for (const soci::row& row : rows) {
      std::string line = " ";
      for (size_t i = 0; i < row.size(); ++i) {
        std::string name = row.get_properties(i).get_name();
        if (std::find(skip.begin(), skip.end(), name) != skip.end()) continue;
        const bool null = row.get_indicator(i) == soci::i_null;
        if (null && name.starts_with(db::kLineagePrefix)) continue;
        for (const auto& [from, to] : renames) {
          if (name == from) name = to;
        }
        line += " " + name + "=" + CellText(row, i);
      }
      out += line + "\n";
    }
  });
  return out;
}

long long CountOf(db::Database& staging, const std::string& sql) {
  long long n = 0;
  staging.Guard("counting", [&] { staging.session() << sql, soci::into(n); });
  return n;
}

std::string Quoted(const std::string& text) {  // a SQL string literal of a name from the spec
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

class Silent : public Progress {
 public:
  void Begin(std::string_view, int64_t) override {}
  void Advance(int64_t) override {}
  void End() override {}
  void Note(std::string_view) override {}
};

}  // namespace

Progress& SilentProgress() {
  static Silent progress;
  return progress;
}

std::string RenderStageResult(const StageResult& r) {
  std::string out = "  load=" + std::to_string(r.load_id) +
                    " promoted=" + (r.promoted ? "yes" : "no") + "\n";
  for (const LandResult& s : r.sources) {
    out += "  land " + s.source + " reused=" + (s.reused ? "yes" : "no") +
           " raw_load=" + std::to_string(s.raw_load_id) +
           " extracted=" + std::to_string(s.extracted) +
           " suppressed=" + std::to_string(s.suppressed) +
           " rejected=" + std::to_string(s.rejected) + " landed=" + std::to_string(s.landed) +
           "\n";
  }
  for (const SourceFunnel& f : r.funnel) {
    out += "  funnel " + f.source + "/" + f.entity + " extracted=" + std::to_string(f.extracted) +
           " out_of_scope=" + std::to_string(f.out_of_scope) +
           " suppressed=" + std::to_string(f.suppressed) +
           " rejected=" + std::to_string(f.rejected) +
           " not_in_subset=" + std::to_string(f.not_in_subset) +
           " staged=" + std::to_string(f.staged) + "\n";
  }
  for (const std::string& g : r.gate_failures) out += "  gate " + g + "\n";
  for (const std::string& w : r.warnings) out += "  warning " + w + "\n";
  return out;
}

std::string RenderStagingState(db::Database& staging, const spec::Spec& spec) {
  std::string out = "_loads\n";
  out += RenderQuery(staging,
                     "SELECT id, run_id, subset, promoted FROM _loads ORDER BY id", {});
  for (const spec::Entity& e : spec.entities) {
    const std::string table = db::StagedTableName(e.name);
    if (!staging.HasTable(table)) continue;
    out += table + "\n";
    out += RenderQuery(staging,
                       "SELECT * FROM " + staging.Quote(table) + " ORDER BY " +
                           staging.Quote(db::kColLoad) + ", " + staging.Quote(db::kColSource) +
                           ", " + staging.Quote(db::kColLine),
                       {std::string(db::kColRow), std::string(db::kColRun),
                        std::string(db::kColHash), std::string(db::kColOffset),
                        std::string(db::kColBucket)},
                       {{std::string(db::kColSource), "src"},
                        {std::string(db::kColLine), "line"},
                        {std::string(db::kColLoad), "load"}});
  }
  out += "_rejects\n";
  out += RenderQuery(staging,
                     "SELECT run_id AS run, load_id AS load, source, entity, line, byte_offset, "
                     "column_name, kind, raw_text, raw_hex, message FROM _rejects ORDER BY id",
                     {});
  return out;
}

void CheckReconciliation(db::Database& staging, const StageResult& result, int64_t run_id) {
  const std::string run = std::to_string(run_id);
  size_t stored = 0;
  for (const SourceFunnel& f : result.funnel) {
    INFO("funnel " << f.source << "/" << f.entity << " of run " << run);
    CHECK(f.Balanced());
    // The stored funnel: the same numbers, balanced.
    const std::string where = " FROM _reconciliation WHERE run_id = " + run +
                              " AND source = " + Quoted(f.source) +
                              " AND entity = " + Quoted(f.entity);
    const long long rows = CountOf(staging, "SELECT COUNT(*)" + where);
    CHECK(rows == 1);
    if (rows != 1) continue;
    ++stored;
    CHECK(CountOf(staging, "SELECT extracted" + where) == f.extracted);
    CHECK(CountOf(staging, "SELECT out_of_scope" + where) == f.out_of_scope);
    CHECK(CountOf(staging, "SELECT suppressed" + where) == f.suppressed);
    CHECK(CountOf(staging, "SELECT rejected" + where) == f.rejected);
    CHECK(CountOf(staging, "SELECT not_in_subset" + where) == f.not_in_subset);
    CHECK(CountOf(staging, "SELECT staged" + where) == f.staged);
    // Every rejected row is a _rejects row: the reader's (no entity) of the raw load the source
    // used, and the shaping's of this entity and run.
    auto landing = std::find_if(result.sources.begin(), result.sources.end(),
                                [&](const LandResult& l) { return l.source == f.source; });
    REQUIRE(landing != result.sources.end());
    const long long reader_rejects = CountOf(
        staging, "SELECT COUNT(*) FROM _rejects WHERE entity IS NULL AND source = " +
                     Quoted(f.source) + " AND load_id = " + std::to_string(landing->raw_load_id));
    const long long shaping_rejects =
        CountOf(staging, "SELECT COUNT(*) FROM _rejects WHERE run_id = " + run +
                             " AND source = " + Quoted(f.source) +
                             " AND entity = " + Quoted(f.entity));
    CHECK(reader_rejects == landing->rejected);
    CHECK(reader_rejects + shaping_rejects == f.rejected);
  }
  CHECK(CountOf(staging, "SELECT COUNT(*) FROM _reconciliation WHERE run_id = " + run) ==
        static_cast<long long>(stored));
}

}  // namespace crm::staging::testing
