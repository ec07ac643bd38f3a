// The legacy CRM export's accounts (legacy_accounts.csv) and the CSV helpers every legacy
// writer shares: `;`-separated, Windows-1252, CRLF, fields quoted only when they hold `;`, `"`, CR
// or LF.
#include <string>

#include "samples/generator/person.h"
#include "samples/generator/text.h"
#include "samples/generator/writers.h"

namespace crm::generator {
namespace {

constexpr std::string_view kAccountHeader =
    "AccountID;Naam;Branche;Land;Plaats;Postcode;Telefoon;Aangemaakt\r\n";
bool NeedsQuotes(std::string_view s) {
  for (char c : s) {
    if (c == ';' || c == '"' || c == '\r' || c == '\n') return true;
  }
  return false;
}

}  // namespace

void AppendCsvField(std::string_view utf8, std::string* out) {
  if (!NeedsQuotes(utf8)) {
    AppendCp1252(utf8, out);
    return;
  }
  out->push_back('"');
  size_t start = 0;
  for (size_t q = utf8.find('"'); q != std::string_view::npos; q = utf8.find('"', start)) {
    AppendCp1252(utf8.substr(start, q + 1 - start), out);
    out->push_back('"');
    start = q + 1;
  }
  AppendCp1252(utf8.substr(start), out);
  out->push_back('"');
}

namespace {}  // namespace

std::string AccountId(int64_t number) {
  std::string id = std::to_string(number);
  return "A" + std::string(id.size() < 3 ? 3 - id.size() : 0, '0') + id;
}

PhoneStyle PickLegacyPhoneStyle(const Person& p, Rng* rng) {
  static constexpr PhoneStyle kDomestic[] = {PhoneStyle::kNational,      PhoneStyle::kNational,
                                             PhoneStyle::kNational,      PhoneStyle::kNationalDash,
                                             PhoneStyle::kNationalTight, PhoneStyle::kIntlSpaced,
                                             PhoneStyle::kIntl00,        PhoneStyle::kE164};
  static constexpr PhoneStyle kForeign[] = {PhoneStyle::kIntlSpaced, PhoneStyle::kIntlSpaced,
                                            PhoneStyle::kIntl00, PhoneStyle::kE164};
  // National formats only for Dutch numbers: the export's default region is NL.
  return p.Residence().iso2 == "NL" ? rng->Pick(kDomestic) : rng->Pick(kForeign);
}

std::string InvalidEmail(std::string_view email, Rng* rng) {
  const size_t at = email.find('@');
  const std::string local(email.substr(0, at)), domain(email.substr(at + 1));
  switch (rng->Below(5)) {
    case 0:
      return local + "@@" + domain;
    case 1:
      return local + "." + domain;  // no @
    case 2:
      return local.substr(0, 3) + " " + local.substr(3) + "@" + domain;
    case 3:
      return "@" + domain;
    default:
      return local + "@" + domain.substr(0, domain.find('.')) + "..example";
  }
}

void WriteLegacyAccounts(const Plan& plan, const std::string& dir, Truth* truth) {
  OutFile out(dir + "/legacy_accounts.csv");
  out.buffer().append(kAccountHeader);
  Person place;
  std::string name;
  for (int64_t i = 0; i < plan.accounts(); ++i) {
    Rng rng(plan.seed(), "account", static_cast<uint64_t>(i));
    MakePerson(plan.seed(), (1ULL << 40) + static_cast<uint64_t>(i), &place);
    const std::string id = AccountId(i + 1);
    name.assign(CompanyWords()[rng.Below(CompanyWords().size())]);
    name.append(" ").append(CompanyForms()[rng.Below(CompanyForms().size())]);
    const bool bad = plan.AccountKind(i) == Kind::kIndustryNotInPicklist;
    const std::string_view industry = bad ? BadIndustries()[rng.Below(BadIndustries().size())]
                                          : Industries()[rng.Below(Industries().size())];
    std::string& b = out.buffer();
    b.append(id).push_back(';');
    AppendCsvField(name, &b);
    b.push_back(';');
    AppendCsvField(industry, &b);
    b.push_back(';');
    AppendCsvField(place.Residence().spellings[rng.Below(place.Residence().spellings.size())], &b);
    b.push_back(';');
    AppendCsvField(place.city, &b);
    b.push_back(';');
    b.append(place.postal_code).push_back(';');
    AppendPhone(place.phone, PickLegacyPhoneStyle(place, &rng), &b);
    b.push_back(';');
    AppendDate(DateFromDays(rng.Between(DaysFromDate({2008, 1, 1}), DaysFromDate({2022, 12, 31}))),
               static_cast<int>(rng.Below(3)), &b);
    b.append("\r\n");
    out.MaybeFlush();
    if (bad) {
      Truth::Defect d({Truth::kLegacyAccounts, i}, id, i + 2, Kind::kIndustryNotInPicklist);
      d.field = "Branche";
      d.value = industry;
      d.has_value = true;
      truth->Add(d);
    }
  }
  truth->CountRecords(Truth::kLegacyAccounts, plan.accounts());
  out.Close();
}

}  // namespace crm::generator
