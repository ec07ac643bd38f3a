#include "core/db/copy_text.h"

#include <array>

namespace crm::db {
namespace {

// The bytes COPY's text format escapes: backslash, tab, newline and CR (NULL is \N). A table
// rather than four comparisons a byte: the writer shares two cores with the reader thread and the
// server, so its scan over every cell is worth keeping short.
constexpr std::array<bool, 256> kCopySpecial = [] {
  std::array<bool, 256> special{};
  special['\\'] = special['\t'] = special['\n'] = special['\r'] = true;
  return special;
}();

}  // namespace

void AppendCopyText(std::string_view value, std::string* out) {
  const char* p = value.data();
  const char* end = p + value.size();
  while (p < end) {
    const char* run = p;
    while (p < end && !kCopySpecial[static_cast<unsigned char>(*p)]) ++p;
    out->append(run, p);
    if (p == end) break;
    switch (*p) {
      case '\\':
        out->append("\\\\");
        break;
      case '\t':
        out->append("\\t");
        break;
      case '\n':
        out->append("\\n");
        break;
      default:
        out->append("\\r");
        break;
    }
    ++p;
  }
}

}  // namespace crm::db
