#include "samples/generator/person.h"

#include <algorithm>

#include "samples/generator/text.h"

namespace crm::generator {
namespace {

// The name pool (index into NamePools()) of people living in each country of Countries().
constexpr int kPoolOfCountry[] = {0, 0, 1, 2, 3, 4, 4, 4, 5, 6, 1, 5, 8, 8};
constexpr int kFrenchPool = 2;
constexpr int64_t kDay = 86400;

// Appends a non-negative number, zero-padded to `width` digits.
void AppendDigits(int64_t value, int width, std::string* out) {
  char buf[24];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value > 0);
  while (n < width) buf[n++] = '0';
  while (n > 0) out->push_back(buf[--n]);
}

int PickCountry(Rng* rng) {
  int64_t r = static_cast<int64_t>(rng->Below(1000));
  const auto weights = CountryWeights();
  for (size_t i = 0; i < weights.size(); ++i) {
    r -= weights[i];
    if (r < 0) return static_cast<int>(i);
  }
  return 0;
}

std::string_view PickOf(std::span<const std::string_view> items, Rng* rng) {
  return items[rng->Below(items.size())];
}

void AppendGrouped(std::string_view digits, char sep, std::string* out) {
  // Groups of four, then three and two at the end, the way people write them.
  size_t i = 0;
  while (digits.size() - i > 4) {
    size_t take =
        digits.size() - i == 6 || digits.size() - i == 5 || digits.size() - i == 7 ? 3 : 4;
    out->append(digits.substr(i, take));
    out->push_back(sep);
    i += take;
  }
  out->append(digits.substr(i));
}

}  // namespace

