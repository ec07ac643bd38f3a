// What `init` learns about one source given on the command line (NAME=PATH or NAME=URL): its kind,
// the reader settings the stage needs (sniffed with the stage's own readers and written out
// explicitly in the draft), its columns, and per column the content evidence of a sample of rows.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "planner/profile/value_kind.h"

namespace crm::plan::init {

// One --source argument, split at the first '='.
struct SourceArg {
  std::string name;      // an identifier: it names raw_<name>
  std::string location;  // a file path, or a database URL (sqlite:, postgresql://, mysql://, odbc:)
};

// Throws crm::Error(kUsage) naming the argument when it has no '=', an empty side, or a name that
// is not an identifier (a letter or '_', then letters, digits or '_', at most 63).
SourceArg ParseSourceArg(const std::string& text);

struct ColumnEvidence {
  std::string name;  // as the source spells it (a JSON path for jsonl: "address.city")
  ColumnKind kind;   // over the sampled rows
  int64_t distinct_in_sample = 0;
  // The first distinct values of the sample, at most kKeptValues of at most 40 bytes each (a
  // boolean column's spellings are written out from them).
  std::vector<std::string> first_values;
};
constexpr size_t kKeptValues = 20;

// One source of the draft. A database yields one per table.
struct InventoriedSource {
  std::string name;       // the source's name in the draft
  std::string type;       // "csv", "jsonl" or "sql"
  std::string path;       // csv/jsonl: as written into the draft (relative to the folder)
  std::string connect;    // sql: the URL as written into the draft (no password)
  std::string table;      // sql: the table
  std::string encoding;   // csv/jsonl: "utf-8", "windows-1252", ...
  std::string delimiter;  // csv: one character
  std::string quote;      // csv: one character, empty when fields are never quoted
  bool header = true;     // csv
  std::vector<std::string> decisions;  // the sniffer's sentences, for comments
  std::vector<ColumnEvidence> columns;
  int64_t sampled_rows = 0;
  bool sample_is_whole_source = false;  // the source had no more rows than the sample
  std::vector<std::string> env_vars;    // ${VAR}s the connect URL needs (a password)
};

struct InventoryOptions {
  std::string scaffold_dir;    // the folder the draft goes to: paths are written relative to it
  size_t sample_rows = 2000;   // rows read per source for content evidence
  std::string default_region;  // phone region for national numbers (may be empty)
};

// Inventories one argument: a .csv/.tsv/.txt (optionally .gz) file, a .jsonl/.ndjson file, a
// SQLite file (.db, .sqlite, .sqlite3) or a database URL. A database gives one source per table,
// named <name>_<table> unless it has a single table. Throws crm::Error(kUsage) for a file type it
// cannot tell, crm::Error(kIo) when the source cannot be read.
std::vector<InventoriedSource> Inventory(const SourceArg& arg, const InventoryOptions& options);

}  // namespace crm::plan::init
