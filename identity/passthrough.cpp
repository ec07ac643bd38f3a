#include "identity/passthrough.h"

#include "core/common/error.h"
#include "core/db/staging_schema.h"
#include "identity/golden/golden_tables.h"

namespace crm::identity {
namespace {

int64_t CountWhere(db::Database& db, const std::string& table, int64_t load_id) {
  long long count = 0;
  long long load = load_id;
  db.Guard("counting " + table, [&] {
    db.session() << "SELECT COUNT(*) FROM " + db.Quote(table) + " WHERE " +
                        db.Quote(db::kColLoad) + " = :l",
        soci::use(load), soci::into(count);
  });
  return count;
}

}  // namespace

int64_t CountGoldenRecords(db::Database& staging, const spec::Entity& entity, int64_t load_id) {
  const std::string gold = db::GoldTableName(entity.name);
  if (!staging.HasTable(gold)) return 0;
  return CountWhere(staging, gold, load_id);
}

GoldenCounts EnsureGoldenRecords(db::Database& staging, const spec::Entity& entity,
                                 int64_t load_id, int64_t run_id, bool rebuild) {
  GoldenCounts counts;
  counts.entity = entity.name;
  const std::string stg = db::StagedTableName(entity.name);
  const std::string gold = db::GoldTableName(entity.name);
  const std::string xref = db::XrefTableName(entity.name);
  if (!staging.HasTable(stg)) {
    throw Error(ErrorCategory::kInternal, "identity: entity '" + entity.name + "' has no " + stg +
                                              " table: run `crm-migrate stage` first");
  }
  counts.staged = CountWhere(staging, stg, load_id);

  std::vector<db::FieldColumn> fields;
  db::FieldColumn key{entity.key, db::LogicalType::kText};
  for (const spec::Field& f : entity.fields) {
    if (f.name == entity.key) {
      key.type = db::StorageType(f);
    } else {
      fields.push_back({f.name, db::StorageType(f)});
    }
  }
  EnsureGoldenTables(staging, entity);

  const int64_t existing = CountWhere(staging, gold, load_id);
  if (existing > 0 && !rebuild) {
    counts.golden = existing;
    counts.merged = counts.staged - existing;
    return counts;
  }

  const auto q = [&](std::string_view name) { return staging.Quote(name); };
  std::string field_list = q(entity.key);
  for (const db::FieldColumn& f : fields) field_list += ", " + q(f.name);
  std::string source_fields = "s." + q(entity.key);
  for (const db::FieldColumn& f : fields) source_fields += ", s." + q(f.name);
  const std::string load = std::to_string(load_id);
  const std::string run = std::to_string(run_id);

  staging.Guard("building the golden records of " + entity.name, [&] {
    soci::transaction tx(staging.session());
    staging.Execute("DELETE FROM " + q(gold));
    staging.Execute("DELETE FROM " + q(xref));
    // The first staged record of each key is the golden record; the count of records sharing the
    // key is its member count.
    staging.Execute("INSERT INTO " + q(gold) + " (" + q(db::kColLoad) + ", " + q(db::kColRun) +
                    ", " + q("_crm_members") + ", " + field_list + ") SELECT s." +
                    q(db::kColLoad) + ", " + run + ", m.n, " + source_fields + " FROM " + q(stg) +
                    " s JOIN (SELECT MIN(" + q(db::kColRow) + ") AS r, COUNT(*) AS n FROM " +
                    q(stg) + " WHERE " + q(db::kColLoad) + " = " + load + " GROUP BY " +
                    q(entity.key) + ") m ON m.r = s." + q(db::kColRow));
    staging.Execute("INSERT INTO " + q(xref) + " (" + q(db::kColLoad) + ", " + q("_crm_gold_key") +
                    ", " + q(db::kColSource) + ", " + q("_crm_source_key") + ", " +
                    q(db::kColLine) + ", " + q("_crm_score") + ", " + q("_crm_rule") +
                    ") SELECT s." + q(db::kColLoad) + ", s." + q(entity.key) + ", s." +
                    q(db::kColSource) + ", s." + q(entity.key) + ", s." + q(db::kColLine) +
                    ", 1, CASE WHEN s." + q(db::kColRow) + " = m.r THEN '" +
                    std::string(kRuleOneToOne) + "' ELSE '" + std::string(kRuleSameKey) +
                    "' END FROM " + q(stg) + " s JOIN (SELECT " + q(entity.key) + " AS k, MIN(" +
                    q(db::kColRow) + ") AS r FROM " + q(stg) + " WHERE " + q(db::kColLoad) +
                    " = " + load + " GROUP BY " + q(entity.key) + ") m ON m.k = s." +
                    q(entity.key) + " WHERE s." + q(db::kColLoad) + " = " + load);
    tx.commit();
  });
  counts.built = true;
  counts.golden = CountWhere(staging, gold, load_id);
  int64_t members = 0;
  {
    long long sum = 0;
    soci::indicator ind = soci::i_null;
    long long l = load_id;
    staging.Guard("counting the members of " + gold, [&] {
      staging.session() << "SELECT SUM(" + q("_crm_members") + ") FROM " + q(gold) + " WHERE " +
                               q(db::kColLoad) + " = :l",
          soci::use(l), soci::into(sum, ind);
    });
    members = ind == soci::i_ok ? sum : 0;
  }
  counts.merged = counts.staged - counts.golden;
  if (members != counts.staged || CountWhere(staging, xref, load_id) != counts.staged) {
    throw Error(ErrorCategory::kInternal,
                "identity: the golden records of '" + entity.name + "' do not balance: staged " +
                    std::to_string(counts.staged) + ", golden " + std::to_string(counts.golden) +
                    " holding " + std::to_string(members) + " members");
  }
  return counts;
}

}  // namespace crm::identity
