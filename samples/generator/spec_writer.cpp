// migration.yaml for the generated files: the ACME sample's spec, every legacy column mapped.
#include <string>

#include "samples/generator/writers.h"

namespace crm::generator {
namespace {

// "%DATA%" stands for the data prefix.
constexpr std::string_view kSpec =
    R"(# ACME's move from a legacy CRM, a webshop and a newsletter tool into the new CRM.
# Written by samples/generate (crm-generate); the data beside it and truth.json come from the same
# run. Every path is relative to this file. The phases read it in order: plan, stage, validate,
# cutover, report (`crm-migrate run migration.yaml` runs them all).
version: 1
name: acme-to-newcrm
owner: Data governance <dg@acme.example>
description: Legacy CRM export, webshop customers and newsletter subscribers into the new CRM
roles:
  data_steward: Ann Smith <ann@acme.example>
  approver: Head of Sales <sales@acme.example>
staging: sqlite:work/staging.db
target: sqlite:work/crm.db

sources:
  legacy_accounts:
    type: csv
    description: Legacy CRM export, companies
    path: %DATA%legacy_accounts.csv
    encoding: windows-1252
    delimiter: ";"
    id_column: AccountID
    default_region: NL
    date_formats: ["%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y"]
  legacy:
    type: csv
    description: Legacy CRM export, people (19 columns)
    path: %DATA%legacy_contacts.csv
    encoding: windows-1252
    delimiter: ";"
    id_column: ID
    max_rejects: 10%
    default_region: NL
    timezone: Europe/Amsterdam
    date_formats: ["%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y"]
  webshop:
    type: sql
    description: Webshop customers
    connect: sqlite:%DATA%webshop.db
    query: SELECT * FROM customers
    id_column: customer_id
    default_region: NL
    date_formats: ["%Y-%m-%dT%H:%M:%S"]
  orders:
    type: sql
    description: Webshop orders
    connect: sqlite:%DATA%webshop.db
    table: orders
    id_column: order_id
    date_formats: ["%Y-%m-%d"]
  newsletter:
    type: jsonl
    description: Newsletter tool export
    path: %DATA%newsletter.jsonl
    id_column: id
    max_rejects: 10%
    default_region: NL

entities:
  account:
    table: accounts
    key: external_id
    id_strategy: uuid5
    fields:
      external_id: {type: string, required: true, max_length: 40}
      name: {type: string, required: true, max_length: 150}
      industry: string
      country: country
      city: string
      postal_code: postal_code
      phone: {type: phone, pii: true}
      created_at: date
    from:
      - source: legacy_accounts
        map:
          external_id: {template: "A-{AccountID}"}
          name: {from: Naam, transform: [trim, collapse_whitespace]}
          industry:
            from: Branche
            transform: [trim, value_map]
            value_map: {Brewing: FOOD, Food: FOOD, Hospitality: HOSPITALITY, Retail: RETAIL,
                        Manufacturing: MANUFACTURING, Logistics: LOGISTICS,
                        Construction: CONSTRUCTION}
            unmapped: keep
          country: {from: Land, transform: [country_iso2]}
          city: Plaats
          postal_code: {from: Postcode, transform: [trim, upper]}
          phone: {from: Telefoon, transform: [phone_e164], on_error: "null"}
          created_at: {from: Aangemaakt, transform: [date]}

