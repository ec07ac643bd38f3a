#include "tests/identity/scripted_resolver.h"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>

#include "core/common/text.h"
#include "core/db/cells.h"
#include "core/db/staging_schema.h"

namespace crm::identity::testing {
namespace {

RecordKey ParseRecord(const std::string& word) {
  const size_t colon = word.find(':');
  if (colon == std::string::npos) throw std::runtime_error("resolution: expected SOURCE:KEY, got " + word);
  return {word.substr(0, colon), word.substr(colon + 1)};
}

std::string Name(const RecordKey& r) { return r.source + ":" + r.key; }

}  // namespace

ScriptedResolver::ScriptedResolver(const std::string& script) {
  for (const std::string& raw : Split(script, '\n')) {
    const std::string text(TrimView(raw));
    if (text.empty() || text[0] == '#') continue;
    std::vector<std::string> words = Split(text, ' ');
    Line line;
    line.kind = words[0];
    if (line.kind == "warning") {
      line.text = text.substr(8);
      lines_.push_back(line);
      continue;
    }
    for (size_t i = 1; i < words.size(); ++i) {
      if (StartsWith(words[i], "score=")) {
        line.score = std::stod(words[i].substr(6));
      } else if (StartsWith(words[i], "rule=")) {
        line.rule = text.substr(text.find("rule=") + 5);
        break;
      } else {
        line.records.push_back(ParseRecord(words[i]));
      }
    }
    if (line.kind != "cluster" && line.kind != "possible" && line.kind != "flag") {
      throw std::runtime_error("resolution: unknown line kind '" + line.kind + "'");
    }
    if (line.rule.empty()) line.rule = line.kind == "cluster" ? "scripted" : "scripted possible";
    lines_.push_back(line);
  }
}

Resolution ScriptedResolver::operator()(db::Database& staging, const spec::Entity& entity,
                                        int64_t load_id,
                                        const std::vector<ReviewDecision>& decisions,
                                        Progress&) {
  std::map<RecordKey, int64_t> rows;
  std::vector<RecordKey> order;
  staging.Guard("reading the staged records", [&] {
    soci::rowset<soci::row> result =
        (staging.session().prepare << "SELECT " + staging.Quote(db::kColRow) + ", " +
                                          staging.Quote(db::kColSource) + ", " +
                                          staging.Quote(entity.key) + " FROM " +
                                          staging.Quote(db::StagedTableName(entity.name)) +
                                          " WHERE " + staging.Quote(db::kColLoad) + " = " +
                                          std::to_string(load_id));
    for (const soci::row& r : result) {
      RecordKey key{db::CellText(r, 1), db::CellText(r, 2)};
      rows[key] = db::CellInteger(r, 0).value_or(0);
      order.push_back(key);
    }
  });
  std::map<std::pair<RecordKey, RecordKey>, bool> decided;
  for (const ReviewDecision& d : decisions) {
    seen_.push_back(std::string(d.accept ? "accept " : "reject ") + Name(d.a) + " " + Name(d.b));
    decided[{std::min(d.a, d.b), std::max(d.a, d.b)}] = d.accept;
  }
  auto decision = [&](const RecordKey& a, const RecordKey& b) -> std::optional<bool> {
    auto it = decided.find({std::min(a, b), std::max(a, b)});
    if (it == decided.end()) return std::nullopt;
    return it->second;
  };
  // Union-find over the records: scripted clusters and accepted pairs join them.
  std::map<RecordKey, RecordKey> parent;
  std::function<RecordKey(const RecordKey&)> find = [&](const RecordKey& r) {
    auto it = parent.find(r);
    if (it == parent.end() || it->second == r) return r;
    return it->second = find(it->second);
  };
  std::map<RecordKey, std::pair<double, std::string>> joined_by;
  std::set<RecordKey> flagged;
  Resolution out;
  auto join = [&](const RecordKey& a, const RecordKey& b, double score, const std::string& rule) {
    if (!rows.count(a) || !rows.count(b)) return;
    RecordKey ra = find(a), rb = find(b);
    if (ra == rb) return;
    parent[std::max(ra, rb)] = std::min(ra, rb);
    joined_by[std::max(a, b)] = {score, rule};
  };
  for (const Line& line : lines_) {
    if (line.kind == "warning") out.warnings.push_back(line.text);
    if (line.kind == "flag") flagged.insert(line.records.begin(), line.records.end());
    if (line.kind == "cluster") {
      for (size_t i = 1; i < line.records.size(); ++i) {
        // A rejected pair inside a scripted cluster keeps its second record apart.
        if (decision(line.records[0], line.records[i]) == false) continue;
        join(line.records[0], line.records[i], line.score, line.rule);
      }
    }
    if (line.kind == "possible" && line.records.size() == 2) {
      const RecordKey& a = line.records[0];
      const RecordKey& b = line.records[1];
      std::optional<bool> d = decision(a, b);
      if (d == true) join(a, b, 1, "review: accepted");
      if (!d && rows.count(a) && rows.count(b)) {
        ScoredPair pair;
        pair.a = std::min(rows[a], rows[b]);
        pair.b = std::max(rows[a], rows[b]);
        pair.score = line.score;
        pair.rule = line.rule;
        pair.verdict = Verdict::kPossible;
        out.possible.push_back(pair);
      }
    }
  }
  std::map<RecordKey, std::vector<RecordKey>> clusters;
  for (const RecordKey& r : order) clusters[find(r)].push_back(r);
  for (const auto& entry : clusters) {
    const RecordKey& root = entry.first;  // the smallest RecordKey of the cluster
    bool chain = false;
    // The representative was not joined to anyone: it carries the rule of its cluster's links.
    std::pair<double, std::string> cluster_rule{1, "singleton"};
    for (const RecordKey& r : entry.second) {
      chain = chain || flagged.count(r) > 0;
      auto how = joined_by.find(r);
      if (how != joined_by.end() && cluster_rule.second == "singleton") cluster_rule = how->second;
    }
    for (const RecordKey& r : entry.second) {
      Membership m;
      m.row = rows[r];
      m.record = r;
      m.cluster = rows[root];
      m.flagged = chain;
      auto how = joined_by.find(r);
      const std::pair<double, std::string>& rule =
          how != joined_by.end() ? how->second : cluster_rule;
      m.score = rule.first;
      m.rule = rule.second;
      out.members.push_back(m);
    }
  }
  out.counts = {{"records", static_cast<int64_t>(order.size())},
                {"clusters", static_cast<int64_t>(clusters.size())}};
  return out;
}

}  // namespace crm::identity::testing
