// Which staged rows a validate run looks at, and the few SQL spellings the rules need per dialect.
//
// stg_<entity> holds the rows of one load: the newest promoted one (stage removes the others).
// A full run needs that load to be a full load; `--subset S` accepts a full load (the members are
// the rows whose _crm_bucket, computed by stage with S's seed and stratification, is below S's
// limit) or a load of S itself. Entities S does not sample are checked whole.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/db/database.h"
#include "core/spec/spec.h"

namespace crm::validate {

struct EntityScope {
  const spec::Entity* entity = nullptr;
  std::string table;          // stg_<entity>
  bool sampled = false;       // only the subset's members are in scope
  uint64_t bucket_limit = 0;  // sampled: members have _crm_bucket below it
  bool exists = false;        // the table exists (an entity never staged has none)
};

struct RunScope {
  int64_t load_id = 0;
  std::string load_subset;               // the staged load's subset; empty: a full load
  const spec::Subset* subset = nullptr;  // the run's subset; nullptr: everything
  std::map<std::string, EntityScope> entities;

  const EntityScope& Of(const std::string& entity) const;
  // The SQL condition selecting `entity`'s rows in scope, columns qualified with `alias`
  // (`a."_crm_load" = 3 AND a."_crm_bucket" < 1073741824`).
  std::string Where(const db::Database& db, const std::string& entity,
                    const std::string& alias) const;
  // The condition selecting every staged row of `entity` (the current load), whatever the subset:
  // reference checks look parents up here, so a pilot never reports false dangling references.
  std::string WhereStaged(const db::Database& db, const std::string& alias) const;
};

// Finds the staged load and checks that it fits the request. Throws crm::Error(kUsage) for an
// unknown subset, nothing staged, or a load that does not hold what the run asks for.
RunScope ResolveScope(const spec::Spec& spec, db::Database& db, const std::string& subset);

// A bound parameter `:name` compared with a date or timestamp column.
std::string DateParam(const db::Database& db, const std::string& name);
// LOWER(TRIM(expr)): the normalised spelling of a value for unique and conflict checks.
std::string Normalized(const std::string& expr);
// `expr` compared byte for byte: MySQL/MariaDB's default collations ignore case and trailing
// spaces, which would make an exact unique check a normalised one.
std::string Exact(const db::Database& db, const std::string& expr);

}  // namespace crm::validate