  contact:
    table: contacts
    key: external_id
    id_strategy: uuid5
    depends_on: [account]
    fields:
      external_id: {type: string, required: true, max_length: 40}
      salutation: {type: string, max_length: 10}
      first_name: {type: string, max_length: 100}
      last_name: {type: string, required: true, max_length: 100}
      email: {type: email, pii: true, multi: true}
      phone: {type: phone, pii: true}
      mobile: {type: phone, pii: true}
      street: {type: string, pii: true, max_length: 150}
      postal_code: postal_code
      city: string
      country: country
      birth_date: {type: date, pii: true}
      status: string
      newsletter_opt_in: {type: boolean, column: newsletter_opt_in}
      created_at: datetime
      updated_at: datetime
      note: text
      account:
        ref: account
        multi: true
        link: {table: account_contacts, column: contact_id, ref_column: account_id}
    from:
      - source: legacy
        where: Status != 'deleted'
        map:
          external_id: {template: "L-{ID}"}
          account: {template: "A-{Account}"}
          salutation:
            from: Aanhef
            transform: [trim, value_map]
            value_map: {Dhr.: Mr, Mevr.: Ms, Herr: Mr, Frau: Ms, M.: Mr, Mme: Ms, Sr.: Mr,
                        Sra.: Ms, Mr.: Mr, Ms.: Ms, Mrs.: Mrs, Dr.: Dr}
            unmapped: keep
          first_name: {from: Voornaam, transform: [trim, title]}
          last_name: {concat: [Tussenvoegsel, Achternaam], transform: [trim, collapse_whitespace]}
          email: {from: EMail, transform: [trim, lower]}
          phone: {from: Tel, transform: [phone_e164], on_error: "null"}
          mobile: {from: Mobiel, transform: [phone_e164], on_error: "null"}
          street: {from: Straat, transform: [trim]}
          postal_code: {from: Postcode, transform: [trim, upper]}
          city: Plaats
          country: {from: Land, transform: [country_iso2], on_error: "null"}
          birth_date: {from: Geboortedatum, transform: [date], on_error: "null"}
          status: {from: Status, transform: [trim, lower]}
          created_at: {from: Aangemaakt, transform: [date]}
          updated_at: {from: Gewijzigd, transform: [datetime], formats: ["%Y-%m-%d %H:%M:%S"]}
          newsletter_opt_in:
            from: Nieuwsbrief
            transform: [boolean]
            true_values: [ja, j, "1", "yes"]
            false_values: [nee, n, "0", "no"]
          note: Notitie
      - source: webshop
        map:
          external_id: {template: "W-{customer_id}"}
          first_name: {from: first_name, transform: [trim, title]}
          last_name: last_name
          email: {from: email, transform: [trim, lower]}
          phone: {from: phone, transform: [phone_e164], on_error: "null"}
          country: {from: country_code, transform: [country_iso2]}
          newsletter_opt_in: {from: newsletter, transform: [boolean]}
          created_at: {from: created_at, transform: [datetime]}
      - source: newsletter
        map:
          external_id: {template: "N-{id}"}
          first_name: {from: name, transform: [split_name], part: first}
          last_name: {from: name, transform: [split_name], part: last}
          email: {from: email, transform: [trim, lower]}
          city: address.city
          country: {from: address.country, transform: [country_iso2], on_error: "null"}
          newsletter_opt_in: {from: consent.newsletter, transform: [boolean]}
    match:
      method: rules
      block: [email, phone, "soundex(last_name)+postal_code"]
      max_block_size: 200
      when:
        - {same: [email]}
        - {similar: [first_name, last_name], min: 0.92, and_same: [birth_date, postal_code]}
      survivorship:
        default: most_recent_non_empty
        email: {rule: most_frequent, keep_others: true}
        newsletter_opt_in: most_restrictive
        last_name: {rule: source_priority, order: [legacy, webshop, newsletter]}
      review: review/contacts.csv

  deal:
    table: deals
    key: external_id
    id_strategy: uuid5
    depends_on: [contact]
    fields:
      external_id: {type: string, required: true, max_length: 40}
      contact: {ref: contact}
      name: {type: string, required: true}
      amount: {type: decimal, precision: 12, scale: 2}
      currency: string
      stage: string
      closed_at: date
    from:
      - source: orders
        map:
          external_id: {template: "O-{order_id}"}
          contact: {template: "W-{customer_id}"}
          name: {template: "Webshop order {order_id}"}
          amount: {from: total_eur, transform: [number]}
          currency: {value: EUR}
          stage: {from: status, transform: [value_map], value_map: {paid: won, shipped: won}}
          closed_at: {from: ordered_at, transform: [date]}

rules:
  - {check: required, fields: [contact.last_name, contact.email], max_fail: 10%,
     empty_values: ["", n/a, "-", unknown]}
  - {check: format, field: contact.email, severity: error, max_fail: 5%}
  - {check: format, field: contact.phone, severity: warning}
  - {check: format, field: contact.mobile, severity: warning}
  - {check: allowed, field: contact.salutation, values: [Mr, Ms, Mrs, Dr], severity: warning}
  - {check: allowed, field: account.industry,
     values: [FOOD, HOSPITALITY, RETAIL, MANUFACTURING, LOGISTICS, CONSTRUCTION], severity: warning}
  - {check: unique, fields: [contact.email], normalize: true, severity: info}
  - {check: reference, field: contact.account, severity: error, max_fail: 5%}
  - {check: reference, field: deal.contact, severity: error, max_fail: 5%}
  - {check: stale, field: contact.updated_at, older_than: 8y, severity: info}

subsets:
  pilot: {fraction: 0.25, stratify: source, seed: 7}

cutover:
  mode: upsert
  batch: 1000
  on_error: quarantine
  max_errors: 5%
  id_strategy: uuid5
  crosswalk: out/crosswalk.csv

report:
  output: reports
  title: ACME migration
  max_samples: 10
)";

}  // namespace

void WriteSpec(const std::string& dir, std::string_view data_prefix) {
  OutFile out(dir + "/migration.yaml");
  constexpr std::string_view kMark = "%DATA%";
  std::string& b = out.buffer();
  for (size_t pos = 0;;) {
    const size_t at = kSpec.find(kMark, pos);
    b.append(kSpec.substr(pos, at == std::string_view::npos ? at : at - pos));
    if (at == std::string_view::npos) break;
    b.append(data_prefix);
    pos = at + kMark.size();
  }
  out.Close();
}

}  // namespace crm::generator
