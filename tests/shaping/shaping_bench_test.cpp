// Throughput of shaping with the sample's expensive transforms (E.164 phones, ISO countries,
// emails, dates). Hidden from the default run: `shaping_tests "[.bench]"`; rows from
// CRM_SHAPING_BENCH_ROWS (default 200,000).
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "core/common/progress.h"
#include "tests/shaping/shaping_fixture.h"

TEST_CASE("shaping throughput with phones and countries", "[.bench]") {
  const char* env = std::getenv("CRM_SHAPING_BENCH_ROWS");
  const int rows = env ? std::atoi(env) : 200000;
  const char* yaml = R"(version: 1
name: bench
target: sqlite:crm.db
sources:
  legacy: {type: csv, path: l.csv, default_region: NL, date_formats: ["%d-%m-%Y", "%Y-%m-%d"]}
entities:
  contact:
    key: external_id
    fields: {first_name: string, last_name: string, email: email, phone: phone, country: country,
             created_at: date}
    from:
      - source: legacy
        where: Status != 'deleted'
        map:
          external_id: {template: "L-{ID}"}
          first_name: {from: Voornaam, transform: [trim, title]}
          last_name: {from: Achternaam, transform: [trim]}
          email: {from: EMail, transform: [trim, lower, email], on_error: "null"}
          phone: {from: Tel, transform: [phone_e164], on_error: "null"}
          country: {from: Land, transform: [country_iso2], on_error: "null"}
          created_at: {from: Aangemaakt, transform: [date]}
)";
  crm::spec::Spec spec =
      crm::spec::ParseSpec(yaml, "/tmp/bench.yaml", [](const std::string&) { return std::nullopt; });
  static const char* kLands[] = {"Nederland", "Deutschland", "France", "NL", "Belgium", "USA"};
  static const char* kPhones[] = {"06 1234 ", "+49 89 123 ", "+31 20 555 ", "0031 6 87"};
  std::string raw = "[legacy]\nID|Voornaam|Achternaam|EMail|Tel|Land|Status|Aangemaakt\n";
  for (int i = 0; i < rows; ++i) {
    char phone[32];
    std::snprintf(phone, sizeof phone, "%s%04d", kPhones[i % 4], i % 10000);
    raw += std::to_string(i) + "| jan |de Vries|Jan" + std::to_string(i) + "@Example.com|" +
           phone + "|" + kLands[i % 6] + "|" + (i % 50 == 0 ? "deleted" : "active") +
           "|01-02-2015\n";
  }
  auto s = crm::testing::OpenShapingDb("bench");
  crm::staging::ShapeOptions options;
  options.run_id = s.run_id;
  options.load_id = crm::testing::LandRawText(s, raw);
  crm::ProgressOptions po;
  po.style = crm::ProgressStyle::kQuiet;
  auto progress = crm::MakeProgress(po);
  auto start = std::chrono::steady_clock::now();
  auto result = crm::staging::ShapeEntity(spec, spec.entities[0], *s.db, *s.journal, options,
                                          *progress);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("shaping\trows=%d\tseconds=%.3f\trows_per_s=%.0f\n", rows, seconds, rows / seconds);
  CHECK(result.funnel[0].Balanced());
}
