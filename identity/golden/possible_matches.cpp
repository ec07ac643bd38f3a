#include "identity/golden/possible_matches.h"

#include <Poco/JSON/Object.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "core/db/cells.h"
#include "core/db/staging_schema.h"

namespace crm::identity {
namespace {

constexpr size_t kBatchRows = 2000;

std::string ScoreText(double score) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", score);
  return text;
}

struct StagedRecord {
  RecordKey record;
  std::vector<std::optional<std::string>> values;  // per shown field, masked
};

}  // namespace

std::vector<const spec::Field*> ReviewFields(const spec::Entity& entity) {
  std::set<std::string> named;
  if (entity.match) {
    for (const spec::Compare& c : entity.match->compare) named.insert(c.field);
    for (const spec::MatchRule& r : entity.match->when) {
      named.insert(r.same.begin(), r.same.end());
      named.insert(r.similar.begin(), r.similar.end());
      named.insert(r.different.begin(), r.different.end());
    }
  }
  std::vector<const spec::Field*> fields;
  for (const spec::Field& f : entity.fields) {
    if (f.name != entity.key && (named.empty() || named.count(f.name))) fields.push_back(&f);
  }
  return fields;
}

std::vector<PossiblePair> DescribePairs(db::Database& staging, const spec::Entity& entity,
                                        int64_t load_id, const std::vector<ScoredPair>& pairs,
                                        const std::vector<const spec::Field*>& fields,
                                        const MaskFn& mask) {
  std::vector<int64_t> rows;
  for (const ScoredPair& p : pairs) {
    rows.push_back(p.a);
    rows.push_back(p.b);
  }
  std::sort(rows.begin(), rows.end());
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  auto q = [&](std::string_view name) { return staging.Quote(name); };
  std::string select = "SELECT " + q(db::kColRow) + ", " + q(db::kColSource) + ", " + q(entity.key);
  for (const spec::Field* f : fields) select += ", " + q(f->name);
  // Row ids alone (unique across loads) let SQLite look them up instead of scanning the load.
  select += ", " + q(db::kColLoad) + " FROM " + q(db::StagedTableName(entity.name)) + " WHERE " +
            q(db::kColRow) + " IN (";
  std::map<int64_t, StagedRecord> records;
  staging.Guard("reading the possible matches of " + entity.name, [&] {
    for (size_t from = 0; from < rows.size(); from += kBatchRows) {
      // Row ids this process read from the database: safe to list in the statement.
      std::string list;
      for (size_t i = from; i < rows.size() && i < from + kBatchRows; ++i) {
        list += (i > from ? ", " : "") + std::to_string(rows[i]);
      }
      soci::rowset<soci::row> result = (staging.session().prepare << select + list + ")");
      for (const soci::row& r : result) {
        if (db::CellInteger(r, 3 + fields.size()).value_or(0) != load_id) continue;
        StagedRecord record;
        auto cell = [&](size_t i) -> std::optional<std::string> {
          if (r.get_indicator(i) == soci::i_null) return std::nullopt;
          return db::CellText(r, i);
        };
        record.record = {cell(1).value_or(""), cell(2).value_or("")};
        for (size_t i = 0; i < fields.size(); ++i) {
          std::optional<std::string> v = cell(3 + i);
          if (v && fields[i]->pii != spec::PiiMode::kNone) v = mask(*fields[i], *v);
          record.values.push_back(std::move(v));
        }
        records.emplace(db::CellInteger(r, 0).value_or(0), std::move(record));
      }
    }
  });
  std::vector<PossiblePair> out;
  for (const ScoredPair& p : pairs) {
    auto a = records.find(p.a), b = records.find(p.b);
    if (a == records.end() || b == records.end()) continue;  // not in this load: nothing to show
    PossiblePair pair{a->second.record, b->second.record, p.score, p.rule, p.similarity,
                      a->second.values, b->second.values};
    if (pair.b < pair.a) {
      std::swap(pair.a, pair.b);
      std::swap(pair.a_values, pair.b_values);
    }
    out.push_back(std::move(pair));
  }
  std::sort(out.begin(), out.end(), [](const PossiblePair& x, const PossiblePair& y) {
    if (x.score != y.score) return x.score > y.score;
    if (x.a != y.a) return x.a < y.a;
    return x.b < y.b;
  });
  return out;
}

void WritePossibleMatches(db::Database& staging, int64_t run_id, const spec::Entity& entity,
                          const std::vector<PossiblePair>& pairs,
                          const std::vector<const spec::Field*>& fields) {
  if (pairs.empty()) return;
  std::vector<long long> runs(pairs.size(), run_id);
  std::vector<std::string> entities(pairs.size(), entity.name), a_source, a_key, b_source, b_key,
      rule, details;
  std::vector<double> score;
  for (const PossiblePair& p : pairs) {
    a_source.push_back(p.a.source);
    a_key.push_back(p.a.key);
    b_source.push_back(p.b.source);
    b_key.push_back(p.b.key);
    score.push_back(p.score);
    rule.push_back(p.rule);
    Poco::JSON::Object doc(Poco::JSON_PRESERVE_KEY_ORDER);
    Poco::JSON::Object similarity(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& s : p.similarity) similarity.set(s.first, s.second);
    doc.set("similarity", similarity);
    for (const char* side : {"a", "b"}) {
      const auto& values = std::string(side) == "a" ? p.a_values : p.b_values;
      Poco::JSON::Object shown(Poco::JSON_PRESERVE_KEY_ORDER);
      for (size_t i = 0; i < fields.size(); ++i) {
        if (values[i]) {
          shown.set(fields[i]->name, *values[i]);
        } else {
          shown.set(fields[i]->name, Poco::Dynamic::Var());
        }
      }
      doc.set(side, shown);
    }
    std::ostringstream text;
    doc.stringify(text);
    details.push_back(text.str());
  }
  staging.Guard("writing the possible matches of " + entity.name, [&] {
    soci::transaction tx(staging.session());
    soci::statement st(staging.session());
    st.exchange(soci::use(runs));
    st.exchange(soci::use(entities));
    st.exchange(soci::use(a_source));
    st.exchange(soci::use(a_key));
    st.exchange(soci::use(b_source));
    st.exchange(soci::use(b_key));
    st.exchange(soci::use(score));
    st.exchange(soci::use(rule));
    st.exchange(soci::use(details));
    st.alloc();
    st.prepare(db::InsertSql(staging.traits(), "_possible_matches",
                             {"run_id", "entity", "a_source", "a_key", "b_source", "b_key",
                              "score", "rule", "details_json"}));
    st.define_and_bind();
    st.execute(true);
    tx.commit();
  });
}

std::vector<std::string> ReviewValueColumns(const std::vector<const spec::Field*>& fields) {
  std::vector<std::string> columns;
  for (const spec::Field* f : fields) {
    columns.push_back(f->name + "_a");
    columns.push_back(f->name + "_b");
  }
  return columns;
}

std::vector<ReviewLine> ReviewLines(const std::vector<PossiblePair>& pairs,
                                    const std::vector<const spec::Field*>& fields) {
  std::vector<ReviewLine> lines;
  for (const PossiblePair& p : pairs) {
    ReviewLine line;
    line.a = p.a;
    line.b = p.b;
    line.score = ScoreText(p.score);
    line.rule = p.rule;
    for (size_t i = 0; i < fields.size(); ++i) {
      if (p.a_values[i]) line.values[fields[i]->name + "_a"] = *p.a_values[i];
      if (p.b_values[i]) line.values[fields[i]->name + "_b"] = *p.b_values[i];
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace crm::identity
