#include "staging/landing/raw_columns.h"

#include <set>

#include "core/common/text.h"
#include "core/db/dialect.h"
#include "core/db/staging_schema.h"

namespace crm::staging {
namespace {

bool IsWordByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

std::string Sanitise(const std::string& name, size_t position) {
  std::string out;
  bool in_run = false;
  for (char c : name) {
    if (IsWordByte(c)) {
      out += c;
      in_run = false;
    } else if (!in_run) {
      out += '_';
      in_run = true;
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  if (out.empty()) return "column_" + std::to_string(position);
  if (out[0] >= '0' && out[0] <= '9') out = "c_" + out;
  if (db::IsReservedColumnName(out)) out = "x" + out;
  if (out.size() > db::kMaxIdentifierLength) out.resize(db::kMaxIdentifierLength);
  return out;
}

}  // namespace

std::vector<std::string> RawColumnNames(const std::vector<std::string>& source_names) {
  std::vector<std::string> names;
  std::set<std::string> taken;  // lower-case
  for (size_t i = 0; i < source_names.size(); ++i) {
    const std::string base = Sanitise(source_names[i], i + 1);
    std::string name = base;
    for (int n = 2; taken.count(ToLowerAscii(name)) > 0; ++n) {
      const std::string suffix = "_" + std::to_string(n);
      name = base.substr(0, db::kMaxIdentifierLength - suffix.size()) + suffix;
    }
    taken.insert(ToLowerAscii(name));
    names.push_back(name);
  }
  return names;
}

}  // namespace crm::staging
