#include "staging/landing/raw_columns.h"

#include <catch2/catch.hpp>

#include "core/common/text.h"
#include "core/db/dialect.h"
#include "staging/landing/hash.h"
#include "staging/landing/suppression.h"

namespace crm::staging {

TEST_CASE("raw column names are identifiers, deterministic and distinct", "[landing]") {
  const std::vector<std::string> names =
      RawColumnNames({"E-Mail Address", "1st phone", "ID", "id", "", "_crm_row", "address.city",
                      "a\"; DROP TABLE x;--", "Straße", "  ", std::string(80, 'x'),
                      std::string(80, 'x'), "E_Mail_Address"});
  CHECK(Join(names, " ") ==
        "E_Mail_Address c_1st_phone ID id_2 column_5 x_crm_row address_city a_DROP_TABLE_x Stra_e "
        "column_10 " +
            std::string(63, 'x') + " " + std::string(61, 'x') + "_2 E_Mail_Address_2");
  for (const std::string& name : names) CHECK(db::IsValidIdentifier(name));
}

TEST_CASE("Hash64 is XXH64", "[landing]") {
  // Reference values of the published algorithm (xxhsum -H64).
  CHECK(Hex64(Hash64("")) == "ef46db3751d8e999");
  CHECK(Hex64(Hash64("a")) == "d24ec4f1a98c6e5b");
  CHECK(Hex64(Hash64("The quick brown fox jumps over the lazy dog")) == "0b242d361fda71bc");
}

TEST_CASE("suppression values are normalised", "[landing]") {
  CHECK(NormalizeEmail("  Ann@Example.COM ") == "ann@example.com");
  CHECK(NormalizePhone(" +31 (0)6-1234 5678") == "+310612345678");
  CHECK(NormalizePhone("06 1234 5678") == "0612345678");
}

}  // namespace crm::staging
