#include "staging/shaping/shape.h"

#include <algorithm>
#include <memory>

#include "core/common/error.h"
#include "core/db/ddl.h"
#include "core/db/staging_schema.h"
#include "staging/shaping/bucket.h"
#include "staging/shaping/date_orders.h"
#include "staging/shaping/duplicate_keys.h"
#include "staging/shaping/map_pool.h"
#include "staging/shaping/raw_read_ahead.h"
#include "staging/shaping/raw_reader.h"
#include "staging/shaping/row_mapper.h"
#include "staging/shaping/stg_writer.h"

namespace crm::staging {
namespace {

// Rows written between commits: large enough to amortise the commit, small enough to keep the
// pending rejects (written after each commit through the journal) few.
constexpr int64_t kRowsPerCommit = 100000;

struct BucketRule {
  int64_t seed = 0;
  bool stratify = false;
  bool filter = false;  // stage only members
  uint64_t limit = 0;
};

bool Covers(const spec::Subset& s, const std::string& entity) {
  return s.entities.empty() ||
         std::find(s.entities.begin(), s.entities.end(), entity) != s.entities.end();
}

BucketRule MakeBucketRule(const spec::Spec& spec, const spec::Entity& e, const ShapeOptions& o) {
  const spec::Subset* s = o.subset;
  if (s == nullptr) {
    for (const spec::Subset& candidate : spec.subsets) {
      if (Covers(candidate, e.name)) {
        s = &candidate;
        break;
      }
    }
  }
  BucketRule rule;
  if (s == nullptr) return rule;
  rule.seed = s->seed;
  rule.stratify = s->stratify == "source";
  rule.filter = o.subset != nullptr && Covers(*o.subset, e.name);
  rule.limit = SubsetLimit(s->fraction);
  return rule;
}

std::unique_ptr<Tokenizer> MakeTokenizer(const spec::Spec& spec, const spec::Entity& e,
                                         const ShapeOptions& o) {
  bool needed = std::any_of(e.fields.begin(), e.fields.end(), [](const spec::Field& f) {
    return f.pii == spec::PiiMode::kTokenize;
  });
  if (!needed) return nullptr;
  const std::string& var = spec.privacy.token_key_env;
  std::optional<std::string> key = o.env ? o.env(var) : spec::ProcessEnv()(var);
  if (!key || key->empty()) {
    throw Error(ErrorCategory::kSpec, "entity " + e.name +
                                          " has pii: tokenize fields but the token key variable " +
                                          var + " (privacy.token_key_env) is not set");
  }
  return std::make_unique<Tokenizer>(*key);
}

class SourceShaper {
 public:
  SourceShaper(const spec::Spec& spec, const spec::Entity& entity, size_t index,
               db::Database& db, db::Journal& journal, const ShapeOptions& options,
               const EntityLayout& layout, const db::TableDef& table_def,
               const Tokenizer* tokenizer, const BucketRule& bucket)
      : spec_(spec), entity_(entity), index_(index), db_(db), journal_(journal),
        options_(options), layout_(layout), table_def_(table_def), tokenizer_(tokenizer),
        bucket_(bucket) {}

