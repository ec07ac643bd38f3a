// LandSource: fingerprint, reuse check, raw table and column map, then the pipeline.
#include "staging/landing/land.h"

#include <filesystem>
#include <optional>

#include "core/common/error.h"
#include "core/db/cells.h"
#include "core/db/staging_schema.h"
#include "staging/landing/hash.h"
#include "staging/landing/land_pipeline.h"
#include "staging/landing/raw_columns.h"
#include "staging/landing/raw_writer.h"
#include "staging/landing/row_source.h"
#include "staging/landing/suppression.h"

namespace crm::staging {
namespace {

// Not a source column: JSON Lines keep their whole line here, because the spec's paths are only
// what the mapping needs today; the line is what the source said, so a mapping fix later can
// re-shape from the staging database without landing the file again.
constexpr std::string_view kRawLineColumn = "_crm_raw";

std::string ResolvePath(const spec::Spec& spec, const std::string& path) {
  std::filesystem::path p(path);
  if (p.is_relative() && !spec.base_dir.empty()) p = std::filesystem::path(spec.base_dir) / p;
  return p.string();
}

std::string SettingsHash(const OpenedSource& opened, const Suppressor& suppressor) {
  return Hex64(Hash64(opened.settings + "\n" + suppressor.digest()));
}

// Streams a SQL source once, without writing, to learn whether it changed.
std::string SqlContentFingerprint(RowSource& rows) {
  uint64_t hash = 0;
  int64_t count = 0;
  readers::Record record;
  while (rows.Next(&record)) {
    hash = CombineHash(hash, RecordHash(record));
    ++count;
  }
  return "sql:" + std::to_string(count) + ":" + Hex64(hash);
}

struct EarlierLoad {
  int64_t raw_load_id = 0;
  int64_t extracted = 0, suppressed = 0, rejected = 0, landed = 0;
};

std::optional<EarlierLoad> FindReusable(db::Database& staging, const std::string& source,
                                        const std::string& fingerprint) {
  const std::string table = db::RawTableName(source);
  return staging.Guard(
      "looking for an earlier load of " + source, [&]() -> std::optional<EarlierLoad> {
        soci::session& session = staging.session();
        // Raw rows landed before a purge (`crm-migrate purge --yes`) hold NULLs where the values
        // were: only loads whose raw rows were landed after the newest purge are reused.
        soci::rowset<soci::row> loads =
            (session.prepare << "SELECT raw_load_id, extracted, suppressed, rejected, landed FROM "
                                "_load_sources WHERE source = :s AND fingerprint = :f AND "
                                "raw_load_id IN (SELECT id FROM _loads WHERE run_id > (SELECT "
                                "COALESCE(MAX(id), 0) FROM _runs WHERE command = 'purge' AND "
                                "outcome = 'ok')) ORDER BY load_id DESC",
             soci::use(source), soci::use(fingerprint));
        std::vector<EarlierLoad> candidates;
        for (const soci::row& row : loads) {
          auto number = [&](size_t i) { return db::CellInteger(row, i).value_or(0); };
          candidates.push_back({number(0), number(1), number(2), number(3), number(4)});
        }
        const bool has_table = !candidates.empty() && staging.HasTable(table);
        for (const EarlierLoad& load : candidates) {
          if (load.landed == 0) return load;  // nothing had to survive
          if (!has_table) continue;
          int found = 0;
          soci::indicator ind = soci::i_null;
          long long id = load.raw_load_id;
          session << "SELECT 1 FROM " + staging.Quote(table) + " WHERE " +
                         staging.Quote(db::kColLoad) + " = :id LIMIT 1",
              soci::use(id), soci::into(found, ind);
          if (session.got_data() && ind == soci::i_ok) return load;
        }
        return std::nullopt;
      });
}

// The name of `table`'s primary key constraint on PostgreSQL; empty when it has none.
std::string PrimaryKeyConstraint(db::Database& staging, const std::string& table) {
  std::string name;
  soci::indicator ind = soci::i_null;
  std::string t = table;
  staging.session() << "SELECT conname FROM pg_constraint WHERE contype = 'p' AND conrelid = "
                       "(SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = "
                       "c.relnamespace WHERE c.relname = :t AND n.nspname = current_schema())",
      soci::into(name, ind), soci::use(t);
  return ind == soci::i_ok ? name : std::string();
}

// Creates raw_<source>, or adds the columns an earlier load did not have (a header that grew).
// A new table is created without its index, which FinishRawTable adds once the rows are in:
// building it at the end is one pass, maintaining it row by row an index insert each.
bool PrepareRawTable(db::Database& staging, const db::TableDef& def) {
  return staging.Guard("creating " + def.name, [&] {
    std::vector<std::string> existing = staging.ListColumns(def.name);
    if (existing.empty()) {
      db::TableDef bare = def;
      bare.indexes.clear();
      db::CreateTable(staging, bare);
      // PostgreSQL maintains the _crm_row primary key row by row during COPY: a third of the
      // landing's time at 1M rows, against 0.7 s to build it once afterwards (FinishRawTable).
      if (staging.url().dialect == db::Dialect::kPostgresql) {
        std::string constraint = PrimaryKeyConstraint(staging, def.name);
        if (!constraint.empty()) {
          staging.Execute("ALTER TABLE " + staging.Quote(def.name) + " DROP CONSTRAINT " +
                          staging.Quote(constraint, "constraint name"));
        }
      }
      return true;
    }
    for (const db::ColumnDef& column : def.columns) {
      if (std::find(existing.begin(), existing.end(), column.name) != existing.end()) continue;
      staging.Execute(db::RenderAddColumn(staging.traits(), def.name, column));
    }
    return false;
  });
}

// On PostgreSQL the index over _crm_load and the primary key are sorts of every row; with the
// default maintenance_work_mem (64 MB) a sort spills to disk, in memory it measured 12% faster.
// For this statement only the session gets 256 MB (server memory, not ours) unless it has more.
void FinishRawTable(db::Database& staging, const db::TableDef& def) {
  staging.Guard("indexing " + def.name, [&] {
    const bool postgres = staging.url().dialect == db::Dialect::kPostgresql;
    if (postgres) {
      staging.Execute(
          "SELECT set_config('maintenance_work_mem', greatest(setting::bigint, 262144)::text || "
          "'kB', false) FROM pg_settings WHERE name = 'maintenance_work_mem'");
    }
    db::CreateTable(staging, def);
    // Also after a failed landing left a new table without its primary key.
    if (postgres && PrimaryKeyConstraint(staging, def.name).empty()) {
      staging.Execute("ALTER TABLE " + staging.Quote(def.name) + " ADD PRIMARY KEY (" +
                      staging.Quote(db::kColRow) + ")");
    }
    if (postgres) staging.Execute("RESET maintenance_work_mem");
  });
}

void WriteColumnMap(db::Database& staging, int64_t raw_load_id, const std::string& source,
                    const std::vector<std::string>& source_names,
                    const std::vector<std::string>& raw_names) {
  if (source_names.empty()) return;
  std::vector<long long> loads(source_names.size(), raw_load_id), positions;
  std::vector<std::string> sources(source_names.size(), source);
  for (size_t i = 0; i < source_names.size(); ++i)
    positions.push_back(static_cast<long long>(i + 1));
  const std::string sql =
      db::InsertSql(staging.traits(), "_source_columns",
                    {"raw_load_id", "source", "position", "source_name", "raw_column"});
  staging.Guard("writing _source_columns", [&] {
    soci::transaction tx(staging.session());
    staging.session() << sql, soci::use(loads), soci::use(sources), soci::use(positions),
        soci::use(source_names), soci::use(raw_names);
    tx.commit();
  });
}

}  // namespace

LandResult LandSource(const spec::Spec& spec, const spec::Source& source, db::Database& staging,
                      db::Journal& journal, const LandOptions& options, Progress& progress) {
  LandResult result;
  result.source = source.name;
  const bool is_sql = source.type == spec::SourceType::kSql;
  const bool is_jsonl = source.type == spec::SourceType::kJsonl;

  // For SQL the content fingerprint needs a pass of its own: the query is streamed once to hash
  // it, and again to land only when it changed.
  OpenedSource opened;
  std::string content;
  if (is_sql) {
    opened = OpenSqlSource(spec, source);
    content = SqlContentFingerprint(*opened.rows);
  } else {
    const std::string path = ResolvePath(spec, source.path);
    opened = OpenFileSource(spec, source, path);
    content = FileFingerprint(path);
  }
  Suppressor suppressor(spec, source, opened.rows->columns());
  result.decisions = opened.decisions;
  result.decisions.insert(result.decisions.end(), suppressor.decisions().begin(),
                          suppressor.decisions().end());
  result.fingerprint = content + ":" + SettingsHash(opened, suppressor);

  if (!options.force) {
    if (std::optional<EarlierLoad> earlier =
            FindReusable(staging, source.name, result.fingerprint)) {
      result.reused = true;
      result.raw_load_id = earlier->raw_load_id;
      result.extracted = earlier->extracted;
      result.suppressed = earlier->suppressed;
      result.rejected = earlier->rejected;
      result.landed = earlier->landed;
      result.decisions.push_back("unchanged since load " + std::to_string(earlier->raw_load_id) +
                                 ": its raw rows are reused");
      return result;
    }
  }
  if (is_sql) opened = OpenSqlSource(spec, source);

  const std::vector<std::string>& source_names = opened.rows->columns();
  const std::vector<std::string> raw_names = RawColumnNames(source_names);
  db::TableDef def = db::RawTableDef(source.name, raw_names);
  RawTarget target{def.name, raw_names, options.load_id, options.run_id};
  if (is_jsonl) {
    def.columns.push_back({std::string(kRawLineColumn), db::LogicalType::kText, false});
    target.value_columns.push_back(std::string(kRawLineColumn));
  }
  PrepareRawTable(staging, def);
  WriteColumnMap(staging, options.load_id, source.name, source_names, raw_names);

  std::unique_ptr<RawWriter> writer = MakeRawWriter(staging, target);
  PipelineSettings settings{source.name, is_jsonl, options.run_id, options.load_id};
  progress.Begin("land " + source.name, -1);
  PipelineResult landed =
      RunPipeline(*opened.rows, suppressor, *writer, journal, settings, progress);
  progress.End();
  // Also after a failed landing left a new table without its index.
  FinishRawTable(staging, def);

  if (is_sql) {
    // What landed is what counts, should the source have changed since the first pass.
    result.fingerprint =
        "sql:" + std::to_string(landed.landed + landed.rejected + landed.suppressed) + ":" +
        Hex64(landed.content_hash) + ":" + SettingsHash(opened, suppressor);
  }
  result.raw_load_id = options.load_id;
  result.landed = landed.landed;
  result.rejected = landed.rejected;
  result.suppressed = landed.suppressed;
  result.extracted = landed.landed + landed.rejected + landed.suppressed;
  return result;
}

}  // namespace crm::staging
