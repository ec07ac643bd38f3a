#include "staging/shaping/duplicate_keys.h"

#include <vector>

#include "core/db/cells.h"
#include "core/db/staging_schema.h"

namespace crm::staging {
namespace {

constexpr int kChunk = 10000;


struct Duplicate {
  int64_t row = 0, line = -1, offset = -1, first_line = -1;
  std::string key;
};

}  // namespace

int64_t RejectDuplicateKeys(db::Database& db, db::Journal& journal, const DuplicateKeyScope& scope) {
  const std::string t = db.Quote(scope.table), key = db.Quote(scope.key_column, "key column");
  const std::string row = db.Quote(db::kColRow), load = db.Quote(db::kColLoad),
                    source = db.Quote(db::kColSource), line = db.Quote(db::kColLine);
  // Whether any key repeats in the load at all: one pass over the (load, key) index, which holds
  // both columns, so no table row is read. Nearly always there is none, and the self-join below,
  // which looks every row of the load up again (5% of the stage's instructions at 200k rows), is
  // skipped.
  const std::string repeated = "SELECT 1 FROM " + t + " WHERE " + load + " = :l AND " + key +
                               " IS NOT NULL GROUP BY " + key + " HAVING COUNT(*) > 1 LIMIT 1";
  bool any_repeated = false;
  db.Guard("finding duplicate keys in " + scope.table, [&] {
    long long l = scope.load_id;
    int one = 0;
    soci::indicator ind = soci::i_null;
    db.session() << repeated, soci::use(l), soci::into(one, ind);
    any_repeated = db.session().got_data() && ind == soci::i_ok;
  });
  if (!any_repeated) return 0;
  // The first row of a key is never a duplicate, so it is never deleted: later chunks still
  // find it.
  const std::string select =
      "SELECT d." + row + ", d." + line + ", d." + db.Quote(db::kColOffset) + ", d." + key +
      ", MIN(f." + line + ") FROM " + t + " d JOIN " + t + " f ON f." + load + " = d." + load +
      " AND f." + key + " = d." + key + " AND f." + source + " = d." + source + " AND f." + row +
      " < d." + row + " WHERE d." + load + " = :l AND d." + source + " = :s AND d." + row +
      " > :after GROUP BY d." + row + ", d." + line + ", d." + db.Quote(db::kColOffset) + ", d." +
      key + " ORDER BY d." + row + " LIMIT " + std::to_string(kChunk);
  const std::string remove = "DELETE FROM " + t + " WHERE " + row + " = :r";
  int64_t rejected = 0;
  long long after = 0;
  while (true) {
    std::vector<Duplicate> found;
    db.Guard("finding duplicate keys in " + scope.table, [&] {
      long long l = scope.load_id;
      std::string s = scope.source;
      soci::rowset<soci::row> rows =
          (db.session().prepare << select, soci::use(l), soci::use(s), soci::use(after));
      for (const soci::row& r : rows) {
        Duplicate d;
        d.row = db::CellInteger(r, 0).value_or(-1);
        d.line = db::CellInteger(r, 1).value_or(-1);
        d.offset = db::CellInteger(r, 2).value_or(-1);
        d.key = r.get_indicator(3) == soci::i_null ? std::string() : r.get<std::string>(3);
        d.first_line = db::CellInteger(r, 4).value_or(-1);
        found.push_back(std::move(d));
      }
    });
    if (found.empty()) break;
    db.Guard("removing duplicate keys from " + scope.table, [&] {
      soci::transaction tx(db.session());
      long long id = 0;
      soci::statement st = (db.session().prepare << remove, soci::use(id));
      for (const Duplicate& d : found) {
        id = d.row;
        st.execute(true);
      }
      tx.commit();
    });
    std::vector<db::RejectRecord> rejects;
    for (const Duplicate& d : found) {
      db::RejectRecord rec;
      rec.phase = "stage";
      rec.source = scope.source;
      rec.entity = scope.entity;
      rec.line = d.line;
      rec.byte_offset = d.offset;
      rec.column = scope.key_field;
      rec.kind = RejectKind::kDuplicateKey;
      rec.raw = d.key;
      rec.message = scope.key_field + ": '" + d.key + "' was already staged from this source" +
                    (d.first_line >= 0 ? " (line " + std::to_string(d.first_line) + ")" : "");
      rec.load_id = scope.load_id;
      rejects.push_back(std::move(rec));
    }
    journal.WriteRejects(scope.run_id, rejects);
    rejected += static_cast<int64_t>(found.size());
    after = found.back().row;
    if (found.size() < static_cast<size_t>(kChunk)) break;
  }
  return rejected;
}

}  // namespace crm::staging
