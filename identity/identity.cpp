#include "identity/identity.h"

#include <map>

#include "core/common/error.h"
#include "core/db/staging_schema.h"
#include "identity/golden/golden_tables.h"
#include "identity/golden/review_file.h"
#include "identity/golden/survivorship.h"

namespace crm::identity {
namespace {

int64_t Count(db::Database& staging, const std::string& table, int64_t load_id,
              const std::string& condition = "") {
  long long count = 0, load = load_id;
  staging.Guard("counting " + table, [&] {
    staging.session() << "SELECT COUNT(*) FROM " + staging.Quote(table) + " WHERE " +
                             staging.Quote(db::kColLoad) + " = :l" + condition,
        soci::use(load), soci::into(count);
  });
  return count;
}

EntityIdentity Resolve(const spec::Spec& spec, db::Database& staging, const spec::Entity& entity,
                       const ReviewFile& review, const IdentityOptions& options,
                       Progress& progress) {
  EntityIdentity out;
  out.entity = entity.name;
  out.matched = true;
  for (const ReviewDecision& d : review.decisions) ++(d.accept ? out.accepted : out.rejected);
  progress.Note("identity: resolving " + entity.name);
  const Resolution resolution =
      options.resolve(staging, entity, options.load_id, review.decisions, progress);
  GoldenBuild build = BuildGoldenRecords(spec, staging, entity, options.load_id, options.run_id,
                                         resolution, progress, options.max_samples);
  out.counts = build.counts;
  out.clusters_flagged = build.clusters_flagged;
  out.merged = std::move(build.merged);
  out.warnings = resolution.warnings;
  out.match_counts = resolution.counts;

  const std::vector<const spec::Field*> fields = ReviewFields(entity);
  out.possible =
      DescribePairs(staging, entity, options.load_id, resolution.possible, fields, options.mask);
  WritePossibleMatches(staging, options.run_id, entity, out.possible, fields);
  if (!entity.match->review.empty()) {
    out.review_path = ReviewPath(spec, entity.match->review);
    std::vector<ReviewLine> lines = review.decided;
    for (ReviewLine& line : ReviewLines(out.possible, fields)) lines.push_back(std::move(line));
    WriteReviewFile(out.review_path, ReviewValueColumns(fields), lines);
  }
  return out;
}

}  // namespace

std::vector<EntityIdentity> ResolveIdentities(const spec::Spec& spec, db::Database& staging,
                                              const IdentityOptions& options,
                                              Progress& progress) {
  // Everything that can refuse the run is checked before the first write.
  std::map<std::string, ReviewFile> reviews;
  for (const spec::Entity& e : spec.entities) {
    if (!e.match) continue;
    if (!options.resolve || !options.mask) {
      throw Error(ErrorCategory::kInternal,
                  "identity: resolving '" + e.name + "' needs a resolver and a masking function");
    }
    SurvivorshipRules check(spec, e);
    if (!e.match->review.empty()) {
      reviews[e.name] = ReadReviewFile(spec, ReviewPath(spec, e.match->review));
    }
  }
  std::vector<EntityIdentity> out;
  for (const spec::Entity* e : spec.EntitiesInLoadOrder()) {
    if (!staging.HasTable(db::StagedTableName(e->name))) continue;  // never staged
    if (e->match) {
      out.push_back(Resolve(spec, staging, *e, reviews[e->name], options, progress));
      continue;
    }
    EntityIdentity one;
    one.entity = e->name;
    progress.Note("identity: " + e->name + " 1:1 (no match configuration)");
    one.counts = EnsureGoldenRecords(staging, *e, options.load_id, options.run_id,
                                     /*rebuild=*/true);
    out.push_back(std::move(one));
  }
  return out;
}

GoldenCounts PrepareGoldenRecords(db::Database& staging, const spec::Entity& entity,
                                  int64_t load_id, int64_t run_id) {
  if (!entity.match) return EnsureGoldenRecords(staging, entity, load_id, run_id);
  const std::string stg = db::StagedTableName(entity.name);
  GoldenCounts counts;
  counts.entity = entity.name;
  counts.staged = staging.HasTable(stg) ? Count(staging, stg, load_id) : 0;
  const std::string gold = db::GoldTableName(entity.name);
  const std::string xref = db::XrefTableName(entity.name);
  // The 1:1 pass marks its xref rows "1:1"; identity resolution never does.
  const bool resolved =
      staging.HasTable(gold) && staging.HasTable(xref) &&
      Count(staging, xref, load_id) == counts.staged &&
      Count(staging, xref, load_id,
            " AND " + staging.Quote(kColRule) + " = '" + std::string(kRuleOneToOne) + "'") == 0;
  if (!resolved) {
    throw Error(ErrorCategory::kUsage,
                "cutover: entity '" + entity.name + "' has a match configuration, but identity " +
                    "resolution has not run on staged load " + std::to_string(load_id) +
                    ": run `crm-migrate validate` (or `crm-migrate validate --only identity`) " +
                    "first");
  }
  counts.golden = Count(staging, gold, load_id);
  counts.merged = counts.staged - counts.golden;
  return counts;
}

}  // namespace crm::identity
