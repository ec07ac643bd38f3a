// Options of the CSV reader: a plain struct, a default and a comment per field. Options the sniffer
// may detect are Option<T>, which remembers whether the user set them; an explicit setting always
// wins over a detected one.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "staging/readers/byte_source.h"
#include "staging/readers/encoding.h"
#include "staging/readers/option.h"

namespace crm::readers {

struct CsvOptions {
  // Field separator; any byte but the quote, the escape, CR and LF.
  Option<char> delimiter{','};
  // Opens and closes a quoted field; '\0' means fields are never quoted.
  Option<char> quote{'"'};
  // Inside a quoted field, this byte followed by the quote or by itself stands for that byte. When
  // it equals the quote, a doubled quote ("") stands for one quote (RFC 4180). Elsewhere it is an
  // ordinary byte.
  Option<char> escape{'"'};
  // Physical lines before the header (or, without one, before the first row) that are not CSV: a
  // title, an export date. They are skipped unread (a quote in them opens nothing); CR, LF and
  // CRLF each end one. Line numbers still count from the file's first line.
  size_t skip_lines = 0;
  // The first row names the columns.
  Option<bool> header{true};
  // Source encoding; the reader hands out UTF-8 whatever it is. Unless the user set it, a byte order
  // mark at the start of the file overrides it.
  Option<Encoding> encoding{Encoding::kUtf8};
  // Declared column names. With header = false they name the columns of a header-less file; with
  // header = true they replace the names of the header row, which must have as many fields.
  std::vector<std::string> columns;
  Compression compression = Compression::kAuto;
  // A row (its raw bytes) longer than this is rejected as row_too_large; memory stays bounded by
  // about this plus block_bytes.
  size_t max_row_bytes = 16u << 20;
  // How much is read from the source at a time.
  size_t block_bytes = 1u << 20;
  // Profiling and sniffing: rows keep their own field count instead of being rejected as
  // field_count when it differs from the header's.
  bool allow_ragged_rows = false;
};

// Throws crm::Error(kSpec) naming the problem when the options contradict each other (a delimiter
// that is a line break or equals the quote or escape, a NUL delimiter or escape, a row bound of 0
// or over 1 GiB).
void CheckCsvOptions(const CsvOptions& options);

}  // namespace crm::readers
