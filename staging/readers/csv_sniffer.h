// Pre-flight sniff of a CSV source: detects the encoding, delimiter, quote, escape and header from
// the start of the file and says what it decided and why. Options the user set are kept as they
// are (and reported as such); only unset ones are filled in.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "staging/readers/byte_source.h"
#include "staging/readers/csv_options.h"

namespace crm::readers {

struct SniffResult {
  // The given options with every option the user left unset filled in by detection (still marked
  // as not set by the user).
  CsvOptions options;
  // One sentence per option, e.g. "delimiter ';' (detected: 40 of 40 sample rows have 7 fields)"
  // or "encoding windows-1252 (set in the spec)".
  std::vector<std::string> decisions;
};

// Sniffs the first `sample_bytes` of `source`. Throws crm::Error(kIo) when it cannot be read.
SniffResult SniffCsv(std::unique_ptr<ByteSource> source, const CsvOptions& options,
                     size_t sample_bytes = 1u << 20);

// Opens `path` (gzip detected as by the reader) and sniffs it.
SniffResult SniffCsvFile(const std::string& path, const CsvOptions& options,
                         size_t sample_bytes = 1u << 20);

}  // namespace crm::readers
