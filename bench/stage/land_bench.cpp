// land_bench: times LandSource on one CSV file into a fresh SQLite staging database and, with
// --postgres URL, into a fresh PostgreSQL schema. Prints tab-separated figures:
//   target  seconds  rows  MB  MB/s  peak_rss_MB
// Peers, run by hand on the same file (see the report in issue 3):
//   sqlite3 x.db ".mode csv" ".separator ;" ".import FILE raw"
//   psql URL -c "\copy raw FROM FILE WITH (FORMAT csv, DELIMITER ';', HEADER)"
// --smoke writes a small dirty file itself and checks that every row landed (CI runs this).
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "core/common/error.h"
#include "core/db/staging_schema.h"
#include "staging/landing/land.h"

namespace fs = std::filesystem;
using namespace crm;

namespace {

class NoProgress : public Progress {
 public:
  void Begin(std::string_view, int64_t) override {}
  void Advance(int64_t) override {}
  void End() override {}
  void Note(std::string_view) override {}
};

void WriteSmokeFile(const fs::path& path, int rows) {
  std::ofstream out(path, std::ios::binary);
  out << "ID;First Name;E-Mail Address;Notes\n";
  for (int i = 1; i <= rows; ++i) {
    out << i << ";\"Ann " << i << "\";ann." << i << "@example.com;"
        << (i % 50 == 0 ? "\"line one\nline \"\"two\"\"\"" : "plain") << "\n";
  }
}

spec::Spec BenchSpec(const std::string& csv) {
  const std::string yaml =
      "version: 1\nname: bench\ntarget: sqlite:crm.db\nsources:\n"
      "  contacts: {type: csv, path: \"" +
      csv +
      "\", delimiter: \";\"}\n"
      "entities:\n  contact:\n    key: external_id\n    fields: {external_id: string}\n"
      "    from:\n"
      "      - source: contacts\n        map:\n"
      "          external_id: {from: ID}\n";
  return spec::ParseSpec(yaml, "bench.yaml", spec::ProcessEnv());
}

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

staging::LandResult Land(const spec::Spec& spec, db::Database& staging, double* seconds) {
  db::Journal journal(staging);
  const int64_t run = journal.BeginRun({.command = "bench"});
  const int64_t load = journal.CreateLoad(run, "", "");
  NoProgress progress;
  const auto start = std::chrono::steady_clock::now();
  staging::LandResult result =
      staging::LandSource(spec, spec.sources.at(0), staging, journal, {run, load, true}, progress);
  *seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

void Print(const std::string& target, double seconds, const staging::LandResult& result,
           double mb) {
  std::printf("%s\t%.3f\t%lld\t%.1f\t%.1f\t%.1f\n", target.c_str(), seconds,
              static_cast<long long>(result.landed), mb, mb / seconds, PeakRssMb());
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  std::string csv, postgres;
  bool smoke = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--smoke") {
      smoke = true;
    } else if (arg == "--postgres" && i + 1 < argc) {
      postgres = argv[++i];
    } else if (csv.empty() && arg[0] != '-') {
      csv = arg;
    } else {
      std::cerr << "usage: land_bench (--smoke | FILE.csv) [--postgres URL]\n";
      return 2;
    }
  }
  if (csv.empty() && !smoke) {
    std::cerr << "usage: land_bench (--smoke | FILE.csv) [--postgres URL]\n";
    return 2;
  }
  const fs::path scratch = fs::temp_directory_path() / ("land_bench_" + std::to_string(getpid()));
  fs::create_directories(scratch);
  constexpr int kSmokeRows = 20000;
  if (smoke) {
    csv = (scratch / "smoke.csv").string();
    WriteSmokeFile(csv, kSmokeRows);
  }
  int status = 0;
  try {
    const spec::Spec spec = BenchSpec(fs::absolute(csv).string());
    const double mb = fs::file_size(csv) / 1e6;
    std::printf("target\tseconds\trows\tMB\tMB/s\tpeak_rss_MB\n");
    double seconds = 0;
    staging::LandResult result;
    {
      auto staging = db::OpenStaging("sqlite:" + (scratch / "staging.db").string(), "");
      result = Land(spec, *staging, &seconds);
    }
    Print("sqlite", seconds, result, mb);
    if (smoke && (result.landed != kSmokeRows || result.rejected != 0)) {
      std::cerr << "smoke: expected " << kSmokeRows << " rows, landed " << result.landed
                << ", rejected " << result.rejected << "\n";
      status = 1;
    }
    if (!postgres.empty()) {
      const std::string schema = "land_bench_" + std::to_string(getpid());
      auto admin = db::Database::Connect(postgres, "");
      admin->Execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      admin->Execute("CREATE SCHEMA " + schema);
      {
        auto staging =
            db::OpenStaging(postgres + (postgres.find('?') == std::string::npos ? "?" : "&") +
                                "options=-csearch_path%3D" + schema,
                            "");
        result = Land(spec, *staging, &seconds);
      }
      admin->Execute("DROP SCHEMA " + schema + " CASCADE");
      Print("postgresql", seconds, result, mb);
    }
  } catch (const Error& e) {
    std::cerr << "land_bench: " << e.what() << "\n";
    status = e.exit_code();
  }
  fs::remove_all(scratch);
  return status;
}
