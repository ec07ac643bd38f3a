// People and their values: every person is a pure function of (seed, person id), so a webshop
// customer or a newsletter subscriber who is "the same person" as legacy contact 1234 is made by
// calling MakePerson again with that person's id — nothing is kept in memory.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "samples/generator/random.h"
#include "samples/generator/world.h"

namespace crm::generator {

struct Date {
  int year = 2000;
  int month = 1;
  int day = 1;
};

// Days since 1970-01-01 <-> civil date (proleptic Gregorian).
Date DateFromDays(int64_t days);
int64_t DaysFromDate(Date date);

// The three date formats of the legacy export: 0 "dd-mm-yyyy", 1 "yyyy-mm-dd", 2 "dd.mm.yyyy".
void AppendDate(Date date, int format, std::string* out);
// "yyyy-mm-dd hh:mm:ss" / "yyyy-mm-ddThh:mm:ss" (iso_t) from seconds since the epoch.
void AppendDateTime(int64_t seconds, bool iso_t, std::string* out);

enum class PhoneStyle {
  kE164,          // +31612345678
  kIntlSpaced,    // +31 6 12345678
  kIntl00,        // 0031 6 12345678
  kNational,      // 06 1234 5678
  kNationalDash,  // 06-12345678
  kNationalTight  // 0612345678
};

struct Phone {
  int country = 0;  // index into Countries()
  std::string nsn;  // national significant number, digits only
  int area = 1;     // leading digits of nsn that form the area code
};

// Appends the phone in `style`.
void AppendPhone(const Phone& phone, PhoneStyle style, std::string* out);

struct Person {
  uint64_t id = 0;
  int country = 0;  // residence, index into Countries()
  bool female = false;
  std::string first, particle, last;  // UTF-8; particle: Dutch "van der" and the like, or empty
  std::string email;                  // lower-case and unique to this person
  Phone phone;                        // fixed line or mobile
  Phone mobile;                       // nsn empty when the person has none
  std::string street, postal_code, city;
  Date birth;
  int64_t created_days = 0;  // days since the epoch
  int64_t updated_seconds = 0;
  bool newsletter = false;

  // "Jan de Vries".
  std::string FullName() const;
  const Country& Residence() const { return Countries()[country]; }
};

// Fills `out` (its buffers are reused) with person `id` for `seed`. Created dates fall in
// 2016–2024 and last changes in 2022–2025, so a clean person is never stale under an 8-year rule
// before 2030.
void MakePerson(uint64_t seed, uint64_t id, Person* out);

// A valid number from `country`'s fixed or mobile ranges.
Phone MakePhone(int country, bool mobile, Rng* rng);

}  // namespace crm::generator
