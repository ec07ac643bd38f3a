// The generator's truth against the stage: a generated data set is staged with the spec the
// generator writes, and every defect the truth says must be rejected at stage is in _rejects
// (right source, line, a fitting kind and column), exactly as many per kind, and nothing else is
// rejected; defects nulled with a warning are staged with the field NULL; scope defects are
// counted out of scope; and the funnel balances.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/db/journal.h"
#include "core/db/staging_schema.h"
#include "core/spec/spec.h"
#include "samples/generator/generator.h"
#include "staging/stage.h"
#include "tests/stage/stage_render.h"

namespace fs = std::filesystem;

namespace crm::staging::testing {
namespace {

struct TruthDefect {
  std::string source, record, kind, field, phase, outcome;
  int64_t line = 0;
};

// A string or number member of one flat truth_defects.jsonl line. The generator writes the
// members this test reads (source, record, kind, field, phase, outcome, line) without escapes.
std::string Member(const std::string& json, const std::string& name) {
  const std::string key = "\"" + name + "\": ";
  const size_t at = json.find(key);
  if (at == std::string::npos) return "";
  size_t begin = at + key.size();
  if (json[begin] == '"') {
    ++begin;
    return json.substr(begin, json.find('"', begin) - begin);
  }
  return json.substr(begin, json.find_first_of(",}", begin) - begin);
}

std::vector<TruthDefect> ReadTruth(const fs::path& file) {
  std::vector<TruthDefect> defects;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    TruthDefect d{Member(line, "source"), Member(line, "record"), Member(line, "kind"),
                  Member(line, "field"),  Member(line, "phase"),  Member(line, "outcome")};
    // Records of SQL sources have no line in the truth (0: not a file).
    const std::string at = Member(line, "line");
    d.line = at.empty() ? 0 : std::stoll(at);
    defects.push_back(std::move(d));
  }
  return defects;
}

// The reject kind a truth kind must surface as.
std::string FittingRejectKind(const std::string& truth_kind) {
  static const std::map<std::string, std::string> kFitting = {
      {"field_count", "field_count"},      {"invalid_encoding", "encoding"},
      {"unterminated_quote", "unterminated_quote"}, {"unparseable_date", "transform"},
      {"broken_json", "json_syntax"}};
  auto it = kFitting.find(truth_kind);
  return it == kFitting.end() ? "(no reject kind for " + truth_kind + ")" : it->second;
}

// SQLite hands small integers out as int, larger ones as long long.
int64_t IntAt(const soci::row& row, size_t i) {
  if (row.get_properties(i).get_data_type() == soci::dt_integer) return row.get<int>(i);
  return row.get<long long>(i);
}

struct StoredReject {
  std::string source, kind, column;
};

TEST_CASE("stage rejects exactly the defects of the generator's truth", "[stage][truth]") {
  const fs::path dir =
      fs::temp_directory_path() / ("crm_stage_truth_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  generator::GenerateOptions generate;
  generate.out_dir = dir.string();
  generate.contacts = 2000;
  generate.seed = 11;
  generator::Generate(generate);

  const spec::Spec spec = spec::LoadSpec((dir / "migration.yaml").string());
  auto staging = db::OpenStaging(spec.staging_url, spec.base_dir);
  db::Journal journal(*staging);
  StageOptions options;
  options.run_id = journal.BeginRun({.command = "stage"});
  const StageResult result = RunStage(spec, *staging, journal, options, SilentProgress());
  INFO(RenderStageResult(result));
  CheckReconciliation(*staging, result, options.run_id);
  CHECK(result.promoted);

  // Every stored reject of the run, by source and line.
  std::map<std::pair<std::string, int64_t>, StoredReject> rejects;
  std::map<std::string, int64_t> stored_per_kind;
  staging->Guard("reading _rejects", [&] {
    soci::rowset<soci::row> rows =
        (staging->session().prepare << "SELECT source, line, kind, column_name FROM _rejects "
                                       "WHERE run_id = :r ORDER BY id",
         soci::use(static_cast<long long>(options.run_id)));
    for (const soci::row& row : rows) {
      StoredReject r{row.get<std::string>(0), row.get<std::string>(2),
                     row.get_indicator(3) == soci::i_null ? "" : row.get<std::string>(3)};
      const int64_t line = IntAt(row, 1);
      ++stored_per_kind[r.kind];
      const bool unique = rejects.emplace(std::make_pair(r.source, line), r).second;
      CHECK(unique);  // one reject per source line
    }
  });

  std::map<std::string, int64_t> expected_per_kind, out_of_scope;
  std::set<std::pair<std::string, int64_t>> expected_lines;
  const std::vector<TruthDefect> truth = ReadTruth(dir / "truth_defects.jsonl");
  for (const TruthDefect& d : truth) {
    INFO("truth: " << d.source << " record " << d.record << " line " << d.line << " " << d.kind
                   << " " << d.field);
    if (d.phase == "scope") ++out_of_scope[d.source];
    if (d.phase != "stage") continue;
    if (d.outcome == "null") {  // staged, with the field nulled
      CHECK(rejects.count({d.source, d.line}) == 0);
      continue;
    }
    REQUIRE(d.outcome == "reject");
    const std::string kind = FittingRejectKind(d.kind);
    ++expected_per_kind[kind];
    expected_lines.insert({d.source, d.line});
    auto it = rejects.find({d.source, d.line});
    CHECK(it != rejects.end());
    if (it == rejects.end()) continue;
    CHECK(it->second.kind == kind);
    // Where the truth names the field, the reject names the same column; field_count and broken
    // JSON are about the whole row.
    if (kind == "encoding" || kind == "transform") CHECK(it->second.column == d.field);
  }
  CHECK(stored_per_kind == expected_per_kind);
  for (const auto& [at, reject] : rejects) {
    INFO("rejected but not in the truth: " << at.first << " line " << at.second << " "
                                           << reject.kind << " [" << reject.column << "]");
    CHECK(expected_lines.count(at) == 1);
  }
  // The truth's scope defects are the rows counted out of scope, per source.
  std::map<std::string, int64_t> funnel_out_of_scope;
  for (const SourceFunnel& f : result.funnel) {
    if (f.out_of_scope > 0) funnel_out_of_scope[f.source] += f.out_of_scope;
  }
  CHECK(funnel_out_of_scope == out_of_scope);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace crm::staging::testing
