// Which source columns the spec's mappings read, and the check that every one of them exists.
// A mapping that names a column its source does not have is a spec error (exit 2): plan reports
// every such place at once, with the file, line and key of the mapping, before reading any data
// (JSON Lines sources, whose paths are only known from the data, after reading it).
#pragma once

#include <string>
#include <vector>

#include "core/spec/diagnostic.h"
#include "core/spec/spec.h"

namespace crm::plan {

// One place in the spec that reads a source column.
struct ColumnUse {
  std::string entity;   // empty for the source's id_column
  size_t mapping = 0;   // index in entity.from
  std::string field;    // empty for a where filter or the id_column
  std::string column;   // as the spec spells it
  std::string key_path;  // entities.contact.from[0].map.email.from
  spec::Location location;
};

// Every column use of `source` in spec order: the id_column, each mapping's where filter
// identifiers, then its from / concat / template placeholders. A where filter that does not
// parse becomes a diagnostic in `errors` (its columns are then unknown).
std::vector<ColumnUse> ColumnUses(const spec::Spec& spec, const spec::Source& source,
                                  std::vector<spec::Diagnostic>* errors);

// A diagnostic for every use whose column is not in `columns` ("unknown column 'EMial' (did you
// mean 'EMail'?)"); `why` replaces "unknown column" for sources whose columns come from the data.
std::vector<spec::Diagnostic> CheckColumnUses(const spec::Spec& spec,
                                              const std::vector<ColumnUse>& uses,
                                              const std::vector<std::string>& columns,
                                              const std::string& why = "unknown column");

// For a JSON path ("address.city", "tags[0]"): its top-level key ("address", "tags").
std::string TopLevelKey(const std::string& path);

}  // namespace crm::plan
