// crm-generate: the command line of the generator (samples/generate wraps it).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>

#include "samples/generator/generator.h"

namespace {

constexpr std::string_view kUsage =
    "usage: crm-generate --out DIR --contacts N [--accounts M] [--seed S] [--dup-rate R]\n"
    "                    [--only legacy|webshop|newsletter[,...]] [--spec-prefix P]\n"
    "Writes the ACME sample's sources at any size with injected dirt, migration.yaml and the\n"
    "truth (truth.json, truth_defects.jsonl, truth_clusters.jsonl). Same arguments, same bytes.\n";

int Usage(const std::string& error) {
  std::fprintf(stderr, "crm-generate: %s\n%.*s", error.c_str(), static_cast<int>(kUsage.size()),
               kUsage.data());
  return 2;
}

bool ParseInt(const char* text, int64_t* out) {
  char* end = nullptr;
  const long long v = std::strtoll(text, &end, 10);
  if (end == text || *end != '\0') return false;
  *out = v;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  crm::generator::GenerateOptions options;
  bool have_contacts = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fwrite(kUsage.data(), 1, kUsage.size(), stdout);
      return 0;
    }
    if (i + 1 >= argc) return Usage("missing value for " + std::string(arg));
    const char* value = argv[++i];
    int64_t number = 0;
    if (arg == "--out") {
      options.out_dir = value;
    } else if (arg == "--contacts") {
      if (!ParseInt(value, &options.contacts)) return Usage("--contacts: not a number");
      have_contacts = true;
    } else if (arg == "--accounts") {
      if (!ParseInt(value, &options.accounts)) return Usage("--accounts: not a number");
    } else if (arg == "--seed") {
      if (!ParseInt(value, &number) || number < 0) return Usage("--seed: not a number");
      options.seed = static_cast<uint64_t>(number);
    } else if (arg == "--dup-rate") {
      char* end = nullptr;
      options.dup_rate = std::strtod(value, &end);
      if (end == value || *end != '\0') return Usage("--dup-rate: not a number");
    } else if (arg == "--only") {
      options.write_legacy = options.write_webshop = options.write_newsletter = false;
      std::string_view list = value;
      while (!list.empty()) {
        const size_t comma = list.find(',');
        const std::string_view name = list.substr(0, comma);
        if (name == "legacy") {
          options.write_legacy = true;
        } else if (name == "webshop") {
          options.write_webshop = true;
        } else if (name == "newsletter") {
          options.write_newsletter = true;
        } else {
          return Usage("--only: unknown source '" + std::string(name) + "'");
        }
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
      }
    } else if (arg == "--spec-prefix") {
      options.spec_data_prefix = value;
    } else {
      return Usage("unknown option " + std::string(arg));
    }
  }
  if (options.out_dir.empty() || !have_contacts) return Usage("--out and --contacts are required");
  try {
    const auto start = std::chrono::steady_clock::now();
    const crm::generator::GenerateResult result = crm::generator::Generate(options);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    for (const auto& [source, n] : result.records) {
      std::fprintf(stderr, "%-16s %lld records\n", source.c_str(), static_cast<long long>(n));
    }
    for (const auto& [phase, n] : result.phases) {
      std::fprintf(stderr, "phase %-10s %lld\n", phase.c_str(), static_cast<long long>(n));
    }
    std::fprintf(stderr, "wrote %s in %.2f s\n", options.out_dir.c_str(), seconds);
  } catch (const std::invalid_argument& e) {
    return Usage(e.what());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "crm-generate: %s\n", e.what());
    return 3;
  }
  return 0;
}
