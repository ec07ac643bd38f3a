#include "tests/identity/identity_render.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "core/common/text.h"
#include "core/db/staging_schema.h"
#include "identity/golden/review_file.h"
#include "tests/support/case_folders.h"
#include "tests/support/cell_text.h"

namespace crm::identity::testing {
namespace {

std::string Score(double score) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", score);
  return text;
}

// Every row of `sql` as `column=value ...`, sorted, the columns in `skip` left out.
std::string RenderRows(db::Database& staging, const std::string& sql,
                       const std::vector<std::string>& skip) {
  std::vector<std::string> lines;
  soci::rowset<soci::row> rows = (staging.session().prepare << sql);
  for (const soci::row& r : rows) {
    std::string line = "   ";
    for (size_t i = 0; i < r.size(); ++i) {
      const std::string name = r.get_properties(i).get_name();
      if (std::find(skip.begin(), skip.end(), name) != skip.end()) continue;
      line += " " + name + "=" + crm::testing::CellText(r, i);
    }
    lines.push_back(line);
  }
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

}  // namespace

std::string RenderEntityIdentity(const EntityIdentity& found) {
  std::string out = "  " + found.entity + (found.matched ? " matched" : " 1:1") +
                    ": staged=" + std::to_string(found.counts.staged) +
                    " golden=" + std::to_string(found.counts.golden) +
                    " merged=" + std::to_string(found.counts.merged);
  if (found.matched) {
    out += " possible=" + std::to_string(found.possible.size()) +
           " accepted=" + std::to_string(found.accepted) +
           " rejected=" + std::to_string(found.rejected) +
           " flagged=" + std::to_string(found.clusters_flagged);
  }
  out += "\n";
  for (const std::string& w : found.warnings) out += "    warning " + w + "\n";
  for (const MergedRecord& m : found.merged) {
    out += "    merged " + m.record.source + ":" + m.record.key + " line " +
           std::to_string(m.line) + " into " + m.gold_key + " (" + m.rule + ", " +
           Score(m.score) + ")\n";
  }
  for (const PossiblePair& p : found.possible) {
    out += "    possible " + p.a.source + ":" + p.a.key + " " + p.b.source + ":" + p.b.key +
           " " + Score(p.score) + " " + p.rule + "\n";
  }
  return out;
}

std::string RenderIdentityTables(const spec::Spec& spec, db::Database& staging, int64_t run_id) {
  std::string out;
  for (const spec::Entity& e : spec.entities) {
    if (!e.match) continue;
    for (const std::string& table : {db::GoldTableName(e.name), db::XrefTableName(e.name)}) {
      if (!staging.HasTable(table)) continue;
      out += "  " + table + "\n" +
             RenderRows(staging, "SELECT * FROM " + staging.Quote(table),
                        {"_crm_load", "_crm_run", "_crm_target_id"});
    }
  }
  out += "  _possible_matches\n" +
         RenderRows(staging,
                    "SELECT entity, a_source, a_key, b_source, b_key, score, rule, details_json "
                    "FROM _possible_matches WHERE run_id = " + std::to_string(run_id),
                    {});
  return out;
}

std::string RenderReviewFiles(const spec::Spec& spec) {
  std::string out;
  for (const spec::Entity& e : spec.entities) {
    if (!e.match || e.match->review.empty()) continue;
    const std::string path = ReviewPath(spec, e.match->review);
    out += "  " + e.match->review + "\n";
    if (!std::filesystem::exists(path)) {
      out += "    (none)\n";
      continue;
    }
    for (const std::string& line : Split(crm::testing::ReadFile(path), '\n')) {
      std::string text = line;
      if (!text.empty() && text.back() == '\r') text.pop_back();
      if (!text.empty()) out += "    " + text + "\n";
    }
  }
  return out;
}

std::string RenderValidateIdentity(const validate::ValidateResult& result) {
  std::string out;
  for (const validate::RuleResult& r : result.rules) {
    if (r.check != "identity" && r.check != "review") {
      out += "  rule " + r.name + " " + std::to_string(r.failed) + "/" +
             std::to_string(r.checked) + "\n";
      continue;
    }
    out += "  result " + r.name + " severity=" + r.severity + " checked=" +
           std::to_string(r.checked) + " failed=" + std::to_string(r.failed) +
           " passed=" + (r.passed ? "yes" : "no") + " blocking=" + (r.blocking ? "yes" : "no") +
           " trend=" + r.trend + "\n";
    for (const validate::Sample& s : r.samples) {
      out += "    sample " + s.source + ":" + s.key + " " + s.message + "\n";
    }
  }
  for (const EntityIdentity& found : result.identity) out += RenderEntityIdentity(found);
  return out;
}

}  // namespace crm::identity::testing
