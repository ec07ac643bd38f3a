// Streaming JSON Lines reader: one JSON object a line (LF or CRLF), the values at the configured
// paths handed out as the row's fields. A string field is its unescaped text, a number or boolean
// its original text, an array or object its exact original JSON text; JSON null and a missing path
// are NULL. Blank lines are skipped and counted.
//
// Bad lines are rejects and the reader goes on: json_syntax (not JSON, or not an object; the
// message names the problem and error_offset its byte), encoding (not UTF-8), row_too_large (longer
// than max_row_bytes; raw is cut to the bound). Rejects have column 0.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "staging/readers/byte_source.h"
#include "staging/readers/json_scanner.h"
#include "staging/readers/record.h"
#include "staging/readers/text_window.h"

namespace crm::readers {

struct JsonlOptions {
  // One column per path ("email", "address.city", "tags[0]", "tags"); see JsonScanner.
  std::vector<std::string> paths;
  Compression compression = Compression::kAuto;
  // A line longer than this is rejected as row_too_large.
  size_t max_row_bytes = 16u << 20;
  // How much is read from the source at a time.
  size_t block_bytes = 1u << 20;
};

class JsonlReader {
 public:
  // The text is UTF-8 (a BOM is skipped) or UTF-16 with a BOM. Throws crm::Error(kSpec) for a
  // malformed path or no paths, crm::Error(kIo) when the source cannot be read.
  JsonlReader(std::unique_ptr<ByteSource> source, const JsonlOptions& options);

  static std::unique_ptr<JsonlReader> Open(const std::string& path, const JsonlOptions& options);

  const std::vector<std::string>& columns() const { return options_.paths; }

  // Fills `record` with the next row or reject; false at the end of the input. The record's views
  // stay valid until the next call.
  bool Next(Record* record);

  // While set, the top-level keys of every row read are appended to `keys` (for sniffing).
  void CollectKeys(std::vector<std::string>* keys) { key_sink_ = keys; }

  uint64_t rows() const { return rows_; }
  uint64_t rejects() const { return rejects_; }
  uint64_t blank_lines() const { return blank_lines_; }

 private:
  void Reject(RejectKind kind, size_t error_pos, std::string message, size_t raw_end,
              Record* record);
  void SkipToLineEnd();

  JsonlOptions options_;
  TextWindow window_;
  JsonScanner scanner_;
  std::string scratch_;
  std::string raw_storage_;
  std::vector<std::string>* key_sink_ = nullptr;
  uint64_t line_ = 1;
  uint64_t rows_ = 0;
  uint64_t rejects_ = 0;
  uint64_t blank_lines_ = 0;
};

// The top-level keys of the first `max_lines` objects of a JSON Lines file, in order of first
// appearance (lines that are not objects are ignored): the columns a lossless landing needs when the
// spec names none. Throws crm::Error(kIo) when the file cannot be read.
std::vector<std::string> SniffJsonlKeys(const std::string& path, size_t max_lines = 1000);

}  // namespace crm::readers
