#include "tests/landing/landing_harness.h"


#include "core/db/staging_schema.h"
#include "staging/readers/record.h"
#include "tests/support/cell_text.h"

namespace crm::staging::testing {
namespace {

using crm::testing::CellText;

std::string RenderQuery(db::Database& staging, const std::string& title, const std::string& sql,
                        const std::vector<std::string>& skip) {
  std::string out = title + "\n";
  staging.Guard("rendering " + title, [&] {
    soci::rowset<soci::row> rows = staging.session().prepare << sql;
    for (const soci::row& row : rows) {
      std::string line;
      for (size_t i = 0; i < row.size(); ++i) {
        const std::string name = row.get_properties(i).get_name();
        if (std::find(skip.begin(), skip.end(), name) != skip.end()) continue;
        line += (line.empty() ? "  " : " ") + name + "=" + CellText(row, i);
      }
      out += line + "\n";
    }
  });
  return out;
}

class SilentProgress : public Progress {
 public:
  void Begin(std::string_view, int64_t) override {}
  void Advance(int64_t) override {}
  void End() override {}
  void Note(std::string_view) override {}
};

}  // namespace

Progress& Quiet() {
  static SilentProgress progress;
  return progress;
}

LandResult LandAsStage(const spec::Spec& spec, const std::string& source, db::Database& staging,
                       db::Journal& journal, int64_t run_id, bool force) {
  const int64_t load_id = journal.CreateLoad(run_id, "", "");
  LandOptions options{run_id, load_id, force};
  LandResult result =
      LandSource(spec, *spec.FindSource(source), staging, journal, options, Quiet());
  staging.Guard("recording the load", [&] {
    long long load = load_id, raw = result.raw_load_id, extracted = result.extracted,
              suppressed = result.suppressed, rejected = result.rejected, landed = result.landed;
    std::string name = source, fingerprint = result.fingerprint, decisions = "[]";
    staging.session() << db::InsertSql(
        staging.traits(), "_load_sources",
        {"load_id", "source", "fingerprint", "raw_load_id", "extracted", "suppressed", "rejected",
         "landed", "decisions_json"}),
        soci::use(load), soci::use(name), soci::use(fingerprint), soci::use(raw),
        soci::use(extracted), soci::use(suppressed), soci::use(rejected), soci::use(landed),
        soci::use(decisions);
  });
  return result;
}

std::string DescribeResult(const LandResult& result, int64_t load_id) {
  return "land " + result.source + " load=" + std::to_string(load_id) +
         " reused=" + (result.reused ? "yes" : "no") +
         " raw_load=" + std::to_string(result.raw_load_id) +
         " extracted=" + std::to_string(result.extracted) +
         " suppressed=" + std::to_string(result.suppressed) +
         " rejected=" + std::to_string(result.rejected) +
         " landed=" + std::to_string(result.landed) + "\n";
}

std::string RenderLanded(db::Database& staging, const std::string& source) {
  const std::string table = db::RawTableName(source);
  std::string out;
  if (staging.HasTable(table)) {
    out += RenderQuery(
        staging, "table " + table,
        "SELECT * FROM " + staging.Quote(table) + " ORDER BY " + staging.Quote(db::kColRow),
        {std::string(db::kColRow), std::string(db::kColBucket)});
  }
  out += RenderQuery(staging, "_source_columns",
                     "SELECT raw_load_id, position, source_name, raw_column FROM _source_columns "
                     "WHERE source = '" +
                         source + "' ORDER BY raw_load_id, position",
                     {});
  out += RenderQuery(staging, "_rejects",
                     "SELECT load_id, line, byte_offset, column_name, kind, raw_text, raw_hex, "
                     "message FROM _rejects WHERE source = '" +
                         source + "' ORDER BY id",
                     {});
  return out;
}

}  // namespace crm::staging::testing