  SourceFunnel Run(Progress& progress, ShapeResult* result) {
    const std::string& source = entity_.from[index_].source;
    LoadSourceRow ls = ReadLoadSource(db_, options_.load_id, source);
    auto column_map = ReadSourceColumns(db_, ls.raw_load_id, source);
    std::vector<std::string> names;
    for (const auto& [name, raw] : column_map) names.push_back(name);
    std::vector<std::string> decisions;
    DateOrders date_orders = DecideDateOrders(
        spec_, entity_, index_,
        [&](const std::string& column) {
          auto it = std::find_if(column_map.begin(), column_map.end(),
                                 [&](const auto& p) { return p.first == column; });
          // An unknown column: the RowMapper below reports it with its location.
          if (it == column_map.end()) return std::vector<std::string>();
          return SampleRawColumn(db_, source, ls.raw_load_id, it->second, kDateOrderSample);
        },
        &decisions);
    for (std::string& d : decisions) {
      progress.Note(d);
      result->decisions.push_back(std::move(d));
    }
    RowMapper mapper(spec_, entity_, index_, layout_, names, tokenizer_, date_orders);
    std::vector<std::string> raw_columns;
    for (const std::string& c : mapper.columns()) {
      auto it = std::find_if(column_map.begin(), column_map.end(),
                             [&](const auto& p) { return p.first == c; });
      raw_columns.push_back(it->second);
    }
    funnel_ = SourceFunnel{source, entity_.name, ls.extracted, 0, ls.suppressed, ls.rejected, 0, 0};
    std::string table = db::StagedTableName(entity_.name);
    std::vector<std::string> columns = {
        std::string(db::kColLoad), std::string(db::kColRun),  std::string(db::kColSource),
        std::string(db::kColLine), std::string(db::kColOffset), std::string(db::kColHash),
        std::string(db::kColBucket)};
    columns.insert(columns.end(), layout_.columns.begin(), layout_.columns.end());
    row_.assign(columns.size(), std::nullopt);
    row_[0] = std::to_string(options_.load_id);
    row_[1] = std::to_string(options_.run_id);
    row_[2] = source;

    std::unique_ptr<RawReader> reader =
        RawReadAhead::Possible(db_)
            ? std::make_unique<RawReadAhead>(db_, source, ls.raw_load_id, raw_columns,
                                             options_.batch_rows)
            : MakeRawReader(db_, source, ls.raw_load_id, raw_columns);
    writer_ = MakeStgWriter(db_, table_def_, columns);  // before the transaction: its pragma
    Begin();
    DeletePrevious(table, source);
    NullWarnings nulled;
    progress.Begin("shape " + entity_.name + " from " + source, ls.landed);
    {
      MapPool pool(mapper, options_.threads);
      size_t next_read = 0, next_write = 0;
      const size_t max_in_flight = static_cast<size_t>(std::max(options_.threads, 1)) * 2 + 2;
      bool eof = false;
      while (true) {
        while (!eof && next_read - next_write < max_in_flight) {
          auto b = pool.NewBatch();
          if (!reader->Next(options_.batch_rows, &b->raw)) {
            eof = true;
            break;
          }
          b->seq = next_read++;
          pool.Submit(std::move(b));
        }
        if (next_write == next_read) break;
        auto b = pool.Take(next_write++);
        Write(*b);
        nulled.Merge(b->warnings);
        progress.Advance(static_cast<int64_t>(b->mapped.size()));
        pool.Recycle(std::move(b));
      }
    }
    writer_->Flush();
    Commit();
    progress.End();
    for (size_t i = 0; i < mapper.field_count(); ++i) {
      if (i >= nulled.counts.size() || nulled.counts[i] == 0) continue;
      result->warnings.push_back(source + ": " + entity_.name + "." + mapper.field_name(i) + ": " +
                          std::to_string(nulled.counts[i]) +
                          " value(s) set to NULL by on_error: null (first: " +
                          nulled.first_message[i] + ")");
    }
    return funnel_;
  }

 private:
  void Begin() {
    db_.Guard("beginning a transaction", [&] { db_.session().begin(); });
  }
  void Commit() {
    db_.Guard("committing staged rows", [&] { db_.session().commit(); });
    if (!rejects_.empty()) {
      journal_.WriteRejects(options_.run_id, rejects_);
      rejects_.clear();
    }
  }

  void DeletePrevious(const std::string& table, const std::string& source) {
    db_.Guard("replacing earlier staged rows", [&] {
      long long load = options_.load_id;
      std::string src = source;
      db_.session() << "DELETE FROM " + db_.Quote(table) + " WHERE " + db_.Quote(db::kColLoad) +
                           " = :l AND " + db_.Quote(db::kColSource) + " = :s",
          soci::use(load), soci::use(src);
    });
  }

  void Reject(const MappedRow& r, RejectKind kind, std::string column, std::string raw,
              std::string message) {
    db::RejectRecord rec;
    rec.phase = "stage";
    rec.source = funnel_.source;
    rec.entity = entity_.name;
    rec.line = r.line;
    rec.byte_offset = r.offset;
    rec.column = std::move(column);
    rec.kind = kind;
    rec.raw = std::move(raw);
    rec.message = std::move(message);
    rec.load_id = options_.load_id;
    rejects_.push_back(std::move(rec));
    ++funnel_.rejected;
  }

  void Write(Batch& b) {
    for (MappedRow& r : b.mapped) {
      if (r.outcome == MappedRow::Outcome::kOutOfScope) {
        ++funnel_.out_of_scope;
        continue;
      }
      if (r.outcome == MappedRow::Outcome::kRejected) {
        Reject(r, r.kind, std::move(r.column), std::move(r.raw), std::move(r.message));
        continue;
      }
      uint32_t bucket = SubsetBucket(bucket_.seed, funnel_.source, r.key, bucket_.stratify);
      if (bucket_.filter && bucket >= bucket_.limit) {
        ++funnel_.not_in_subset;
        continue;
      }
      row_[3] = r.line >= 0 ? std::optional<std::string>(std::to_string(r.line)) : std::nullopt;
      row_[4] =
          r.offset >= 0 ? std::optional<std::string>(std::to_string(r.offset)) : std::nullopt;
      row_[5] = std::move(r.hash);
      row_[6] = std::to_string(bucket);
      std::move(r.values.begin(), r.values.end(), row_.begin() + 7);
      writer_->Add(row_);
      ++funnel_.staged;
      if (++since_commit_ >= kRowsPerCommit) {
        writer_->Flush();
        Commit();
        Begin();
        since_commit_ = 0;
      }
    }
  }

