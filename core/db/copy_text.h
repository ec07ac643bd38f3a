// PostgreSQL COPY's text format, which the landing and the PostgreSQL target both stream.
#pragma once

#include <string>
#include <string_view>

namespace crm::db {

// Appends `value` escaped for COPY … FROM STDIN (text format): backslash, tab, newline and CR
// become \\, \t, \n and \r. NULL is written by the caller as \N.
void AppendCopyText(std::string_view value, std::string* out);

}  // namespace crm::db
