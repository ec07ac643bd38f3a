// Streaming CSV reader (RFC 4180 with a configurable delimiter, quote and escape). It reads its
// source in large blocks and hands out one Record per row: fields are views into its buffer, copied
// only when a field must be unquoted or converted to UTF-8. Memory stays bounded by about
// options.max_row_bytes + options.block_bytes.
//
// Rows: quoted fields may hold the delimiter and line breaks; CR, LF and CRLF each end a line; a
// blank line is skipped (and counted); the last line needs no terminator. An unquoted empty field
// is NULL, a quoted "" is an empty string (PostgreSQL's COPY rule).
//
// Bad rows are rejects, never exceptions, and the reader goes on:
//   field_count         more or fewer fields than the header (column: the first extra or missing)
//   bad_quote           a quote inside an unquoted field, or a byte other than a delimiter or line
//                       break right after a closing quote
//   unterminated_quote  a quoted field still open at the end of the file
//   encoding            a byte that is not valid in the source encoding (column and error_offset
//                       name it)
//   row_too_large       a row longer than options.max_row_bytes (raw is cut to the bound)
// After bad_quote, unterminated_quote and row_too_large the reader resumes at the next physical
// line after the offending byte (for an open quote: after the line where the quote opened), so a
// stray quote costs one line, not the rest of the file.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "staging/readers/byte_set.h"
#include "staging/readers/csv_options.h"
#include "staging/readers/record.h"
#include "staging/readers/text_window.h"

namespace crm::readers {

class CsvReader {
 public:
  // Skips options.skip_lines lines, then reads the header row when options.header is set. Throws crm::Error(kSpec) for contradictory
  // options or declared columns that do not match the header, and crm::Error(kIo) when the source
  // cannot be read or its header row is not readable.
  CsvReader(std::unique_ptr<ByteSource> source, const CsvOptions& options);

  // Opens `path` (gzip is detected unless options.compression says otherwise).
  static std::unique_ptr<CsvReader> Open(const std::string& path, const CsvOptions& options);

  // Column names: declared, from the header (an empty name becomes "column_N", a repeated name
  // gets "_2", "_3", ...), or for a header-less file without declared columns "column_1".. as soon
  // as the first row has been read.
  const std::vector<std::string>& columns() const { return columns_; }

  // What the reader decided on its own (encoding from a BOM, renamed header names), one sentence
  // each, for the stage log and the plan report.
  const std::vector<std::string>& notes() const { return notes_; }

  Encoding encoding() const { return window_.encoding(); }

  // Fills `record` with the next row or reject; false at the end of the input. The record's views
  // stay valid until the next call.
  bool Next(Record* record);

  uint64_t rows() const { return rows_; }
  uint64_t rejects() const { return rejects_; }
  uint64_t blank_lines() const { return blank_lines_; }

 private:
  enum class Parse { kRow, kNeedMore, kError };
  struct RowEnd {
    size_t content_end = 0;  // where the row's text ends (before its terminator)
    size_t next = 0;         // where the next row starts
    uint64_t breaks = 0;     // line breaks inside quoted fields
    size_t open_quote = 0;   // kNeedMore inside a quoted field: where it opened, else npos
    RejectKind kind = RejectKind::kBadQuote;  // kError only
    size_t column = 0;
    size_t error_pos = 0;
    const char* message = "";
  };

  Parse ParseRow(const char* p, size_t n, bool eof, RowEnd* end);
  bool FindLineEnd(const char* p, size_t from, size_t n, bool eof, RowEnd* end) const;
  void ReadHeader();
  bool NextRecord(Record* record);
  void EmitRow(const char* p, const RowEnd& end, Record* record);
  void EmitReject(RejectKind kind, size_t column, size_t error_pos, std::string message,
                  size_t raw_end, Record* record);
  bool CheckEncoding(const char* p, const RowEnd& end, Record* record);
  void RejectTooLarge(Record* record);
  void SkipToLineEnd();
  void SkipLeadingLines();
  void Materialize(const char* p, size_t content_end);
  size_t ColumnAt(const char* p, size_t pos) const;

  CsvOptions options_;
  TextWindow window_;
  char delimiter_;
  char quote_;
  char escape_;
  ByteSet structural_;        // delimiter, quote, escape, CR, LF
  std::vector<Field> fields_;  // the row being parsed: views into the window until unescaped
  std::vector<uint32_t> unescape_;  // fields with doubled quotes or escapes, in order
  std::string scratch_;
  std::string unescaped_;
  std::string raw_storage_;
  std::vector<std::string> columns_;
  std::vector<std::string> notes_;
  size_t expected_fields_ = 0;  // 0 until known
  uint64_t line_ = 1;
  uint64_t rows_ = 0;
  uint64_t rejects_ = 0;
  uint64_t blank_lines_ = 0;
};

}  // namespace crm::readers
