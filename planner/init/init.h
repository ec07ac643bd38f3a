// `crm-migrate init DIR --source NAME=PATH_OR_URL ...`: scaffolds a migration folder with a draft
// migration.yaml (every source sniffed and written out explicitly, a suggested mapping onto the
// standard CRM entities with its evidence) and a README.md runbook stub.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "planner/init/source_inventory.h"

namespace crm::plan::init {

struct InitOptions {
  std::string dir;                 // the migration folder; created when missing
  std::vector<SourceArg> sources;  // at least one
  std::string default_region;      // phone region of national numbers; empty: none
  size_t sample_rows = 2000;       // rows per source read for content evidence
};

struct InitResult {
  std::vector<std::string> written;  // the files written, in order
  std::vector<std::string> summary;  // one line per source: "legacy: contact, 14 fields"
};

// Never overwrites: when DIR/migration.yaml or DIR/README.md exists, throws crm::Error(kUsage)
// naming it and writes nothing. Throws kUsage for no source or a repeated source name, kIo when a
// source cannot be read or a file cannot be written, kInternal when the draft it made does not
// pass the spec parser (a bug).
InitResult RunInit(const InitOptions& options);

}  // namespace crm::plan::init
