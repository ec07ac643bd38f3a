// land_bench: times LandSource on one CSV file into a fresh SQLite staging database and, with
// --postgres URL, into a fresh PostgreSQL schema. The source is either a bare `;` CSV file or, with
// --spec FILE --source NAME, a spec's source exactly as `crm-migrate stage` lands it (encoding,
// delimiter and all; bench/stage/run uses this). Prints tab-separated figures:
//   target  seconds  rows  MB  MB/s  peak_rss_MB  rejected
// seconds is LandSource alone; peak_rss_MB is the whole process's so far. The peers
// (sqlite3 .import, psql \copy) are timed beside it by bench/stage/run.
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

const spec::Source& FindSource(const spec::Spec& spec, const std::string& name) {
  for (const spec::Source& source : spec.sources) {
    if (source.name == name) return source;
  }
  throw Error(ErrorCategory::kUsage, "the spec has no source '" + name + "'");
}

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

staging::LandResult Land(const spec::Spec& spec, const spec::Source& source,
                         db::Database& staging, double* seconds) {
  db::Journal journal(staging);
  const int64_t run = journal.BeginRun({.command = "bench"});
  const int64_t load = journal.CreateLoad(run, "", "");
  NoProgress progress;
  const auto start = std::chrono::steady_clock::now();
  staging::LandResult result =
      staging::LandSource(spec, source, staging, journal, {run, load, true}, progress);
  *seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

void Print(const std::string& target, double seconds, const staging::LandResult& result,
           double mb) {
  std::printf("%s\t%.3f\t%lld\t%.1f\t%.1f\t%.1f\t%lld\n", target.c_str(), seconds,
              static_cast<long long>(result.landed), mb, mb / seconds, PeakRssMb(),
              static_cast<long long>(result.rejected));
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  constexpr const char* kUsage =
      "usage: land_bench (--smoke | FILE.csv | --spec FILE --source NAME) [--postgres URL]\n"
      "                  [--no-sqlite]\n";
  std::string csv, spec_path, source_name, postgres;
  bool smoke = false, sqlite = true;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--smoke") {
      smoke = true;
    } else if (arg == "--no-sqlite") {
      sqlite = false;
    } else if (arg == "--postgres" && i + 1 < argc) {
      postgres = argv[++i];
    } else if (arg == "--spec" && i + 1 < argc) {
      spec_path = argv[++i];
    } else if (arg == "--source" && i + 1 < argc) {
      source_name = argv[++i];
    } else if (csv.empty() && arg[0] != '-') {
      csv = arg;
    } else {
      std::cerr << kUsage;
      return 2;
    }
  }
  const int inputs = !csv.empty() + smoke + !spec_path.empty();
  if (inputs != 1 || spec_path.empty() != source_name.empty()) {
    std::cerr << kUsage;
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
    const spec::Spec spec =
        spec_path.empty() ? BenchSpec(fs::absolute(csv).string()) : spec::LoadSpec(spec_path);
    const spec::Source& source =
        spec_path.empty() ? spec.sources.at(0) : FindSource(spec, source_name);
    fs::path file = source.path;
    if (file.is_relative() && !spec.base_dir.empty()) file = fs::path(spec.base_dir) / file;
    const double mb = fs::file_size(file) / 1e6;
    std::printf("target\tseconds\trows\tMB\tMB/s\tpeak_rss_MB\trejected\n");
    double seconds = 0;
    staging::LandResult result;
    if (sqlite) {
      {
        auto staging = db::OpenStaging("sqlite:" + (scratch / "staging.db").string(), "");
        result = Land(spec, source, *staging, &seconds);
      }
      Print("sqlite", seconds, result, mb);
      if (smoke && (result.landed != kSmokeRows || result.rejected != 0)) {
        std::cerr << "smoke: expected " << kSmokeRows << " rows, landed " << result.landed
                  << ", rejected " << result.rejected << "\n";
        status = 1;
      }
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
        result = Land(spec, source, *staging, &seconds);
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
