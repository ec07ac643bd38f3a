// Throughput of the expensive transforms on generated dirty data. Prints tab-separated lines:
//   what <TAB> values <TAB> µs per value <TAB> note
// Data: N phone strings (default 200,000; --smoke 5,000) over N/2 distinct numbers, 60% Dutch
// national formats, 25% international (+, 00, "(0)"), 10% German/Belgian/US, 5% garbage; a mix
// of country spellings (codes, English, translations, aliases). Peer: libphonenumber Parse +
// IsValidNumber per value, single thread. Checks its results and exits 1 if they are wrong.
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "staging/transforms/country.h"
#include "staging/transforms/phone.h"

namespace {

using crm::transforms::CountryResolver;
using crm::transforms::PhoneNormalizer;
using crm::transforms::PhoneOptions;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

void Print(const char* what, size_t n, double seconds, const std::string& note) {
  std::printf("%s\t%zu\t%.3f\t%s\n", what, n, seconds * 1e6 / static_cast<double>(n), note.c_str());
}

std::vector<std::string> MakePhones(size_t n) {
  std::mt19937 random(42);
  std::vector<std::string> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    size_t id = random() % (n / 2);  // about half the values repeat an earlier number
    std::string digits = std::to_string(10000000 + id * 7919 % 90000000);
    std::string mobile = "6" + std::string(1, static_cast<char>('1' + id % 5)) + digits.substr(1);
    int kind = static_cast<int>(random() % 100);
    if (kind < 20) {
      out.push_back("0" + mobile.substr(0, 1) + "-" + mobile.substr(1));
    } else if (kind < 40) {
      out.push_back("0" + mobile.substr(0, 1) + " " + mobile.substr(1, 2) + " " +
                    mobile.substr(3, 2) + " " + mobile.substr(5, 2) + " " + mobile.substr(7));
    } else if (kind < 60) {
      out.push_back("020 " + digits.substr(1, 3) + " " + digits.substr(4));
    } else if (kind < 72) {
      out.push_back("+31 " + mobile);
    } else if (kind < 80) {
      out.push_back("0031 (0)" + mobile);
    } else if (kind < 85) {
      out.push_back("+31 (0)20 " + digits.substr(1));
    } else if (kind < 90) {
      out.push_back("+49 151 " + digits);
    } else if (kind < 93) {
      out.push_back("+32 470 " + digits.substr(2));
    } else if (kind < 95) {
      out.push_back("+1 (650) 253-" + digits.substr(4));
    } else if (kind < 97) {
      out.push_back("n/a");
    } else {
      out.push_back("06 9" + digits.substr(1));  // not an allocated range
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  bool smoke = argc > 1 && std::strcmp(argv[1], "--smoke") == 0;
  size_t n = smoke ? 5000 : 200000;
  std::vector<std::string> phones = MakePhones(n);
  int failures = 0;

  {  // the peer: Parse + IsValidNumber on every value
    const auto& util = *i18n::phonenumbers::PhoneNumberUtil::GetInstance();
    size_t m = std::min<size_t>(n, 50000);
    size_t valid = 0;
    auto start = Clock::now();
    for (size_t i = 0; i < m; ++i) {
      i18n::phonenumbers::PhoneNumber number;
      if (util.Parse(phones[i], "NL", &number) == util.NO_PARSING_ERROR &&
          util.IsValidNumber(number)) {
        ++valid;
      }
    }
    Print("phone_parse_is_valid_peer", m, Seconds(start), std::to_string(valid) + " valid");
  }
  size_t valid_cold = 0;
  for (bool fast : {false, true}) {
    PhoneOptions options{"NL"};
    options.fast_path = fast;
    options.memo_capacity = n;  // every distinct value fits: the second pass measures hits
    PhoneNormalizer normalizer(options);
    size_t valid = 0;
    auto start = Clock::now();
    for (const std::string& p : phones) valid += normalizer.Normalize(p).valid;
    auto s = normalizer.stats();
    Print(fast ? "phone_cold_fast_path" : "phone_cold_parse_only", n, Seconds(start),
          std::to_string(valid) + " valid, " + std::to_string(s.memo_hits) + " memo hits, " +
              std::to_string(s.fast_path) + " fast, " + std::to_string(s.full_parses) + " parses");
    if (fast) {
      start = Clock::now();
      size_t again = 0;
      for (const std::string& p : phones) again += normalizer.Normalize(p).valid;
      auto after = normalizer.stats();
      Print("phone_memoised", n, Seconds(start),
            "second pass: " + std::to_string(after.memo_hits - s.memo_hits) + " memo hits, " +
                std::to_string(after.full_parses + after.fast_path - s.full_parses - s.fast_path) +
                " recomputed");
      if (again != valid) ++failures;
    }
    if (valid_cold != 0 && valid != valid_cold) ++failures;
    valid_cold = valid;
  }
  {  // two worker threads on one normalizer, each taking every other value
    PhoneNormalizer normalizer(PhoneOptions{"NL"});
    std::vector<size_t> valid(2, 0);
    auto start = Clock::now();
    std::vector<std::thread> threads;
    for (size_t t = 0; t < 2; ++t) {
      threads.emplace_back([&, t] {
        for (size_t i = t; i < phones.size(); i += 2)
          valid[t] += normalizer.Normalize(phones[i]).valid;
      });
    }
    for (auto& th : threads) th.join();
    Print("phone_cold_two_threads", n, Seconds(start), "wall time per value");
    if (valid[0] + valid[1] != valid_cold) ++failures;
  }

  auto start = Clock::now();
  const CountryResolver& countries = CountryResolver::Default();
  double load = Seconds(start);
  std::printf("country_index_load\t%zu\t%.0f\tms to build from %zu catalogs (keys)\n",
              countries.key_count(), load * 1e3, countries.catalog_count());
  const std::vector<std::pair<std::string, std::string>> names = {
      {"Netherlands", "NL"}, {"the Netherlands", "NL"}, {"Nederland", "NL"},  {"NL", "NL"},
      {"Deutschland", "DE"}, {"Germany", "DE"},         {"DEU", "DE"},        {"België", "BE"},
      {"USA", "US"},         {"United Kingdom", "GB"},  {"Frankreich", "FR"}, {"España", "ES"}};
  size_t lookups = smoke ? 10000 : 1000000;
  std::string code, error;
  start = Clock::now();
  for (size_t i = 0; i < lookups; ++i) {
    const auto& [name, expected] = names[i % names.size()];
    if (!countries.TryResolve(name, &code, &error) || code != expected) ++failures;
  }
  Print("country_lookup", lookups, Seconds(start), "mixed ASCII and accented spellings");
  if (failures) std::fprintf(stderr, "transforms_bench: %d result checks failed\n", failures);
  return failures ? 1 : 0;
}
