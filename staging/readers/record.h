// What a reader hands out for each row of its source: either a row of fields or a reject. Both
// carry the row's place in the file and its raw original bytes, so the stage phase can land rows
// with lineage and write rejects to `_rejects` without going back to the file.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/reject.h"

namespace crm::readers {

struct Field {
  std::string_view value;  // UTF-8; empty when null
  bool is_null = false;    // CSV: an unquoted empty field (a quoted "" is an empty string)
};

// Every view points into the reader's buffers and stays valid until the reader's next Next() call.
struct Record {
  bool is_reject = false;
  uint64_t line = 0;    // 1-based physical line where the row starts (CR, LF and CRLF each end one)
  uint64_t offset = 0;  // byte offset of the row's first byte in the (decompressed) file
  // The row's original bytes in the source encoding, without its line terminator. For a
  // row_too_large reject, at most the reader's row bound.
  std::string_view raw;

  // Rows: one field per column, in column order.
  std::vector<Field> fields;

  // Rejects only.
  RejectKind kind = RejectKind::kFieldCount;
  size_t column = 0;          // 1-based column where the problem is; 0 when it is the whole row
  uint64_t error_offset = 0;  // byte offset in the file of the offending byte (or of the row)
  std::string message;
};

// One line of text for tests, logs and the fuzzer:
//   row line=3 offset=57 ["a", NULL, ""]
//   reject line=4 offset=80 kind=field_count column=3 error_offset=84 raw="..." message="..."
// Quotes, backslashes, control bytes and bytes that are not valid UTF-8 are escaped.
std::string RenderRecord(const Record& record);

// `text` between double quotes, escaped as in RenderRecord.
std::string QuoteForDisplay(std::string_view text);

}  // namespace crm::readers