  const spec::Spec& spec_;
  const spec::Entity& entity_;
  size_t index_;
  db::Database& db_;
  db::Journal& journal_;
  const ShapeOptions& options_;
  const EntityLayout& layout_;
  const db::TableDef& table_def_;
  const Tokenizer* tokenizer_;
  BucketRule bucket_;
  SourceFunnel funnel_;
  std::unique_ptr<StgWriter> writer_;
  std::vector<std::optional<std::string>> row_;
  std::vector<db::RejectRecord> rejects_;
  int64_t since_commit_ = 0;
};

void WriteReconciliation(db::Database& db, const ShapeOptions& options, const SourceFunnel& f) {
  db.Guard("writing _reconciliation", [&] {
    long long run = options.run_id, load = options.load_id;
    long long extracted = f.extracted, out = f.out_of_scope, suppressed = f.suppressed,
              rejected = f.rejected, not_in = f.not_in_subset, staged = f.staged;
    std::string source = f.source, entity = f.entity;
    soci::transaction tx(db.session());
    db.session() << "DELETE FROM " + db.Quote("_reconciliation") + " WHERE " + db.Quote("run_id") +
                        " = :r AND " + db.Quote("source") + " = :s AND " + db.Quote("entity") +
                        " = :e",
        soci::use(run), soci::use(source), soci::use(entity);
    db.session() << db::InsertSql(db.traits(), "_reconciliation",
                                  {"run_id", "load_id", "source", "entity", "extracted",
                                   "out_of_scope", "suppressed", "rejected", "not_in_subset",
                                   "staged"}),
        soci::use(run), soci::use(load), soci::use(source), soci::use(entity),
        soci::use(extracted), soci::use(out), soci::use(suppressed), soci::use(rejected),
        soci::use(not_in), soci::use(staged);
    tx.commit();
  });
}

}  // namespace

ShapeResult ShapeEntity(const spec::Spec& spec, const spec::Entity& entity, db::Database& staging,
                        db::Journal& journal, const ShapeOptions& options, Progress& progress) {
  EntityLayout layout = MakeEntityLayout(entity);
  db::TableDef table = db::StagedTableDef(entity.name, layout.key, layout.fields);
  // Phone facts carry the lineage prefix, which StagedTableDef refuses for spec fields; they
  // are ours, so they are appended after its validation.
  table.columns.insert(table.columns.end(), layout.fact_columns.begin(),
                       layout.fact_columns.end());
  // The staged rows go in without the table's index, which is built again once they are all in:
  // one sort instead of a random B-tree insert per row (a third of the SQLite insert's cost).
  db::TableDef bare = table;
  bare.indexes.clear();
  db::CreateTable(staging, bare);
  staging.Guard("dropping the index of " + table.name, [&] {
    for (const std::string& sql : db::RenderDropIndexes(staging.traits(), table)) {
      staging.Execute(sql);
    }
  });
  std::unique_ptr<Tokenizer> tokenizer = MakeTokenizer(spec, entity, options);
  BucketRule bucket = MakeBucketRule(spec, entity, options);
  ShapeResult result;
  result.entity = entity.name;
  try {
    for (size_t i = 0; i < entity.from.size(); ++i) {
      SourceShaper shaper(spec, entity, i, staging, journal, options, layout, table,
                          tokenizer.get(), bucket);
      result.funnel.push_back(shaper.Run(progress, &result));
    }
    staging.Guard("indexing " + table.name, [&] { db::CreateTable(staging, table); });
    // Duplicate keys need every row of a source in, and the index: they are rejected now, and
    // the funnel is final only after that.
    for (SourceFunnel& f : result.funnel) {
      DuplicateKeyScope scope{table.name, layout.key.name, entity.name, entity.key,
                              f.source,   options.load_id, options.run_id};
      int64_t duplicates = RejectDuplicateKeys(staging, journal, scope);
      f.staged -= duplicates;
      f.rejected += duplicates;
      WriteReconciliation(staging, options, f);
    }
  } catch (...) {
    try {
      staging.session().rollback();
    } catch (...) {
      // No transaction was open: the error came before or after one.
    }
    try {
      db::CreateTable(staging, table);  // the index back over the rows kept
    } catch (...) {
      // The first error is the one to report; the next stage builds the index.
    }
    throw;
  }
  return result;
}

}  // namespace crm::staging
