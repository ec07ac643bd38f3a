#include "staging/stage.h"

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "core/common/error.h"
#include "core/common/text.h"
#include "core/db/staging_schema.h"

namespace crm::staging {
namespace {

std::vector<std::string> Names(const auto& items) {
  std::vector<std::string> names;
  for (const auto& item : items) names.push_back(item.name);
  return names;
}

void CheckNames(const spec::Spec& spec, const StageOptions& options) {
  if (!options.subset.empty() && !spec.FindSubset(options.subset)) {
    std::string message = "unknown subset '" + options.subset + "'";
    std::string close = ClosestMatch(options.subset, Names(spec.subsets));
    if (!close.empty()) message += " (did you mean '" + close + "'?)";
    throw Error(ErrorCategory::kUsage, "crm-migrate stage: " + message);
  }
  for (const std::string& name : options.sources) {
    if (spec.FindSource(name)) continue;
    std::string message = "unknown source '" + name + "'";
    std::string close = ClosestMatch(name, Names(spec.sources));
    if (!close.empty()) message += " (did you mean '" + close + "'?)";
    throw Error(ErrorCategory::kUsage, "crm-migrate stage: " + message);
  }
}

// The _load_sources row of `source` in the current promoted load, for sources not landed again.
std::optional<LandResult> PreviousLanding(db::Database& db, const std::string& source) {
  LandResult previous;
  previous.source = source;
  long long raw_load = 0, extracted = 0, suppressed = 0, rejected = 0, landed = 0;
  soci::indicator found = soci::i_null;
  db.Guard("reading the previous load of " + source, [&] {
    db.session() << "SELECT s." + db.Quote("fingerprint") + ", s." + db.Quote("raw_load_id") +
                        ", s." + db.Quote("extracted") + ", s." + db.Quote("suppressed") + ", s." +
                        db.Quote("rejected") + ", s." + db.Quote("landed") + " FROM " +
                        db.Quote("_load_sources") + " s JOIN " + db.Quote("_loads") + " l ON l." +
                        db.Quote("id") + " = s." + db.Quote("load_id") + " WHERE s." +
                        db.Quote("source") + " = :s AND l." + db.Quote("promoted") +
                        " = 1 ORDER BY l." + db.Quote("id") + " DESC",
        soci::use(source), soci::into(previous.fingerprint, found), soci::into(raw_load),
        soci::into(extracted), soci::into(suppressed), soci::into(rejected), soci::into(landed);
  });
  if (found != soci::i_ok) return std::nullopt;
  previous.raw_load_id = raw_load;
  previous.reused = true;
  previous.extracted = extracted;
  previous.suppressed = suppressed;
  previous.rejected = rejected;
  previous.landed = landed;
  previous.decisions.push_back("not landed again (--source): keeps load " +
                               std::to_string(raw_load));
  return previous;
}

void RecordLanding(db::Database& db, int64_t load_id, const LandResult& r) {
  Poco::JSON::Array list;
  for (const std::string& decision : r.decisions) list.add(decision);
  std::ostringstream json;
  list.stringify(json);
  const std::string decisions = json.str();
  long long load = load_id, raw_load = r.raw_load_id, extracted = r.extracted,
            suppressed = r.suppressed, rejected = r.rejected, landed = r.landed;
  db.Guard("recording the landing of " + r.source, [&] {
    db.session() << db::InsertSql(db.traits(), "_load_sources",
                                  {"load_id", "source", "fingerprint", "raw_load_id", "extracted",
                                   "suppressed", "rejected", "landed", "decisions_json"}),
        soci::use(load), soci::use(r.source), soci::use(r.fingerprint), soci::use(raw_load),
        soci::use(extracted), soci::use(suppressed), soci::use(rejected), soci::use(landed),
        soci::use(decisions);
  });
}

// The newest promoted load, full or subset: the one whose rows stg_* holds.
std::optional<int64_t> LastPromotedLoad(db::Database& db) {
  long long id = 0;
  soci::indicator found = soci::i_null;
  db.Guard("reading the promoted load", [&] {
    db.session() << "SELECT MAX(" + db.Quote("id") + ") FROM " + db.Quote("_loads") + " WHERE " +
                        db.Quote("promoted") + " = 1",
        soci::into(id, found);
  });
  if (found != soci::i_ok) return std::nullopt;
  return id;
}

// A load and the earlier loads whose raw rows it reuses.
std::set<int64_t> LoadsInUse(db::Database& db, int64_t load_id) {
  std::set<int64_t> loads = {load_id};
  long long id = load_id;
  db.Guard("reading the loads in use", [&] {
    soci::rowset<long long> rows = (db.session().prepare
                                        << "SELECT " + db.Quote("raw_load_id") + " FROM " +
                                               db.Quote("_load_sources") + " WHERE " +
                                               db.Quote("load_id") + " = :id",
                                    soci::use(id));
    for (long long raw : rows) loads.insert(raw);
  });
  return loads;
}

// Deletes the rows of `table` whose load is not in `keep` (every row when `keep` is empty).
void KeepOnlyLoads(db::Database& db, const std::string& table, const std::set<int64_t>& keep) {
  if (!db.HasTable(table)) return;
  std::string list;
  for (int64_t id : keep) list += (list.empty() ? "" : ", ") + std::to_string(id);
  std::string sql = "DELETE FROM " + db.Quote(table);
  if (!list.empty()) sql += " WHERE " + db.Quote(db::kColLoad) + " NOT IN (" + list + ")";
  db.Execute(sql);
}

// Leaves staging holding exactly one load: stg_* keeps the rows of `load` alone, raw_* the rows
// of `load` and of the earlier loads whose raw rows it reuses. No load: both are emptied.
void KeepOnlyLoad(db::Database& db, const spec::Spec& spec, std::optional<int64_t> load) {
  std::set<int64_t> staged, raw;
  if (load) {
    staged = {*load};
    raw = LoadsInUse(db, *load);
  }
  for (const spec::Source& s : spec.sources) KeepOnlyLoads(db, db::RawTableName(s.name), raw);
  for (const spec::Entity& e : spec.entities) KeepOnlyLoads(db, db::StagedTableName(e.name), staged);
}

}  // namespace

StageResult RunStage(const spec::Spec& spec, db::Database& staging, db::Journal& journal,
                     const StageOptions& options, Progress& progress) {
  CheckNames(spec, options);
  StageResult result;
  result.load_id = journal.CreateLoad(options.run_id, options.subset, "");
  journal.SetRunLoad(options.run_id, result.load_id);

  for (const spec::Source& source : spec.sources) {
    bool land = options.sources.empty() || std::count(options.sources.begin(),
                                                      options.sources.end(), source.name);
    std::optional<LandResult> landed;
    if (!land) {
      landed = PreviousLanding(staging, source.name);
      if (!landed) {
        throw Error(ErrorCategory::kUsage, "crm-migrate stage: source '" + source.name +
                                               "' has never been staged: stage it too");
      }
    } else {
      landed = LandSource(spec, source, staging, journal,
                          LandOptions{options.run_id, result.load_id, options.force}, progress);
    }
    progress.Note(source.name + ": " + Join(landed->decisions, "; "));
    RecordLanding(staging, result.load_id, *landed);
    result.sources.push_back(std::move(*landed));
  }

  ShapeOptions shape;
  shape.run_id = options.run_id;
  shape.load_id = result.load_id;
  shape.subset = options.subset.empty() ? nullptr : spec.FindSubset(options.subset);
  std::map<std::string, int64_t> rejected_by_source;
  for (const spec::Entity* entity : spec.EntitiesInLoadOrder()) {
    ShapeResult shaped = ShapeEntity(spec, *entity, staging, journal, shape, progress);
    for (const SourceFunnel& f : shaped.funnel) {
      if (!f.Balanced()) {
        throw Error(ErrorCategory::kInternal,
                    "stage: the funnel of source '" + f.source + "' into entity '" + f.entity +
                        "' does not balance: extracted " + std::to_string(f.extracted) +
                        " != out of scope " + std::to_string(f.out_of_scope) + " + suppressed " +
                        std::to_string(f.suppressed) + " + rejected " +
                        std::to_string(f.rejected) + " + not in subset " +
                        std::to_string(f.not_in_subset) + " + staged " +
                        std::to_string(f.staged));
      }
      result.funnel.push_back(f);
    }
    for (std::string& w : shaped.warnings) result.warnings.push_back(std::move(w));
    for (std::string& d : shaped.decisions) result.decisions.push_back(std::move(d));
  }

  // A row rejected by the reader is rejected once, whatever the number of entities it feeds;
  // a row rejected while shaping counts once per entity that rejected it.
  for (const LandResult& landed : result.sources) {
    int64_t rejected = landed.rejected;
    for (const SourceFunnel& f : result.funnel) {
      if (f.source == landed.source) rejected += f.rejected - landed.rejected;
    }
    const spec::Source* source = spec.FindSource(landed.source);
    if (source->max_rejects.Exceeded(rejected, landed.extracted)) {
      result.gate_failures.push_back(landed.source + ": " + std::to_string(rejected) + " of " +
                                     std::to_string(landed.extracted) +
                                     " rows rejected, over max_rejects " +
                                     source->max_rejects.text);
    }
  }

  std::optional<int64_t> kept_load;
  if (result.gate_failures.empty()) {
    journal.PromoteLoad(result.load_id);
    result.promoted = true;
    kept_load = result.load_id;
  } else {
    kept_load = LastPromotedLoad(staging);  // the previous staged state stays as it was
  }
  KeepOnlyLoad(staging, spec, kept_load);
  return result;
}

}  // namespace crm::staging
