// `init` end to end through RunInit: the sample's sources, Chinook and Northwind give drafts the
// project's spec loader accepts, with the obvious fields mapped right; bad arguments and existing
// files fail with a clear error and write nothing.
#include "planner/init/init.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "core/common/error.h"
#include "core/spec/spec.h"
#include "tests/init/init_support.h"

namespace crm::plan::init {
namespace {

namespace fs = std::filesystem;
using testing::MappedColumn;
using testing::ScratchDir;

const fs::path kRoot = CRM_SOURCE_DIR;

std::string Read(const fs::path& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

spec::Spec Scaffold(const fs::path& dir, const std::vector<SourceArg>& sources,
                    const std::string& region = "") {
  InitOptions options;
  options.dir = dir.string();
  options.sources = sources;
  options.default_region = region;
  InitResult result = RunInit(options);
  REQUIRE(result.written.size() == 2);
  CHECK(fs::exists(dir / "README.md"));
  return spec::LoadSpec((dir / "migration.yaml").string());  // throws when the parser refuses it
}

TEST_CASE("init: the sample's four sources", "[init]") {
  ScratchDir scratch;
  const fs::path data = kRoot / "samples/acme/data";
  spec::Spec spec = Scaffold(scratch.path() / "acme",
                             {{"legacy_accounts", (data / "legacy_accounts.csv").string()},
                              {"legacy", (data / "legacy_contacts.csv").string()},
                              {"webshop", (data / "webshop.db").string()},
                              {"newsletter", (data / "newsletter.jsonl").string()}},
                             "NL");
  // Sniffed settings written out explicitly.
  const spec::Source* legacy = spec.FindSource("legacy");
  REQUIRE(legacy != nullptr);
  CHECK(legacy->delimiter == ";");
  CHECK(legacy->encoding != "auto");
  CHECK(legacy->encoding != "utf-8");
  CHECK(legacy->id_column == "ID");
  CHECK(legacy->default_region == "NL");
  REQUIRE(spec.FindSource("webshop_customers") != nullptr);
  CHECK(spec.FindSource("webshop_customers")->table == "customers");
  CHECK(spec.FindSource("webshop_orders")->table == "orders");
  CHECK(spec.FindSource("newsletter")->type == spec::SourceType::kJsonl);

  CHECK(MappedColumn(spec, "account", "legacy_accounts", "name") == "Naam");
  CHECK(MappedColumn(spec, "account", "legacy_accounts", "country") == "Land");
  CHECK(MappedColumn(spec, "account", "legacy_accounts", "phone") == "Telefoon");
  CHECK(MappedColumn(spec, "account", "legacy_accounts", "external_id") ==
        "template:legacy_accounts-{AccountID}");

  CHECK(MappedColumn(spec, "contact", "legacy", "external_id") == "template:legacy-{ID}");
  CHECK(MappedColumn(spec, "contact", "legacy", "first_name") == "Voornaam");
  CHECK(MappedColumn(spec, "contact", "legacy", "last_name") == "Achternaam");
  CHECK(MappedColumn(spec, "contact", "legacy", "email") == "EMail");
  CHECK(MappedColumn(spec, "contact", "legacy", "phone") == "Tel");
  CHECK(MappedColumn(spec, "contact", "legacy", "mobile") == "Mobiel");
  CHECK(MappedColumn(spec, "contact", "legacy", "postal_code") == "Postcode");
  CHECK(MappedColumn(spec, "contact", "legacy", "city") == "Plaats");
  CHECK(MappedColumn(spec, "contact", "legacy", "country") == "Land");
  CHECK(MappedColumn(spec, "contact", "legacy", "birth_date") == "Geboortedatum");
  CHECK(MappedColumn(spec, "contact", "legacy", "newsletter_opt_in") == "Nieuwsbrief");

  CHECK(MappedColumn(spec, "contact", "webshop_customers", "email") == "email");
  CHECK(MappedColumn(spec, "contact", "webshop_customers", "first_name") == "first_name");
  CHECK(MappedColumn(spec, "contact", "webshop_customers", "country") == "country_code");

  CHECK(MappedColumn(spec, "contact", "newsletter", "email") == "email");
  CHECK(MappedColumn(spec, "contact", "newsletter", "first_name") == "name");  // split_name
  CHECK(MappedColumn(spec, "contact", "newsletter", "city") == "address.city");
  CHECK(MappedColumn(spec, "contact", "newsletter", "newsletter_opt_in") == "consent.newsletter");

  CHECK(MappedColumn(spec, "deal", "webshop_orders", "amount") == "total_eur");
  CHECK(MappedColumn(spec, "deal", "webshop_orders", "closed_at") == "ordered_at");

  // Types and transforms as the stage needs them.
  const spec::Entity* contact = spec.FindEntity("contact");
  REQUIRE(contact != nullptr);
  CHECK(contact->FindField("email")->type == spec::FieldType::kEmail);
  CHECK(contact->FindField("email")->pii == spec::PiiMode::kMask);
  CHECK(contact->FindField("birth_date")->type == spec::FieldType::kDate);
  const std::string yaml = Read(scratch.path() / "acme/migration.yaml");
  // The column mixes three formats; every one the sample needs is written, the most used first.
  CHECK_THAT(yaml, Catch::Contains("birth_date: {from: Geboortedatum, transform: [date], "
                                   "formats: [\"%d.%m.%Y\", \"%d-%m-%Y\", \"%Y-%m-%d\"]"));
  CHECK_THAT(yaml, Catch::Contains("# confidence 0.98: name 'EMail': a usual name of email"));
  CHECK_THAT(yaml, Catch::Contains("# not mapped: Account (text), Tussenvoegsel (text)"));
}

TEST_CASE("init: Chinook's Customer table through SQLite", "[init]") {
  ScratchDir scratch;
  spec::Spec spec =
      Scaffold(scratch.path() / "chinook",
               {{"chinook", (kRoot / "tests/data/chinook/Chinook_Sqlite.sqlite").string()}});
  const std::string s = "chinook_customer";
  REQUIRE(spec.FindSource(s) != nullptr);
  CHECK(spec.FindSource(s)->id_column == "CustomerId");
  CHECK(spec.FindSource("chinook_employee") == nullptr);  // staff, left out
  CHECK(spec.FindSource("chinook_track") == nullptr);     // no entity
  CHECK(MappedColumn(spec, "contact", s, "external_id") ==
        "template:chinook_customer-{CustomerId}");
  CHECK(MappedColumn(spec, "contact", s, "first_name") == "FirstName");
  CHECK(MappedColumn(spec, "contact", s, "last_name") == "LastName");
  CHECK(MappedColumn(spec, "contact", s, "company") == "Company");
  CHECK(MappedColumn(spec, "contact", s, "street") == "Address");
  CHECK(MappedColumn(spec, "contact", s, "city") == "City");
  CHECK(MappedColumn(spec, "contact", s, "state") == "State");
  CHECK(MappedColumn(spec, "contact", s, "country") == "Country");
  CHECK(MappedColumn(spec, "contact", s, "postal_code") == "PostalCode");
  CHECK(MappedColumn(spec, "contact", s, "phone") == "Phone");
  CHECK(MappedColumn(spec, "contact", s, "fax") == "Fax");
  CHECK(MappedColumn(spec, "contact", s, "email") == "Email");
  CHECK(MappedColumn(spec, "contact", s, "mobile") == "");
  CHECK(MappedColumn(spec, "deal", "chinook_invoice", "amount") == "Total");
  CHECK(MappedColumn(spec, "deal", "chinook_invoice", "closed_at") == "InvoiceDate");
}

// Northwind's customers are companies with a contact person: an account, from the SQLite copy
// and from the CSV export alike.
TEST_CASE("init: Northwind's customers as SQLite table and CSV export", "[init]") {
  ScratchDir scratch;
  const fs::path data = kRoot / "tests/data/northwind";
  spec::Spec spec = Scaffold(scratch.path() / "northwind",
                             {{"nw", (data / "northwind_derived.sqlite").string()},
                              {"customers", (data / "csv_extracted/customers.csv").string()}});
  for (const std::string s : {"nw_customers", "customers"}) {
    INFO(s);
    REQUIRE(spec.FindSource(s) != nullptr);
    CHECK(spec.FindSource(s)->id_column == "customer_id");
    CHECK(MappedColumn(spec, "account", s, "external_id") == "template:" + s + "-{customer_id}");
    CHECK(MappedColumn(spec, "account", s, "name") == "company_name");
    CHECK(MappedColumn(spec, "account", s, "street") == "address");
    CHECK(MappedColumn(spec, "account", s, "city") == "city");
    CHECK(MappedColumn(spec, "account", s, "state") == "region");
    CHECK(MappedColumn(spec, "account", s, "postal_code") == "postal_code");
    CHECK(MappedColumn(spec, "account", s, "country") == "country");
    CHECK(MappedColumn(spec, "account", s, "phone") == "phone");
    CHECK(MappedColumn(spec, "account", s, "fax") == "fax");
  }
  CHECK(spec.FindSource("customers")->delimiter == ",");
  CHECK(spec.FindSource("nw_employees") == nullptr);
  CHECK(spec.FindSource("nw_order_details") == nullptr);
  CHECK(MappedColumn(spec, "deal", "nw_orders", "closed_at") == "order_date");
}

TEST_CASE("init: never overwrites, and writes nothing when it would", "[init]") {
  ScratchDir scratch;
  const fs::path dir = scratch.path() / "m";
  fs::create_directories(dir);
  std::ofstream(dir / "README.md") << "ours\n";
  InitOptions options;
  options.dir = dir.string();
  options.sources = {{"nw", (kRoot / "tests/data/northwind/csv_extracted/customers.csv").string()}};
  try {
    RunInit(options);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.category() == ErrorCategory::kUsage);
    CHECK_THAT(e.what(), Catch::Contains("README.md already exists"));
  }
  CHECK_FALSE(fs::exists(dir / "migration.yaml"));
  CHECK(Read(dir / "README.md") == "ours\n");
}

TEST_CASE("init: bad arguments are usage errors naming what is wrong", "[init]") {
  CHECK_THROWS_WITH(ParseSourceArg("legacy"), Catch::Contains("expected NAME=PATH"));
  CHECK_THROWS_WITH(ParseSourceArg("=x.csv"), Catch::Contains("expected NAME=PATH"));
  CHECK_THROWS_WITH(ParseSourceArg("legacy="), Catch::Contains("expected NAME=PATH"));
  CHECK_THROWS_WITH(ParseSourceArg("1st=x.csv"), Catch::Contains("'1st' is not an identifier"));
  CHECK(ParseSourceArg("shop=sqlite:a=b.db").location == "sqlite:a=b.db");

  ScratchDir scratch;
  InitOptions options;
  options.dir = (scratch.path() / "m").string();
  auto category_of = [&options]() {
    try {
      RunInit(options);
    } catch (const Error& e) {
      return e.category();
    }
    return ErrorCategory::kInternal;
  };
  CHECK(category_of() == ErrorCategory::kUsage);  // no source
  const std::string customers =
      (kRoot / "tests/data/northwind/csv_extracted/customers.csv").string();
  options.sources = {{"a", customers}, {"a", customers}};
  CHECK(category_of() == ErrorCategory::kUsage);  // twice
  options.sources = {{"a", customers}};
  options.default_region = "XX";
  CHECK(category_of() == ErrorCategory::kUsage);
  options.default_region = "";
  options.sources = {{"a", (scratch.path() / "missing.csv").string()}};
  CHECK(category_of() == ErrorCategory::kIo);
  options.sources = {{"a", (scratch.path() / "data.xlsx").string()}};
  CHECK(category_of() == ErrorCategory::kUsage);  // type not known
  CHECK_FALSE(fs::exists(scratch.path() / "m"));
}

}  // namespace
}  // namespace crm::plan::init