Date DateFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(yoe + era * 400 + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

int64_t DaysFromDate(Date date) {
  const int64_t y = date.year - (date.month <= 2);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy =
      (153 * (date.month > 2 ? date.month - 3 : date.month + 9) + 2) / 5 + date.day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void AppendDate(Date date, int format, std::string* out) {
  if (format == 1) {
    AppendDigits(date.year, 4, out);
    out->push_back('-');
    AppendDigits(date.month, 2, out);
    out->push_back('-');
    AppendDigits(date.day, 2, out);
    return;
  }
  const char sep = format == 0 ? '-' : '.';
  AppendDigits(date.day, 2, out);
  out->push_back(sep);
  AppendDigits(date.month, 2, out);
  out->push_back(sep);
  AppendDigits(date.year, 4, out);
}

void AppendDateTime(int64_t seconds, bool iso_t, std::string* out) {
  const int64_t days = seconds >= 0 ? seconds / kDay : (seconds - kDay + 1) / kDay;
  const int64_t rest = seconds - days * kDay;
  AppendDate(DateFromDays(days), 1, out);
  out->push_back(iso_t ? 'T' : ' ');
  AppendDigits(rest / 3600, 2, out);
  out->push_back(':');
  AppendDigits(rest / 60 % 60, 2, out);
  out->push_back(':');
  AppendDigits(rest % 60, 2, out);
}

void AppendPhone(const Phone& phone, PhoneStyle style, std::string* out) {
  const Country& c = Countries()[phone.country];
  const std::string_view nsn = phone.nsn;
  const std::string_view area = nsn.substr(0, static_cast<size_t>(phone.area));
  const std::string_view rest = nsn.substr(static_cast<size_t>(phone.area));
  const bool us = c.iso2 == "US";
  switch (style) {
    case PhoneStyle::kE164:
      out->push_back('+');
      out->append(c.calling_code);
      out->append(nsn);
      return;
    case PhoneStyle::kIntlSpaced:
    case PhoneStyle::kIntl00:
      out->append(style == PhoneStyle::kIntl00 ? "00" : "+");
      out->append(c.calling_code);
      out->push_back(' ');
      out->append(area);
      out->push_back(' ');
      AppendGrouped(rest, ' ', out);
      return;
    case PhoneStyle::kNational:
      if (us) {
        out->push_back('(');
        out->append(area);
        out->append(") ");
        out->append(rest.substr(0, 3));
        out->push_back('-');
        out->append(rest.substr(3));
        return;
      }
      out->append(c.trunk);
      out->append(area);
      out->push_back(' ');
      AppendGrouped(rest, ' ', out);
      return;
    case PhoneStyle::kNationalDash:
      out->append(us ? std::string_view() : c.trunk);
      out->append(area);
      out->push_back('-');
      out->append(rest);
      return;
    case PhoneStyle::kNationalTight:
      out->append(us ? std::string_view() : c.trunk);
      out->append(nsn);
      return;
  }
}

Phone MakePhone(int country, bool mobile, Rng* rng) {
  const Country& c = Countries()[country];
  const auto ranges = mobile ? c.mobile : c.fixed;
  const PhoneRange& r = ranges[rng->Below(ranges.size())];
  Phone phone{country, std::string(r.prefix), r.area};
  while (static_cast<int>(phone.nsn.size()) < r.length) {
    phone.nsn.push_back(static_cast<char>('0' + rng->Below(10)));
  }
  return phone;
}

std::string Person::FullName() const {
  std::string name = first;
  name.push_back(' ');
  if (!particle.empty()) {
    name.append(particle);
    name.push_back(' ');
  }
  name.append(last);
  return name;
}

void MakePerson(uint64_t seed, uint64_t id, Person* out) {
  Rng rng(seed, "person", id);
  Person& p = *out;
  p.id = id;
  p.country = PickCountry(&rng);
  int pool = kPoolOfCountry[p.country];
  if (Countries()[p.country].iso2 == "BE" && rng.Chance(0.5)) pool = kFrenchPool;
  if (rng.Chance(0.12)) pool = static_cast<int>(rng.Below(NamePools().size()));
  const NamePool& names = NamePools()[pool];
  const size_t first = rng.Below(names.first.size());
  p.first.assign(names.first[first]);
  p.female = first % 2 == 1;
  p.last.assign(PickOf(names.last, &rng));
  p.particle.clear();
  if (!names.particles.empty() && rng.Chance(0.45))
    p.particle.assign(PickOf(names.particles, &rng));

  p.email.clear();
  p.email.append(AsciiFold(p.first));
  p.email.push_back('.');
  p.email.append(AsciiFold(p.particle));
  p.email.append(AsciiFold(p.last));
  AppendDigits(static_cast<int64_t>(id), 1, &p.email);
  p.email.push_back('@');
  p.email.append(PickOf(MailDomains(), &rng));

  const bool mobile_first = rng.Chance(0.6);
  p.phone = MakePhone(p.country, mobile_first, &rng);
  p.mobile =
      mobile_first || rng.Chance(0.4) ? Phone{p.country, "", 1} : MakePhone(p.country, true, &rng);
  const Country& c = p.Residence();
  p.street.assign(PickOf(c.streets, &rng));
  p.street.push_back(' ');
  AppendDigits(rng.Between(1, 240), 1, &p.street);
  p.postal_code.clear();
  for (char shape : c.postal) {
    if (shape == '9') {
      p.postal_code.push_back(static_cast<char>('0' + rng.Between(p.postal_code.empty(), 9)));
    } else if (shape == 'A') {
      p.postal_code.push_back(static_cast<char>('A' + rng.Below(26)));
    } else {
      p.postal_code.push_back(shape);
    }
  }
  p.city.assign(PickOf(c.cities, &rng));
  p.birth = DateFromDays(rng.Between(DaysFromDate({1945, 1, 1}), DaysFromDate({2004, 12, 31})));
  p.created_days = rng.Between(DaysFromDate({2016, 1, 1}), DaysFromDate({2024, 12, 31}));
  const int64_t updated_days = std::max(
      p.created_days, rng.Between(DaysFromDate({2022, 1, 1}), DaysFromDate({2025, 6, 30})));
  p.updated_seconds = updated_days * kDay + rng.Between(7 * 3600, 19 * 3600);
  p.newsletter = rng.Chance(0.4);
}

}  // namespace crm::generator
