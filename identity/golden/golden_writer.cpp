#include "identity/golden/golden_writer.h"

#include <algorithm>
#include <map>

#include "core/common/error.h"
#include "core/db/cells.h"
#include "core/db/staging_schema.h"
#include "identity/golden/clusters.h"
#include "identity/golden/golden_tables.h"
#include "identity/golden/json_text.h"
#include "identity/golden/singletons.h"
#include "identity/golden/survivorship.h"

namespace crm::identity {
namespace {

// Staged rows read back per statement: large enough that the per-statement cost vanishes, small
// enough that the IN list and the batch in memory stay small.
constexpr size_t kBatchRows = 5000;

struct StagedRow {
  std::string source;
  std::optional<int64_t> line;
  std::vector<std::optional<std::string>> values;  // per field of Entity::fields
};

std::optional<std::string> Cell(const soci::row& r, size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::nullopt;
  return db::CellText(r, i);
}

// A column of a bulk insert: text values with their NULL indicators.
struct TextColumn {
  std::vector<std::string> values;
  std::vector<soci::indicator> nulls;
  void Add(const std::optional<std::string>& v) {
    values.push_back(v.value_or(""));
    nulls.push_back(v ? soci::i_ok : soci::i_null);
  }
};

class GoldenWriter {
 public:
  GoldenWriter(const spec::Spec& spec, db::Database& staging, const spec::Entity& entity,
               int64_t load_id, int64_t run_id)
      : staging_(staging),
        entity_(entity),
        load_id_(load_id),
        run_id_(run_id),
        rules_(spec, entity),
        stg_(db::StagedTableName(entity.name)),
        gold_(db::GoldTableName(entity.name)),
        xref_(db::XrefTableName(entity.name)) {
    for (size_t i = 0; i < entity.from.size(); ++i) {
      source_rank_.emplace(entity.from[i].source, static_cast<int>(i));
    }
    for (size_t i = 0; i < entity.fields.size(); ++i) {
      if (entity.fields[i].name == entity.key) {
        key_index_ = i;
      } else {
        non_key_.push_back(i);
      }
    }
  }

  // The clusters of several records through survivorship, a batch of staged rows at a time; then
  // the records alone, copied inside the database (singletons.h).
  void Write(const ClusterGroups& groups, const std::vector<RowException>& exceptions,
             GoldenBuild* build, size_t max_samples, Progress& progress);

 private:
  std::string Q(std::string_view name) const { return staging_.Quote(name); }
  std::string RowList(const std::vector<int64_t>& rows) const;
  // Lineage and every field of `rows` (survivorship needs them).
  void ReadRows(const std::vector<int64_t>& rows, std::map<int64_t, StagedRow>* out);
  void WriteBatch(const std::vector<const Cluster*>& batch, GoldenBuild* build,
                  size_t max_samples);

