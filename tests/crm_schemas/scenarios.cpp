#include "tests/crm_schemas/scenarios.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <set>

#include "core/common/text.h"
#include "core/db/staging_schema.h"
#include "loaders/values.h"
#include "tests/loaders/cutover_harness.h"
#include "loaders/sql/sql_target.h"

namespace crm::loaders::testing {
namespace {

const std::vector<std::string> kSuitecrmTables = {
    "accounts", "contacts", "accounts_contacts", "email_addresses", "email_addr_bean_rel"};
const std::vector<std::string> kDolibarrTables = {"llx_societe", "llx_socpeople"};

// What the golden contacts of the staging database say the e-mail tables must hold, worked out
// from gold_contact directly (not through the loaders): one value row per distinct lower-cased
// address, one join row per (contact, address), and per contact its golden address first.
struct EmailTruth {
  std::set<std::string> addresses;
  int64_t pairs = 0;
  std::string key_with_secondary;  // a golden contact with more than one address
  std::vector<std::string> its_addresses;  // golden first
};

EmailTruth EmailsOfGoldenContacts(db::Database& staging) {
  EmailTruth truth;
  soci::rowset<soci::row> rows =
      (staging.session().prepare
       << "SELECT external_id, email, _crm_secondary FROM " + db::GoldTableName("contact") +
              " WHERE _crm_load = (SELECT MAX(_crm_load) FROM " + db::GoldTableName("contact") +
              ") ORDER BY external_id");
  for (const soci::row& r : rows) {
    std::vector<std::string> mine;
    std::set<std::string> seen;
    auto add = [&](const std::string& address) {
      if (!address.empty() && seen.insert(ToLowerAscii(address)).second) mine.push_back(address);
    };
    if (Value email = CellText(r, 1)) add(*email);
    if (r.get_indicator(2) != soci::i_null) {
      Poco::JSON::Parser parser;
      auto object = parser.parse(r.get<std::string>(2)).extract<Poco::JSON::Object::Ptr>();
      if (auto others = object->getArray("email")) {
        for (size_t i = 0; i < others->size(); ++i) {
          add(others->getArray(static_cast<unsigned>(i))->getElement<std::string>(0));
        }
      }
    }
    for (const std::string& a : mine) truth.addresses.insert(ToLowerAscii(a));
    truth.pairs += static_cast<int64_t>(mine.size());
    if (mine.size() > 1 && truth.key_with_secondary.empty()) {
      truth.key_with_secondary = CellText(r, 0).value_or("");
      truth.its_addresses = mine;
    }
  }
  return truth;
}

std::string Uuid(const CrmSample& sample, const std::string& key) {
  return Uuid5(sample.spec().cutover.id_namespace, key);
}

std::string SuitecrmCounts(const CrmSample& sample) { return sample.Counts(kSuitecrmTables); }

}  // namespace

void CheckSuitecrmLoad(const TargetFactory& make_target) {
  CrmSample sample(Crm::kSuitecrm, "suite", make_target("suite"));
  const std::string empty = sample.Target();
  const EmailTruth truth = EmailsOfGoldenContacts(sample.staging());
  REQUIRE(!truth.key_with_secondary.empty());

  const std::string dry = sample.Cutover(CutoverOptions{.dry_run = true});
  INFO(dry);
  CHECK(dry.find("dry-run exit 0") != std::string::npos);
  CHECK(sample.Target() == empty);

  int64_t run = 0;
  const std::string first = sample.Cutover({}, &run);
  INFO(first);
  CHECK(first.find(" exit 0\n") != std::string::npos);
  CHECK(first.find("account -> accounts: staged=12 golden=12 inserted=12 updated=0 unchanged=0 "
                   "rejected=0") != std::string::npos);
  // SuiteCRM's last_name is nullable: the contact the sample's own target refuses loads here.
  CHECK(first.find("contact -> contacts: staged=90 golden=71 inserted=71 updated=0 unchanged=0 "
                   "rejected=0") != std::string::npos);
  CHECK(first.find("checksums differ") == std::string::npos);
  CHECK(first.find("difference") == std::string::npos);

  // Counts: every golden record, every resolved account link, and the e-mail rows the golden
  // contacts call for.
  const std::string links = sample.Query(
      "SELECT COUNT(*) FROM accounts_contacts ac JOIN contacts c ON c.id = ac.contact_id "
      "JOIN accounts a ON a.id = ac.account_id WHERE ac.deleted = 0");
  CHECK(SuitecrmCounts(sample) ==
        "accounts=12 contacts=71 accounts_contacts=" + std::string(TrimView(links)) +
            " email_addresses=" + std::to_string(truth.addresses.size()) +
            " email_addr_bean_rel=" + std::to_string(truth.pairs));
  CHECK(std::stoi(std::string(TrimView(links))) >= 50);
  CHECK(sample.Query("SELECT COUNT(*) FROM email_addr_bean_rel r JOIN email_addresses e ON "
                     "e.id = r.email_address_id JOIN contacts c ON c.id = r.bean_id WHERE "
                     "r.bean_module = 'Contacts' AND r.deleted = 0 AND e.deleted = 0") ==
        std::to_string(truth.pairs) + "\n");
  // Every contact with an address has exactly one primary one.
  CHECK(sample.Query("SELECT COUNT(*) FROM (SELECT bean_id FROM email_addr_bean_rel GROUP BY "
                     "bean_id HAVING SUM(primary_address) <> 1) x") == "0\n");

  // Known records: ids are UUIDv5 of the external ids. João Araújo (L-1001, account A003), whose
  // two legacy records (CrmSample adds the second) give him two addresses, the webshop's one
  // the most frequent, hence the primary.
  const std::string joao = Uuid(sample, "L-1001");
  CHECK(sample.Query("SELECT first_name, last_name, primary_address_city, birthdate, deleted "
                     "FROM contacts WHERE id = '" + joao + "'") ==
        "Jo\xc3\xa3o|Ara\xc3\xbajo|Chicago|1945-08-10|0\n");
  CHECK(sample.Query("SELECT e.email_address, e.email_address_caps, r.primary_address, "
                     "r.bean_module, r.deleted FROM email_addr_bean_rel r JOIN email_addresses e "
                     "ON e.id = r.email_address_id WHERE r.bean_id = '" + joao +
                     "' ORDER BY e.email_address") ==
        "joao.araujo1@mail.example|JOAO.ARAUJO1@MAIL.EXAMPLE|1|Contacts|0\n"
        "joao.araujo@work.example|JOAO.ARAUJO@WORK.EXAMPLE|0|Contacts|0\n");
  CHECK(sample.Query("SELECT a.id, a.deleted, ac.deleted FROM accounts_contacts ac JOIN accounts "
                     "a ON a.id = ac.account_id WHERE ac.contact_id = '" + joao + "'") ==
        Uuid(sample, "A-A003") + "|0|0\n");
  CHECK(sample.Query("SELECT id FROM email_addresses WHERE email_address = "
                     "'joao.araujo@work.example'") ==
        Uuid5(sample.spec().cutover.id_namespace, "email_addresses:joao.araujo@work.example") +
            "\n");
  // A merged contact: its golden address primary, the others survivorship kept secondary.
  std::string want;
  for (size_t i = 0; i < truth.its_addresses.size(); ++i) {
    want += ToLowerAscii(truth.its_addresses[i]) + "|" + (i == 0 ? "1" : "0") + "\n";
  }
  CHECK(sample.Query("SELECT LOWER(e.email_address), r.primary_address FROM email_addr_bean_rel "
                     "r JOIN email_addresses e ON e.id = r.email_address_id WHERE r.bean_id = '" +
                     Uuid(sample, truth.key_with_secondary) +
                     "' ORDER BY r.primary_address DESC, LOWER(e.email_address)") ==
        [&] {
          // Secondary addresses in address order, as the query sorts them.
          std::vector<std::string> rest(truth.its_addresses.begin() + 1,
                                        truth.its_addresses.end());
          for (std::string& a : rest) a = ToLowerAscii(a);
          std::sort(rest.begin(), rest.end());
          std::string text = ToLowerAscii(truth.its_addresses[0]) + "|1\n";
          for (const std::string& a : rest) text += a + "|0\n";
          return text;
        }());

  // A re-run finds everything in place: same ids, nothing written.
  const std::string loaded = sample.Target();
  const std::string again = sample.Cutover();
  INFO(again);
  CHECK(again.find("account -> accounts: staged=12 golden=12 inserted=0 updated=0 unchanged=12 "
                   "rejected=0 skipped=0 unresolved=0 links=0") != std::string::npos);
  CHECK(again.find("contact -> contacts: staged=90 golden=71 inserted=0 updated=0 unchanged=71 "
                   "rejected=0 skipped=0 unresolved=1 links=0") != std::string::npos);
  CHECK(sample.Target() == loaded);

  // The rollback takes the target back to the empty schema, e-mail and link rows included.
  const std::string undone = sample.Rollback(run);
  INFO(undone);
  CHECK(undone.find("rollback deleted=83 restored=0") != std::string::npos);
  CHECK(sample.Target() == empty);
  CHECK(SuitecrmCounts(sample) == "accounts=0 contacts=0 accounts_contacts=0 email_addresses=0 "
                                  "email_addr_bean_rel=0");
}

void CheckSuitecrmResume(const TargetFactory& make_target) {
  CrmSample reference(Crm::kSuitecrm, "suiteref", make_target("suiteref"));
  REQUIRE(reference.Cutover().find(" exit 0\n") != std::string::npos);
  const std::string want = reference.Target();
  // Writes: accounts (1); the contacts' one batch: rows (2), e-mail addresses (3), their join
  // rows (4), account links (5).
  for (int fail_at : {1, 2, 3, 4, 5}) {
    DYNAMIC_SECTION("failing at write " << fail_at) {
      const std::string name = "suitefail" + std::to_string(fail_at);
      CrmSample sample(Crm::kSuitecrm, name, make_target(name));
      CutoverOptions failing;
      failing.wrap_target = FailAtWrite(fail_at);
      int64_t run = 0;
      const std::string failed = sample.Cutover(failing, &run);
      CHECK(failed.find("error io (exit 3): simulated crash") != std::string::npos);
      const std::string resumed = sample.Cutover(CutoverOptions{.resume = true});
      INFO(resumed);
      CHECK(resumed.find(" exit 0\n") != std::string::npos);
      CHECK(resumed.find("checksums differ") == std::string::npos);
      CHECK(sample.Target() == want);
      // The resumed cutover is undone as one, from the pre-images both runs wrote.
      sample.Rollback(run);
      CHECK(SuitecrmCounts(sample) == "accounts=0 contacts=0 accounts_contacts=0 "
                                      "email_addresses=0 email_addr_bean_rel=0");
    }
  }
}

namespace {

// Dolibarr's rows by external id, with the third party of a contact named by its external id
// too: the rowids are the database's (a rolled-back insert may use one up), the rest is ours.
std::string DolibarrRows(const CrmSample& sample) {
  return sample.Query("SELECT ref_ext, nom, town, zip, phone, datec, client, entity, status "
                      "FROM llx_societe ORDER BY ref_ext") +
         sample.Query("SELECT p.ref_ext, p.civility, p.firstname, p.lastname, p.email, p.phone, "
                      "p.phone_mobile, p.address, p.zip, p.town, p.birthday, p.datec, "
                      "p.note_private, s.ref_ext FROM llx_socpeople p LEFT JOIN llx_societe s ON "
                      "s.rowid = p.fk_soc ORDER BY p.ref_ext");
}

// DolibarrRows with the rowids: what a re-run must leave exactly as it was. (RenderTarget's
// SELECT * cannot read llx_societe's geometry column through SOCI's MySQL backend.)
std::string DolibarrRowsAndIds(const CrmSample& sample) {
  return DolibarrRows(sample) +
         sample.Query("SELECT ref_ext, rowid FROM llx_societe ORDER BY ref_ext") +
         sample.Query("SELECT ref_ext, rowid, fk_soc FROM llx_socpeople ORDER BY ref_ext");
}

}  // namespace

void CheckDolibarrLoad(const TargetFactory& make_target) {
  CrmSample sample(Crm::kDolibarr, "doli", make_target("doli"));
  const std::string empty = DolibarrRowsAndIds(sample);
  REQUIRE(empty.empty());

  const std::string dry = sample.Cutover(CutoverOptions{.dry_run = true});
  INFO(dry);
  CHECK(dry.find("dry-run exit 0") != std::string::npos);
  CHECK(DolibarrRowsAndIds(sample) == empty);

  int64_t run = 0;
  const std::string first = sample.Cutover({}, &run);
  INFO(first);
  CHECK(first.find(" exit 0\n") != std::string::npos);
  CHECK(first.find("account -> llx_societe: staged=12 golden=12 inserted=12 updated=0 "
                   "unchanged=0 rejected=0") != std::string::npos);
  // One contact names an account the sample does not have: fk_soc cannot be filled, so it is
  // rejected (the other targets keep it, as their account link is a separate row).
  CHECK(first.find("contact -> llx_socpeople: staged=90 golden=71 inserted=70 updated=0 "
                   "unchanged=0 rejected=1") != std::string::npos);
  CHECK(first.find("checksums differ") == std::string::npos);
  CHECK(sample.Counts(kDolibarrTables) == "llx_societe=12 llx_socpeople=70");

  // Every fk_soc is an account's rowid, read back after the database made it.
  CHECK(sample.Query("SELECT COUNT(*) FROM llx_socpeople p LEFT JOIN llx_societe s ON s.rowid = "
                     "p.fk_soc WHERE p.fk_soc IS NOT NULL AND s.rowid IS NULL") == "0\n");
  // Contacts without an account (the webshop's and the newsletter's) have no third party.
  long long without_account = 0;
  sample.staging().session() << "SELECT COUNT(*) FROM " + db::GoldTableName("contact") +
                                    " WHERE account IS NULL AND _crm_load = (SELECT MAX("
                                    "_crm_load) FROM " + db::GoldTableName("contact") + ")",
      soci::into(without_account);
  CHECK(without_account > 0);
  CHECK(sample.Query("SELECT COUNT(*) FROM llx_socpeople WHERE fk_soc IS NULL") ==
        std::to_string(without_account) + "\n");
  CHECK(sample.Query("SELECT p.firstname, p.lastname, p.email, p.town, s.ref_ext FROM "
                     "llx_socpeople p JOIN llx_societe s ON s.rowid = p.fk_soc WHERE p.ref_ext "
                     "= 'L-1001'") ==
        "Jo\xc3\xa3o|Ara\xc3\xbajo|joao.araujo1@mail.example|Chicago|A-A003\n");
  // The database enforces the foreign key the load had to respect.
  CHECK(sample.Execute("INSERT INTO llx_socpeople (ref_ext, lastname, fk_soc) VALUES "
                       "('X-1', 'Nobody', 999999)") != "ok");
  CHECK(sample.Counts(kDolibarrTables) == "llx_societe=12 llx_socpeople=70");

  // A re-run: the rows and their rowids stay as they are.
  const std::string loaded = DolibarrRowsAndIds(sample);
  const std::string again = sample.Cutover();
  INFO(again);
  CHECK(again.find("account -> llx_societe: staged=12 golden=12 inserted=0 updated=0 "
                   "unchanged=12") != std::string::npos);
  CHECK(again.find("contact -> llx_socpeople: staged=90 golden=71 inserted=0 updated=0 "
                   "unchanged=70 rejected=1") != std::string::npos);
  CHECK(DolibarrRowsAndIds(sample) == loaded);

  const std::string undone = sample.Rollback(run);
  INFO(undone);
  CHECK(undone.find("rollback deleted=82 restored=0") != std::string::npos);
  CHECK(DolibarrRowsAndIds(sample) == empty);
}

void CheckDolibarrResume(const TargetFactory& make_target) {
  CrmSample reference(Crm::kDolibarr, "doliref", make_target("doliref"));
  REQUIRE(reference.Cutover().find(" exit 0\n") != std::string::npos);
  const std::string want = DolibarrRows(reference);
  // Writes: third parties (1), contacts (2).
  for (int fail_at : {1, 2}) {
    DYNAMIC_SECTION("failing at write " << fail_at) {
      const std::string name = "dolifail" + std::to_string(fail_at);
      CrmSample sample(Crm::kDolibarr, name, make_target(name));
      CutoverOptions failing;
      failing.wrap_target = FailAtWrite(fail_at);
      int64_t run = 0;
      CHECK(sample.Cutover(failing, &run).find("error io (exit 3): simulated crash") !=
            std::string::npos);
      const std::string resumed = sample.Cutover(CutoverOptions{.resume = true});
      INFO(resumed);
      CHECK(resumed.find(" exit 0\n") != std::string::npos);
      CHECK(resumed.find("checksums differ") == std::string::npos);
      CHECK(DolibarrRows(sample) == want);
      sample.Rollback(run);
      CHECK(sample.Counts(kDolibarrTables) == "llx_societe=0 llx_socpeople=0");
    }
  }
}

}  // namespace crm::loaders::testing
