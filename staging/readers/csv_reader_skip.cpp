// Skipping physical lines unread: lines before the header (skip_lines) and the rest of a line
// after a reject that could not see its end. Kept apart from the row parser: neither looks at
// quotes, only at line breaks.
#include "staging/readers/csv_reader.h"

namespace crm::readers {

void CsvReader::SkipLeadingLines() {
  // Counted by SkipToLineEnd's rule (CR, LF, CRLF each end a line), so `line_` stays the
  // physical line of the file whatever the line endings; a file shorter than skip_lines is empty.
  for (size_t i = 0; i < options_.skip_lines; ++i) {
    if (window_.size() == 0 && !window_.Fill()) return;
    SkipToLineEnd();
    ++line_;
  }
}

void CsvReader::SkipToLineEnd() {
  for (;;) {
    const char* p = window_.data();
    const size_t n = window_.size();
    size_t i = 0;
    while (i < n && p[i] != '\n' && p[i] != '\r') ++i;
    if (i == n) {
      window_.Consume(n);
      if (!window_.Fill()) return;
      continue;
    }
    if (p[i] == '\n' || i + 1 < n || window_.exhausted()) {
      window_.Consume(i + (p[i] == '\r' && i + 1 < n && p[i + 1] == '\n' ? 2 : 1));
      return;
    }
    window_.Consume(i);  // a CR at the end of the window: is an LF next?
    window_.Fill();
  }
}

}  // namespace crm::readers