  db::Database& staging_;
  const spec::Entity& entity_;
  int64_t load_id_, run_id_;
  SurvivorshipRules rules_;
  std::string stg_, gold_, xref_;
  std::map<std::string, int> source_rank_;
  size_t key_index_ = 0;
  std::vector<size_t> non_key_;  // field indexes in gold column order after the key
};

// Row ids are numbers this process read from the database, never spec or source text: listing
// them in the statement is safe, and one statement per batch is what keeps the pass fast. The
// condition names the row ids alone (they are unique across loads): with the load in it too,
// SQLite scans the load through its (load, key) index instead of looking the rows up.
std::string GoldenWriter::RowList(const std::vector<int64_t>& rows) const {
  std::string list;
  for (int64_t r : rows) {
    if (!list.empty()) list += ", ";
    list += std::to_string(r);
  }
  return Q(db::kColRow) + " IN (" + list + ")";
}

void GoldenWriter::ReadRows(const std::vector<int64_t>& rows, std::map<int64_t, StagedRow>* out) {
  if (rows.empty()) return;
  std::string sql = "SELECT " + Q(db::kColRow) + ", " + Q(db::kColLoad) + ", " +
                    Q(db::kColSource) + ", " + Q(db::kColLine);
  for (const spec::Field& f : entity_.fields) sql += ", " + Q(f.name);
  sql += " FROM " + Q(stg_) + " WHERE " + RowList(rows);
  soci::rowset<soci::row> result = (staging_.session().prepare << sql);
  for (const soci::row& r : result) {
    // A row of another load is left out: WriteBatch then reports the row as not in the load.
    if (db::CellInteger(r, 1).value_or(0) != load_id_) continue;
    StagedRow row;
    const int64_t id = db::CellInteger(r, 0).value_or(0);
    row.source = Cell(r, 2).value_or("");
    row.line = db::CellInteger(r, 3);
    for (size_t i = 0; i < entity_.fields.size(); ++i) row.values.push_back(Cell(r, 4 + i));
    out->emplace(id, std::move(row));
  }
}

void GoldenWriter::WriteBatch(const std::vector<const Cluster*>& batch, GoldenBuild* build,
                              size_t max_samples) {
  std::vector<int64_t> merged_rows;
  for (const Cluster* c : batch) {
    for (const ClusterMember& m : c->members) merged_rows.push_back(m.row);
  }
  std::map<int64_t, StagedRow> staged;
  ReadRows(merged_rows, &staged);

  // xref: every member; gold: one record per cluster, by survivorship.
  std::vector<long long> x_load, x_lines;
  std::vector<soci::indicator> x_line_null;
  std::vector<std::string> x_gold, x_source, x_key, x_rule;
  std::vector<double> x_score;
  std::vector<TextColumn> gold_columns(non_key_.size() + 3);  // key, fields, provenance, secondary
  std::vector<long long> g_load, g_run, g_members;
  for (const Cluster* c : batch) {
    std::vector<MemberRecord> records;
    for (const ClusterMember& m : c->members) {
      auto it = staged.find(m.row);
      if (it == staged.end()) {
        throw Error(ErrorCategory::kInternal,
                    "identity: matching placed staged row " + std::to_string(m.row) + " (" +
                        m.record.source + " " + m.record.key + ") of " + entity_.name +
                        ", which staged load " + std::to_string(load_id_) + " does not hold");
      }
      x_load.push_back(load_id_);
      x_gold.push_back(c->gold_key);
      x_source.push_back(it->second.source);
      x_key.push_back(m.record.key);
      x_lines.push_back(it->second.line.value_or(0));
      x_line_null.push_back(it->second.line ? soci::i_ok : soci::i_null);
      x_score.push_back(m.score);
      x_rule.push_back(m.rule);
      auto rank = source_rank_.find(m.record.source);
      records.push_back({m.record,
                         rank == source_rank_.end() ? static_cast<int>(source_rank_.size())
                                                    : rank->second,
                         it->second.values});
      if (&m != &c->members.front() && build->merged.size() < max_samples) {
        build->merged.push_back({m.record, it->second.line.value_or(-1), c->gold_key, m.score,
                                 m.rule});
      }
    }
    const std::vector<SurvivingValue> golden = rules_.Apply(records);
    JsonObjectText provenance, secondary;
    gold_columns[0].Add(c->gold_key);
    for (size_t k = 0; k < non_key_.size(); ++k) {
      const size_t f = non_key_[k];
      const SurvivingValue& v = golden[f];
      gold_columns[1 + k].Add(v.value);
      const std::string& name = entity_.fields[f].name;
      if (v.value && v.member) {  // "field": ["source", "key"]
        std::string& text = provenance.Member(name);
        text.push_back('[');
        AppendJsonString(&text, records[*v.member].record.source);
        text.push_back(',');
        AppendJsonString(&text, records[*v.member].record.key);
        text.push_back(']');
      }
      if (!v.others.empty()) {  // "field": [["value", "source", "key"], ...]
        std::string& text = secondary.Member(name);
        for (size_t i = 0; i < v.others.size(); ++i) {
          const SecondaryValue& o = v.others[i];
          text += i == 0 ? "[[" : ",[";
          AppendJsonString(&text, o.value);
          text.push_back(',');
          AppendJsonString(&text, records[o.member].record.source);
          text.push_back(',');
          AppendJsonString(&text, records[o.member].record.key);
          text.push_back(']');
        }
        text.push_back(']');
      }
    }
    gold_columns[non_key_.size() + 1].Add(provenance.Finish());
    gold_columns[non_key_.size() + 2].Add(
        secondary.empty() ? std::nullopt : std::optional<std::string>(secondary.Finish()));
    g_load.push_back(load_id_);
    g_run.push_back(run_id_);
    g_members.push_back(static_cast<long long>(c->members.size()));
  }

  if (!g_load.empty()) {
    std::vector<std::string> names{std::string(db::kColLoad), std::string(db::kColRun),
                                   std::string(kColMembers), entity_.key};
    for (size_t f : non_key_) names.push_back(entity_.fields[f].name);
    names.push_back(std::string(kColProvenance));
    names.push_back(std::string(kColSecondary));
    soci::statement st(staging_.session());
    st.exchange(soci::use(g_load));
    st.exchange(soci::use(g_run));
    st.exchange(soci::use(g_members));
    for (TextColumn& column : gold_columns) st.exchange(soci::use(column.values, column.nulls));
    st.alloc();
    st.prepare(db::InsertSql(staging_.traits(), gold_, names));
    st.define_and_bind();
    st.execute(true);
  }
  soci::statement st(staging_.session());
  st.exchange(soci::use(x_load));
  st.exchange(soci::use(x_gold));
  st.exchange(soci::use(x_source));
  st.exchange(soci::use(x_key));
  st.exchange(soci::use(x_lines, x_line_null));
  st.exchange(soci::use(x_score));
  st.exchange(soci::use(x_rule));
  st.alloc();
  st.prepare(db::InsertSql(staging_.traits(), xref_,
                           {std::string(db::kColLoad), std::string(kColGoldKey),
                            std::string(db::kColSource), std::string(kColSourceKey),
                            std::string(db::kColLine), std::string(kColScore),
                            std::string(kColRule)}));
  st.define_and_bind();
  st.execute(true);
}

void GoldenWriter::Write(const ClusterGroups& groups, const std::vector<RowException>& exceptions,
                         GoldenBuild* build, size_t max_samples, Progress& progress) {
  progress.Begin("identity: golden records of " + entity_.name, build->counts.staged);
  staging_.Guard("building the golden records of " + entity_.name, [&] {
    soci::transaction tx(staging_.session());
    staging_.Execute("DELETE FROM " + Q(gold_));
    staging_.Execute("DELETE FROM " + Q(xref_));
    std::vector<const Cluster*> batch;
    size_t rows = 0;
    for (const Cluster& c : groups.merged) {
      batch.push_back(&c);
      rows += c.members.size();
      if (c.flagged) ++build->clusters_flagged;
      if (rows >= kBatchRows) {
        WriteBatch(batch, build, max_samples);
        progress.Advance(static_cast<int64_t>(rows));
        batch.clear();
        rows = 0;
      }
    }
    if (!batch.empty()) WriteBatch(batch, build, max_samples);
    progress.Advance(static_cast<int64_t>(rows));
    CopySingletons(staging_, entity_, load_id_, run_id_, exceptions);
    progress.Advance(static_cast<int64_t>(groups.alone.size()));
    tx.commit();
  });
  progress.End();
}

int64_t CountLoad(db::Database& staging, const std::string& table, int64_t load_id,
                  const std::string& what = "COUNT(*)") {
  long long count = 0, load = load_id;
  soci::indicator ind = soci::i_null;
  staging.Guard("counting " + table, [&] {
    staging.session() << "SELECT " + what + " FROM " + staging.Quote(table) + " WHERE " +
                             staging.Quote(db::kColLoad) + " = :l",
        soci::use(load), soci::into(count, ind);
  });
  return ind == soci::i_ok ? count : 0;
}

// Every record of the Resolution is a staged row of the load. With GroupClusters' checks (as many
// records as staged, no row twice) that makes them exactly the load's rows, which the set-based
// copy of the records alone relies on. One integer per staged row, read in bulk.
void CheckRowsInLoad(db::Database& staging, const spec::Entity& entity, int64_t load_id,
                     const Resolution& resolution) {
  std::vector<long long> rows;
  staging.Guard("reading the row ids of " + db::StagedTableName(entity.name), [&] {
    long long load = load_id;
    std::vector<long long> chunk(10000);
    soci::statement st = (staging.session().prepare
                              << "SELECT " + staging.Quote(db::kColRow) + " FROM " +
                                     staging.Quote(db::StagedTableName(entity.name)) + " WHERE " +
                                     staging.Quote(db::kColLoad) + " = :l",
                          soci::use(load), soci::into(chunk));
    st.execute();
    while (st.fetch()) {
      rows.insert(rows.end(), chunk.begin(), chunk.end());
      chunk.resize(10000);
    }
  });
  std::sort(rows.begin(), rows.end());
  for (const Membership& m : resolution.members) {
    if (std::binary_search(rows.begin(), rows.end(), static_cast<long long>(m.row))) continue;
    throw Error(ErrorCategory::kInternal,
                "identity: matching placed staged row " + std::to_string(m.row) + " (" +
                    m.record.source + " " + m.record.key + ") of " + entity.name +
                    ", which staged load " + std::to_string(load_id) + " does not hold");
  }
}

}  // namespace

GoldenBuild BuildGoldenRecords(const spec::Spec& spec, db::Database& staging,
                               const spec::Entity& entity, int64_t load_id, int64_t run_id,
                               const Resolution& resolution, Progress& progress,
                               size_t max_merged_samples) {
  const std::string stg = db::StagedTableName(entity.name);
  if (!staging.HasTable(stg)) {
    throw Error(ErrorCategory::kUsage, "identity: entity '" + entity.name + "' has no " + stg +
                                           " table: run `crm-migrate stage` first");
  }
  GoldenBuild build;
  build.counts.entity = entity.name;
  build.counts.staged = CountLoad(staging, stg, load_id);
  GoldenWriter writer(spec, staging, entity, load_id, run_id);  // checks survivorship first
  const ClusterGroups groups = GroupClusters(resolution, build.counts.staged);
  CheckRowsInLoad(staging, entity, load_id, resolution);
  std::vector<RowException> exceptions;
  for (const Cluster& c : groups.merged) {
    for (const ClusterMember& m : c.members) exceptions.push_back({m.row, true, 1, ""});
  }
  for (size_t i : groups.alone) {
    const Membership& m = resolution.members[i];
    if (m.flagged) ++build.clusters_flagged;
    const bool plain = m.score == 1 && (m.rule.empty() || m.rule == kRuleSingleton);
    if (!plain) exceptions.push_back({m.row, false, m.score, SingletonCluster(m).members[0].rule});
  }
  const size_t clusters = groups.merged.size() + groups.alone.size();
  EnsureGoldenTables(staging, entity);
  writer.Write(groups, exceptions, &build, max_merged_samples, progress);

  const std::string gold = db::GoldTableName(entity.name);
  build.counts.built = true;
  build.counts.golden = CountLoad(staging, gold, load_id);
  build.counts.merged = build.counts.staged - build.counts.golden;
  const int64_t members = CountLoad(staging, gold, load_id, "SUM(" + staging.Quote(kColMembers) + ")");
  const int64_t xref = CountLoad(staging, db::XrefTableName(entity.name), load_id);
  if (build.counts.golden != static_cast<int64_t>(clusters) ||
      members != build.counts.staged || xref != build.counts.staged) {
    throw Error(ErrorCategory::kInternal,
                "identity: the golden records of '" + entity.name + "' do not balance: staged " +
                    std::to_string(build.counts.staged) + ", golden " +
                    std::to_string(build.counts.golden) + " of " +
                    std::to_string(clusters) + " clusters holding " +
                    std::to_string(members) + " members, " + std::to_string(xref) +
                    " xref rows");
  }
  return build;
}

}  // namespace crm::identity
