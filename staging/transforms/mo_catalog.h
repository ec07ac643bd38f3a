// Reads a GNU gettext .mo catalog (the binary format documented in the gettext manual, section
// "The Format of GNU MO Files") without going through the C library's locale machinery.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace crm::transforms {

// One message: the original (msgid, with any "context\x04" prefix) and its translation (the
// first form when it has plural forms). The header entry (empty msgid) is left out.
using MoEntries = std::vector<std::pair<std::string, std::string>>;

// Reads `path` into `entries`. Returns false with `error` set when the file cannot be read or is
// not a .mo file (wrong magic, offsets outside the file). Either byte order is accepted.
bool TryReadMoCatalog(const std::string& path, MoEntries* entries, std::string* error);

}  // namespace crm::transforms
