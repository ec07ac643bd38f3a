#include "core/spec/reader.h"

#include "core/common/text.h"
#include "core/spec/grammar.h"
#include "core/spec/values.h"

namespace crm::spec::internal {

namespace {

// Defaults of list keys are written like a YAML flow list of plain or double-quoted items.
std::vector<std::string> ParseListDefault(std::string_view text) {
  std::vector<std::string> out;
  if (text.size() < 2 || text.front() != '[') return out;
  for (const std::string& piece : Split(text.substr(1, text.size() - 2), ',')) {
    std::string item(TrimView(piece));
    if (item.size() >= 2 && item.front() == '"' && item.back() == '"') {
      item = item.substr(1, item.size() - 2);
    }
    out.push_back(item);
  }
  return out;
}

}  // namespace

std::string Reader::Str(std::string_view key) const {
  if (const Node* node = Get(key); node && node->IsScalar()) return node->scalar;
  const KeyDef* def = FindKey(Child(key));
  return def ? std::string(def->def) : "";
}

int64_t Reader::Int(std::string_view key) const {
  int64_t value = 0;
  std::string ignored;
  TryParseInteger(Str(key), &value, &ignored);
  return value;
}

double Reader::Num(std::string_view key) const {
  double value = 0;
  std::string ignored;
  TryParseNumber(Str(key), &value, &ignored);
  return value;
}

bool Reader::Bool(std::string_view key) const { return Str(key) == "true"; }

std::vector<std::string> Reader::List(std::string_view key) const {
  const Node* node = Get(key);
  if (node == nullptr) {
    const KeyDef* def = FindKey(Child(key));
    return def ? ParseListDefault(def->def) : std::vector<std::string>{};
  }
  std::vector<std::string> out;
  for (const Node& item : node->items) {
    if (item.valid && item.IsScalar()) out.push_back(item.scalar);
  }
  return out;
}

std::vector<const Entry*> Reader::Entries() const {
  std::vector<const Entry*> out;
  if (map_ == nullptr) return out;
  for (const Entry& entry : map_->entries) {
    if (entry.value.valid) out.push_back(&entry);
  }
  return out;
}

}  // namespace crm::spec::internal
