#include "staging/shaping/duplicate_keys.h"

#include <catch2/catch.hpp>

#include "core/db/staging_schema.h"
#include "tests/shaping/shaping_fixture.h"

namespace crm::testing {
namespace {

long long Count(ShapingDb& s, const std::string& sql) {
  long long n = -1;
  s.db->session() << sql, soci::into(n);
  return n;
}

TEST_CASE("duplicate keys: later rows of a source are rejected, in chunks, naming the first",
          "[shaping][duplicates]") {
  ShapingDb s = OpenShapingDb("duplicate_keys");
  db::TableDef table = db::StagedTableDef("contact", {"external_id"}, {});
  db::CreateTable(*s.db, table);
  // legacy: 25,000 rows over 5,000 keys (20,000 duplicates: two chunks and a part);
  // other: 100 rows whose keys legacy also has, which are no duplicates of another source.
  {
    soci::transaction tx(s.db->session());
    long long run = s.run_id, line = 0, offset = 0;
    std::string source, key;
    soci::statement insert =
        (s.db->session().prepare << "INSERT INTO stg_contact (_crm_load, _crm_run, _crm_source, "
                                    "_crm_line, _crm_offset, external_id) VALUES (1, :r, :s, :l, "
                                    ":o, :k)",
         soci::use(run), soci::use(source), soci::use(line), soci::use(offset), soci::use(key));
    for (int i = 0; i < 25100; ++i) {
      source = i < 25000 ? "legacy" : "other";
      line = (i < 25000 ? i : i - 25000) + 2;
      offset = line * 10;
      key = "K" + std::to_string(i < 25000 ? i % 5000 : i - 25000);
      insert.execute(true);
    }
    tx.commit();
  }
  db::CreateTable(*s.db, table);  // the index, as ShapeEntity builds it before this step

  staging::DuplicateKeyScope scope{"stg_contact", "external_id", "contact", "external_id",
                                   "legacy",      1,             s.run_id};
  CHECK(staging::RejectDuplicateKeys(*s.db, *s.journal, scope) == 20000);
  CHECK(Count(s, "SELECT count(*) FROM stg_contact WHERE _crm_source = 'legacy'") == 5000);
  CHECK(Count(s, "SELECT count(DISTINCT external_id) FROM stg_contact WHERE _crm_source = "
                 "'legacy'") == 5000);
  CHECK(Count(s, "SELECT max(_crm_line) FROM stg_contact WHERE _crm_source = 'legacy'") == 5001);
  CHECK(Count(s, "SELECT count(*) FROM stg_contact WHERE _crm_source = 'other'") == 100);
  CHECK(Count(s, "SELECT count(*) FROM _rejects WHERE kind = 'duplicate_key'") == 20000);
  std::string message;
  s.db->session() << "SELECT message FROM _rejects WHERE line = 20003", soci::into(message);
  CHECK(message == "external_id: 'K1' was already staged from this source (line 3)");
  // Nothing left to find: a second pass rejects nothing.
  CHECK(staging::RejectDuplicateKeys(*s.db, *s.journal, scope) == 0);
}

}  // namespace
}  // namespace crm::testing
