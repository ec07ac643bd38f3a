// Throughput of the CSV reader alone: every row parsed, every field handed out, nothing stored.
// Prints tab-separated lines:
//   what <TAB> MB <TAB> wall seconds <TAB> CPU seconds <TAB> MB/s (by CPU time) <TAB> rows <TAB>
//   rejects
// (CPU time, because the shared build machines are often busy.)
// Data: a file given on the command line (e.g. 1,000,000 generated 19-column contacts), or with
// --smoke / no argument 50,000 generated rows in memory (quoted fields, 5% quoted newlines,
// non-ASCII names). Peer: `cat FILE > /dev/null` (the floor) and the stage budget of well under 1 s
// for 268 MB. Checks the generated data comes back with the right row count and no rejects, and
// exits 1 otherwise.
#include <chrono>
#include <ctime>
#include <cstdio>
#include <string>

#include "core/common/error.h"
#include "staging/readers/csv_reader.h"

namespace {

using crm::readers::ByteSource;
using crm::readers::CsvOptions;
using crm::readers::CsvReader;
using crm::readers::Record;
using Clock = std::chrono::steady_clock;

std::string Generate(size_t rows) {
  std::string data = "id,first_name,last_name,email,city,notes,score\n";
  for (size_t i = 0; i < rows; ++i) {
    data += std::to_string(i) + ",Chlo\xC3\xA9,\"van Dijk\",chloe." + std::to_string(i) +
            "@example.com,K\xC3\xB6ln,";
    data += i % 20 == 0 ? "\"Called, left message\nfollow up \"\"soon\"\"\"" : "";
    data += "," + std::to_string(i % 101) + "\n";
  }
  return data;
}

struct Totals {
  uint64_t rows = 0;
  uint64_t rejects = 0;
  uint64_t field_bytes = 0;  // keeps the field views from being optimised away
};

Totals ReadAll(CsvReader& reader) {
  Totals totals;
  Record record;
  while (reader.Next(&record)) {
    if (record.is_reject) {
      ++totals.rejects;
      continue;
    }
    ++totals.rows;
    for (const auto& field : record.fields) totals.field_bytes += field.value.size();
  }
  return totals;
}

}  // namespace

int main(int argc, char** argv) {
  const bool smoke = argc < 2 || std::string(argv[1]) == "--smoke";
  constexpr size_t kSmokeRows = 50000;
  try {
    std::unique_ptr<CsvReader> reader;
    double megabytes;
    if (smoke) {
      std::string data = Generate(kSmokeRows);
      megabytes = static_cast<double>(data.size()) / 1e6;
      reader = std::make_unique<CsvReader>(ByteSource::FromString(std::move(data)), CsvOptions{});
    } else {
      reader = CsvReader::Open(argv[1], CsvOptions{});
      std::FILE* file = std::fopen(argv[1], "rb");
      std::fseek(file, 0, SEEK_END);
      megabytes = static_cast<double>(std::ftell(file)) / 1e6;
      std::fclose(file);
    }
    const auto start = Clock::now();
    const std::clock_t cpu_start = std::clock();
    const Totals totals = ReadAll(*reader);
    const double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf("csv_read\t%.1f\t%.3f\t%.3f\t%.0f\t%llu\t%llu\n", megabytes, seconds, cpu,
                megabytes / cpu, static_cast<unsigned long long>(totals.rows),
                static_cast<unsigned long long>(totals.rejects));
    if (smoke && (totals.rows != kSmokeRows || totals.rejects != 0)) {
      std::fprintf(stderr, "csv_read_bench: expected %zu rows and no rejects\n", kSmokeRows);
      return 1;
    }
  } catch (const crm::Error& e) {
    std::fprintf(stderr, "csv_read_bench: %s\n", e.what());
    return 3;
  }
  return 0;
}
