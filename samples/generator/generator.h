// crm-generate: writes the ACME sample's shape at any size — legacy accounts and contacts
// (`;`-separated Windows-1252 CSV with CRLF), a webshop SQLite database (customers, orders), a
// newsletter JSON Lines export and a migration.yaml for them — with realistic dirt at controlled
// rates, and its truth: every injected defect with its record, line, field and the phase where it
// must surface, and every cluster of records that are the same person.
//
// Deterministic: the same options give byte-identical files (every record is a pure function of
// the seed and its index; no std::random_device, no unordered iteration). Streaming: memory is
// one byte per record for the plan plus 16 bytes per duplicate record for the clusters.
//
// Files in `out_dir` (created if missing):
//   legacy_accounts.csv, legacy_contacts.csv  the legacy CRM export (19 contact columns)
//   webshop.db                                 SQLite: customers, orders
//   newsletter.jsonl                           one subscriber a line
//   migration.yaml                             the sample's spec for these files
//   truth.json                                 summary: options, counts per kind/phase/source
//   truth_defects.jsonl                        one defect (or edge case) a line, in file order
//   truth_clusters.jsonl                       one multi-record cluster a line; origin first
// A file excluded by `only` is not written; the truth then covers the written files only.
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace crm::generator {

struct GenerateOptions {
  std::string out_dir;           // where the files go; created if missing
  int64_t contacts = 1000;       // legacy contact rows, at least 1
  int64_t accounts = 0;          // legacy accounts; 0: contacts / 5, at least 1
  uint64_t seed = 1;             // same seed and options: byte-identical output
  double dup_rate = 0.03;        // legacy rows that are near-duplicates of an earlier legacy row
  bool write_legacy = true;      // legacy_accounts.csv, legacy_contacts.csv
  bool write_webshop = true;     // webshop.db
  bool write_newsletter = true;  // newsletter.jsonl
  // Writes migration.yaml (only when every source is written).
  bool write_spec = true;
  // Prefix of the data files' paths in migration.yaml ("data/" when the spec sits one folder
  // above the data, as in samples/acme).
  std::string spec_data_prefix;
};

struct GenerateResult {
  std::map<std::string, int64_t> records;  // per source: legacy, legacy_accounts, webshop, ...
  std::map<std::string, int64_t> kinds;    // injected defects and edge cases per kind
  std::map<std::string, int64_t> phases;   // ... per phase: stage, validate, identity, scope, edge
};

// Writes every file; throws std::runtime_error naming the file when one cannot be written, and
// std::invalid_argument for options out of range.
GenerateResult Generate(const GenerateOptions& options);

}  // namespace crm::generator
