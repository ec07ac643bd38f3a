// legacy_contacts.csv: the legacy CRM's people, 19 columns, with the dirt the plan assigns.
#include <array>
#include <string>

#include "samples/generator/person.h"
#include "samples/generator/text.h"
#include "samples/generator/writers.h"

namespace crm::generator {
namespace {

constexpr std::string_view kContactHeader =
    "ID;Account;Aanhef;Voornaam;Tussenvoegsel;Achternaam;EMail;Tel;Mobiel;Straat;Postcode;Plaats;"
    "Land;Geboortedatum;Status;Aangemaakt;Gewijzigd;Nieuwsbrief;Notitie\r\n";
enum Col {
  kId,
  kAccount,
  kAanhef,
  kVoornaam,
  kTussen,
  kAchternaam,
  kEMail,
  kTel,
  kMobiel,
  kStraat,
  kPostcode,
  kPlaats,
  kLand,
  kGeboorte,
  kStatus,
  kAangemaakt,
  kGewijzigd,
  kNieuwsbrief,
  kNotitie,
  kColumns
};
constexpr std::string_view kColumnNames[kColumns] = {
    "ID",         "Account",   "Aanhef",      "Voornaam",      "Tussenvoegsel",
    "Achternaam", "EMail",     "Tel",         "Mobiel",        "Straat",
    "Postcode",   "Plaats",    "Land",        "Geboortedatum", "Status",
    "Aangemaakt", "Gewijzigd", "Nieuwsbrief", "Notitie"};

constexpr std::string_view kNotes[] = {
    "Klant sinds de beurs in Utrecht, belt liever 's ochtends",
    "Prefers e-mail over phone, decides with the purchasing team",
    "Interesse in onderhoudscontract voor 2025",
    "Ansprechpartner für Einkauf und Logistik",
    "Asked for the new price list after the webinar",
    "Kortingsafspraak 5% tot einde jaar, zie offerte",
    "Oud-klant, teruggekomen via de nieuwsbrief",
    "Contact préféré pour les commandes groupées"};
// Edge cases: quoted fields with the delimiter, quotes and line breaks inside.
constexpr std::string_view kEdgeNotes[] = {
    "Called on Monday; wants a \"quote\" for Q3",
    "Adres gewijzigd:\r\nnieuwe vestiging per 1 maart",
    "Zegt: \"bel me niet\"; alleen e-mail\r\nAkkoord van directie",
    "Meeting notes\r\n- prijs; levertijd\r\n- \"korting\" besproken"};
constexpr std::string_view kBadDates[] = {"03/04/2019", "onbekend", "2019-13-45", "00-00-0000",
                                          "31.02.20x9"};
constexpr unsigned char kUndefinedCp1252[] = {0x81, 0x8D, 0x8F, 0x90, 0x9D};

constexpr std::string_view kStatuses[] = {"active", "active", "active",   "active",
                                          "active", "active", "inactive", "prospect"};
constexpr std::string_view kYes[] = {"ja", "J", "1"};
constexpr std::string_view kNo[] = {"nee", "N", "0"};
constexpr std::string_view kNoteWithQuote = "Belt terug over de offerte";

PhoneStyle TelStyle(const Plan& plan, int64_t row, const Person& p) {
  Rng rng(plan.seed(), "legacy-tel", static_cast<uint64_t>(row));
  return PickLegacyPhoneStyle(p, &rng);
}

std::string InvalidPhone(Rng* rng) {
  std::string s;
  int digits = 7;
  switch (rng->Below(3)) {
    case 0:
      s = "+31 6 9";
      break;  // Dutch 06 9… is not allocated
    case 1:
      s = "+31 6 1";
      digits = 6;
      break;  // one digit short
    default:
      s = "+32 2 9";
      digits = 6;
      break;  // Belgian 02 9… is not allocated
  }
  for (int i = 0; i < digits; ++i) s.push_back(static_cast<char>('0' + rng->Below(10)));
  return s;
}

int64_t CountNewlines(std::string_view s) {
  int64_t n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

std::string Upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

}  // namespace

void WriteLegacyContacts(const Plan& plan, const std::string& dir, Truth* truth) {
  OutFile out(dir + "/legacy_contacts.csv");
  out.buffer().append(kContactHeader);
  int64_t line = 2;
  Person p;
  std::array<std::string, kColumns> f;
  std::string id, variants, origin_id;
  for (int64_t row = 0; row < plan.contacts(); ++row) {
    const Kind kind = plan.LegacyKind(row);
    const int64_t person = plan.LegacyPerson(row);
    MakePerson(plan.seed(), static_cast<uint64_t>(person), &p);
    Rng rng(plan.seed(), "legacy-row", static_cast<uint64_t>(row));
    const Country& c = p.Residence();
    id = std::to_string(1000 + row);
    for (std::string& s : f) s.clear();
    f[kId] = id;
    f[kAccount] = AccountId(plan.AccountOf(row));
    f[kAanhef] = rng.Chance(0.02) ? "Dr." : std::string(c.salutations[p.female ? 1 : 0]);
    f[kVoornaam] = p.first;
    f[kTussen] = p.particle;
    f[kAchternaam] = p.last;
    f[kEMail] = rng.Chance(0.02) ? "  " + p.email + " " : p.email;
    PhoneStyle tel_style = TelStyle(plan, row, p);
    variants.clear();
    if (kind == Kind::kNearDuplicate) {
      const int64_t mask = rng.Between(1, 7);
      if (mask & 1) {
        std::string& name = rng.Chance(0.5) ? f[kVoornaam] : f[kAchternaam];
        name = Typo(name, &rng);
        variants.append("name_typo");
      }
      if (mask & 2) {
        f[kEMail] = Upper(p.email);
        variants.append(variants.empty() ? "" : ",").append("email_upper");
      }
      if (mask & 4) {
        const PhoneStyle origin_style = TelStyle(plan, person, p);
        for (int t = 0; t < 16 && tel_style == origin_style; ++t) {
          tel_style = PickLegacyPhoneStyle(p, &rng);
        }
        variants.append(variants.empty() ? "" : ",").append("phone_format");
      } else {
        tel_style = TelStyle(plan, person, p);
      }
    }
    AppendPhone(p.phone, tel_style, &f[kTel]);
    if (!p.mobile.nsn.empty()) AppendPhone(p.mobile, PickLegacyPhoneStyle(p, &rng), &f[kMobiel]);
    f[kStraat] = p.street;
    f[kPostcode] = p.postal_code;
    f[kPlaats] = p.city;
    f[kLand] = c.spellings[rng.Below(c.spellings.size())];
    if (!rng.Chance(0.05)) AppendDate(p.birth, static_cast<int>(rng.Below(3)), &f[kGeboorte]);
    f[kStatus] = rng.Pick(kStatuses);
    int64_t created = p.created_days, updated = p.updated_seconds;
    if (kind == Kind::kStaleRecord) {
      created = rng.Between(DaysFromDate({2000, 1, 1}), DaysFromDate({2009, 12, 31}));
      updated = (created + rng.Between(0, 5 * 365)) * 86400 + rng.Between(8 * 3600, 17 * 3600);
    }
    AppendDate(DateFromDays(created), static_cast<int>(rng.Below(3)), &f[kAangemaakt]);
    AppendDateTime(updated, false, &f[kGewijzigd]);
    f[kNieuwsbrief] = p.newsletter ? rng.Pick(kYes) : rng.Pick(kNo);
    if (rng.Chance(0.8)) {
      f[kNotitie] = rng.Pick(kNotes);
      // Two or three sentences make a row about 268 bytes, as in DESIGN.md's measurements.
      if (rng.Chance(0.9)) f[kNotitie].append(". ").append(rng.Pick(kNotes));
      if (rng.Chance(0.35)) f[kNotitie].append(". ").append(rng.Pick(kNotes));
    }

    int field = -1;  // the column the defect is in
    switch (kind) {
      case Kind::kFieldCount:
        break;
      case Kind::kInvalidEncoding:
        field = kAchternaam;
        break;
      case Kind::kUnterminatedQuote:
        field = kNotitie;
        f[kNotitie] = kNoteWithQuote;
        break;
      case Kind::kUnparseableDate:
        field = kAangemaakt;
        f[field] = rng.Pick(kBadDates);
        break;
      case Kind::kNotAPhone:
        field = kTel;
        f[field] = NotPhones()[rng.Below(NotPhones().size())];
        break;
      case Kind::kInvalidEmail:
        field = kEMail;
        f[field] = InvalidEmail(p.email, &rng);
        break;
      case Kind::kInvalidPhone:
        field = kTel;
        f[field] = InvalidPhone(&rng);
        break;
      case Kind::kMissingLastName:
        field = kAchternaam;
        f[kTussen].clear();
        f[kAchternaam].clear();
        break;
      case Kind::kDanglingAccount:
        field = kAccount;
        f[field] = AccountId(plan.accounts() + 1 + static_cast<int64_t>(rng.Below(1000)));
        break;
      case Kind::kStaleRecord:
        field = kGewijzigd;
        break;
      case Kind::kSalutationNotInPicklist:
        field = kAanhef;
        f[field] = BadSalutations()[rng.Below(BadSalutations().size())];
        break;
      case Kind::kDeleted:
        field = kStatus;
        f[field] = "deleted";
        break;
      case Kind::kQuotedNote:
        field = kNotitie;
        f[field] = rng.Pick(kEdgeNotes);
        break;
      default:
        break;
    }

    std::string& b = out.buffer();
    const size_t start = b.size();
    // A wrong field count: the row cut short, or one field too many.
    const int keep = kind == Kind::kFieldCount && rng.Chance(0.5)
                         ? static_cast<int>(rng.Between(4, kColumns - 2))
                         : kColumns;
    for (int col = 0; col < keep; ++col) {
      if (col > 0) b.push_back(';');
      if (col == kNotitie && kind == Kind::kUnterminatedQuote) {
        b.push_back('"');
        AppendCp1252(f[col], &b);
      } else if (col == kAchternaam && kind == Kind::kInvalidEncoding) {
        const size_t at = b.size();
        AppendCsvField(f[col], &b);
        b.insert(b.begin() + static_cast<std::ptrdiff_t>(at + 1),
                 static_cast<char>(rng.Pick(kUndefinedCp1252)));
      } else {
        AppendCsvField(f[col], &b);
      }
    }
    if (kind == Kind::kFieldCount && keep == kColumns) b.append(";extra");
    b.append("\r\n");
    const int64_t lines = CountNewlines(std::string_view(b).substr(start));
    out.MaybeFlush();

    if (kind != Kind::kClean) {
      Truth::Defect d({Truth::kLegacy, row}, id, line, kind);
      std::string value;
      if (field >= 0) d.field = kColumnNames[field];
      if (field >= 0 && kind != Kind::kInvalidEncoding && kind != Kind::kUnterminatedQuote) {
        value = Cp1252RoundTrip(f[field]);
        d.value = value;
        d.has_value = true;
      }
      if (kind == Kind::kNearDuplicate) {
        origin_id = std::to_string(1000 + person);
        d.origin = {Truth::kLegacy, person};
        d.origin_record = origin_id;
        d.variants = variants;
      }
      truth->Add(d);
    }
    line += lines;
  }
  truth->CountRecords(Truth::kLegacy, plan.contacts());
  out.Close();
}

}  // namespace crm::generator
