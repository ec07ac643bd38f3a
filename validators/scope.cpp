#include "validators/scope.h"

#include <algorithm>

#include "core/common/error.h"
#include "core/common/text.h"
#include "core/db/journal.h"
#include "core/db/staging_schema.h"

namespace crm::validate {
namespace {

bool Covers(const spec::Subset& s, const std::string& entity) {
  return s.entities.empty() ||
         std::find(s.entities.begin(), s.entities.end(), entity) != s.entities.end();
}

// The subset whose seed and stratification stage used for an entity's _crm_bucket
// (staging/shaping/shape.cpp): the load's own subset, else the first subset covering the entity.
const spec::Subset* BucketSubset(const spec::Spec& spec, const std::string& load_subset,
                                 const std::string& entity) {
  if (!load_subset.empty()) return spec.FindSubset(load_subset);
  for (const spec::Subset& s : spec.subsets) {
    if (Covers(s, entity)) return &s;
  }
  return nullptr;
}

// floor(fraction * 2^32), the stage's limit (staging/shaping/bucket.h), kept here so validate
// depends on the staging contract, not on the staging library.
uint64_t Limit(double fraction) {
  if (!(fraction > 0)) return 0;
  if (fraction >= 1) return uint64_t{1} << 32;
  return static_cast<uint64_t>(fraction * 4294967296.0);
}

std::string Describe(const spec::Subset& s) {
  return "seed " + std::to_string(s.seed) + ", stratify " + s.stratify;
}

}  // namespace

const EntityScope& RunScope::Of(const std::string& entity) const {
  auto it = entities.find(entity);
  if (it == entities.end()) {
    throw Error(ErrorCategory::kInternal, "validate: no scope for entity '" + entity + "'");
  }
  return it->second;
}

std::string RunScope::Where(const db::Database& db, const std::string& entity,
                            const std::string& alias) const {
  // Every row of stg_* belongs to the one staged load, so a rule reads the whole table: `+ 0`
  // keeps the planner from walking the (load, key) index row by row and sorting afterwards
  // (SQLite), where a plain scan in row order is 40% cheaper and needs no sort.
  std::string where = alias + "." + db.Quote(db::kColLoad) + " + 0 = " + std::to_string(load_id);
  const EntityScope& scope = Of(entity);
  if (scope.sampled) {
    where += " AND " + alias + "." + db.Quote(db::kColBucket) + " < " +
             std::to_string(scope.bucket_limit);
  }
  return where;
}

std::string RunScope::WhereStaged(const db::Database& db, const std::string& alias) const {
  return alias + "." + db.Quote(db::kColLoad) + " = " + std::to_string(load_id);
}

RunScope ResolveScope(const spec::Spec& spec, db::Database& db, const std::string& subset) {
  RunScope scope;
  if (!subset.empty()) {
    scope.subset = spec.FindSubset(subset);
    if (scope.subset == nullptr) {
      std::vector<std::string> names;
      for (const spec::Subset& s : spec.subsets) names.push_back(s.name);
      std::string message = "crm-migrate validate: unknown subset '" + subset + "'";
      std::string close = ClosestMatch(subset, names);
      if (!close.empty()) message += " (did you mean '" + close + "'?)";
      if (names.empty()) message += ": the spec defines no subsets";
      throw Error(ErrorCategory::kUsage, message);
    }
  }
  long long load_id = 0;
  soci::indicator found = soci::i_null;
  db.Guard("reading the staged load", [&] {
    db.session() << "SELECT MAX(" + db.Quote("id") + ") FROM " + db.Quote("_loads") + " WHERE " +
                        db.Quote("promoted") + " = 1",
        soci::into(load_id, found);
  });
  if (found != soci::i_ok) {
    throw Error(ErrorCategory::kUsage,
                "crm-migrate validate: nothing is staged yet: run `crm-migrate stage` first");
  }
  scope.load_id = load_id;
  db::Journal journal(db);
  std::optional<db::LoadRecord> load = journal.GetLoad(load_id);
  scope.load_subset = load ? load->subset : "";
  const std::string staged = "the staged load " + std::to_string(load_id);
  if (!scope.load_subset.empty() && subset.empty()) {
    throw Error(ErrorCategory::kUsage,
                "crm-migrate validate: " + staged + " holds only the subset '" + scope.load_subset +
                    "': run `crm-migrate stage` for the full data, or validate --subset " +
                    scope.load_subset);
  }
  if (!scope.load_subset.empty() && scope.load_subset != subset) {
    throw Error(ErrorCategory::kUsage,
                "crm-migrate validate: " + staged + " holds only the subset '" + scope.load_subset +
                    "', not '" + subset + "': run `crm-migrate stage --subset " + subset +
                    "` or `crm-migrate stage` first");
  }
  for (const spec::Entity& entity : spec.entities) {
    EntityScope e;
    e.entity = &entity;
    e.table = db::StagedTableName(entity.name);
    e.exists = db.HasTable(e.table);
    if (scope.subset && Covers(*scope.subset, entity.name)) {
      const spec::Subset* bucket = BucketSubset(spec, scope.load_subset, entity.name);
      if (bucket == nullptr || bucket->seed != scope.subset->seed ||
          bucket->stratify != scope.subset->stratify) {
        throw Error(ErrorCategory::kUsage,
                    "crm-migrate validate: subset '" + subset + "' (" + Describe(*scope.subset) +
                        ") selects other records of entity '" + entity.name + "' than " + staged +
                        " was bucketed for" +
                        (bucket ? " (subset '" + bucket->name + "', " + Describe(*bucket) + ")"
                                : std::string(" (no subset)")) +
                        ": run `crm-migrate stage --subset " + subset + "` first");
      }
      e.sampled = true;
      e.bucket_limit = Limit(scope.subset->fraction);
    }
    scope.entities.emplace(entity.name, e);
  }
  return scope;
}

std::string DateParam(const db::Database& db, const std::string& name) {
  // SQLite keeps dates as ISO text, where text order is date order; CAST(... AS DATE) would give
  // it NUMERIC affinity (2018) instead.
  if (db.traits().dialect == db::Dialect::kSqlite) return ":" + name;
  return "CAST(:" + name + " AS DATE)";
}

std::string Normalized(const std::string& expr) { return "LOWER(TRIM(" + expr + "))"; }

std::string Exact(const db::Database& db, const std::string& expr) {
  if (db.traits().dialect == db::Dialect::kMysql) return "CAST(" + expr + " AS BINARY)";
  return expr;
}

}  // namespace crm::validate
