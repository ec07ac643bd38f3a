// Column names become words the dictionary matches, whatever the convention or language.
#include "planner/init/column_name.h"

#include <algorithm>
#include <catch2/catch.hpp>

#include "core/common/text.h"
#include "planner/init/field_dictionary.h"

namespace crm::plan::init {
namespace {

std::string Words(std::string_view name) { return Join(NameWords(name), " "); }

TEST_CASE("column names: conventions and accents", "[init]") {
  CHECK(Words("EMail") == "e mail");
  CHECK(Words("e_mail") == "e mail");
  CHECK(Words("E-Mail Address") == "e mail address");
  CHECK(Words("customerID") == "customer id");
  CHECK(Words("CompanyName") == "company name");
  CHECK(Words("Téléphone") == "telephone");
  CHECK(Words("Telefoon2") == "telefoon 2");
  CHECK(Words("address.city") == "address city");
  CHECK(Words("  ") == "");
  CHECK(Compact(NameWords("E-Mail")) == "email");
}

TEST_CASE("column names: identifiers", "[init]") {
  CHECK(IsIdName(NameWords("ID")));
  CHECK(IsIdName(NameWords("CustomerId")));
  CHECK(IsIdName(NameWords("account_id")));
  CHECK(IsIdName(NameWords("Klantnummer")));
  CHECK_FALSE(IsIdName(NameWords("paid")));
  CHECK_FALSE(IsIdName(NameWords("Valid")));
}

TEST_CASE("field dictionary: names in several languages find their field", "[init]") {
  const TargetEntity* contact = FindStandardEntity("contact");
  REQUIRE(contact != nullptr);
  auto has = [contact](const char* field, const char* column) {
    const TargetField* f = contact->FindField(field);
    const std::string key = Compact(NameWords(column));
    return std::find(f->names.begin(), f->names.end(), key) != f->names.end();
  };
  CHECK(has("email", "E-Mail Address"));
  CHECK(has("email", "correo"));
  CHECK(has("email", "Courriel"));
  CHECK(has("phone", "Telefoon"));
  CHECK(has("phone", "Telefon"));
  CHECK(has("phone", "téléphone"));
  CHECK(has("last_name", "Nachname"));
  CHECK(has("last_name", "apellido"));
  CHECK(has("last_name", "nom"));
  CHECK(has("company", "firma"));
  CHECK(has("company", "empresa"));
  CHECK(has("company", "CompanyName"));
  CHECK_FALSE(has("email", "Telefoon"));
  CHECK(FindStandardEntity("opportunity") == nullptr);
}

}  // namespace
}  // namespace crm::plan::init
