#include "staging/readers/csv_options.h"

#include "core/common/error.h"

namespace crm::readers {

void CheckCsvOptions(const CsvOptions& options) {
  const char delimiter = options.delimiter.value();
  const char quote = options.quote.value();
  const char escape = options.escape.value();
  const auto fail = [](const char* what) { throw Error(ErrorCategory::kSpec, what); };
  const auto line_break = [](char c) { return c == '\n' || c == '\r'; };
  if (line_break(delimiter) || line_break(quote) || (quote != '\0' && line_break(escape))) {
    fail("csv: delimiter, quote and escape cannot be a line break");
  }
  if (delimiter == quote || (quote != '\0' && delimiter == escape)) {
    fail("csv: the delimiter must differ from the quote and the escape");
  }
  if (delimiter == '\0') fail("csv: the delimiter cannot be NUL");
  if (quote != '\0' && escape == '\0') {
    fail("csv: the escape cannot be NUL (an escape equal to the quote means doubled quotes)");
  }
  if (options.max_row_bytes == 0 || options.max_row_bytes > (1u << 30)) {
    fail("csv: max_row_bytes must be between 1 and 1 GiB");
  }
}

}  // namespace crm::readers
