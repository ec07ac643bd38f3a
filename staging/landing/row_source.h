// A source of any type (csv, jsonl, sql) as one stream of readers::Record: rows with their line,
// byte offset and raw bytes, or rejects. The landing consumes only this interface.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/spec/spec.h"
#include "staging/readers/record.h"

namespace crm::staging {

class RowSource {
 public:
  virtual ~RowSource() = default;
  // Source column names in order (CSV header, JSON paths, SQL result columns). Known after the
  // source is opened.
  virtual const std::vector<std::string>& columns() const = 0;
  // The next row or reject; false at the end. Views stay valid until the next call.
  virtual bool Next(readers::Record* record) = 0;
  // False when records carry no byte offset (SQL rows): _crm_offset stays NULL.
  virtual bool has_offsets() const { return true; }
};

// What opening a source decided.
struct OpenedSource {
  std::unique_ptr<RowSource> rows;
  // Sentences for LandResult::decisions ("delimiter ';' (detected: ...)").
  std::vector<std::string> decisions;
  // Every setting besides the content that changes what lands (resolved reader options, paths,
  // query); part of the fingerprint, so an edited spec re-lands an unchanged file.
  std::string settings;
};

// A csv or jsonl source; `path` is resolved. Throws crm::Error(kIo) when it cannot be read and
// crm::Error(kSpec) for options the reader refuses.
OpenedSource OpenFileSource(const spec::Spec& spec, const spec::Source& source,
                            const std::string& path);

// The JSON paths a jsonl source needs: every `from`, `concat` item and `{placeholder}` of a
// `template` of every entity mapping from `source`, and the identifiers of its `where` filters,
// in order of first use.
std::vector<std::string> JsonlPaths(const spec::Spec& spec, const std::string& source);

// A sql source: connects (`source.connect` against spec.base_dir) and runs `source.query` or
// SELECT * FROM the quoted `source.table`, streaming. Values become text: integers in decimal,
// doubles as their shortest round-trip text, dates as "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS", NULL
// stays NULL. A row whose values the driver cannot convert is a source_error reject. Throws
// crm::Error(kIo) when the database cannot be reached or the query fails.
OpenedSource OpenSqlSource(const spec::Spec& spec, const spec::Source& source);

}  // namespace crm::staging
