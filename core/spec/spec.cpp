#include "core/spec/spec.h"

#include <algorithm>
#include <map>
#include <set>

namespace crm::spec {

namespace {
template <typename E, size_t N>
std::string_view NameAt(E value, const std::string_view (&names)[N]) {
  size_t i = static_cast<size_t>(value);
  return i < N ? names[i] : "?";
}
}  // namespace

std::string_view Name(SourceType v) {
  static const std::string_view kNames[] = {"csv", "jsonl", "sql"};
  return NameAt(v, kNames);
}
std::string_view Name(FieldType v) {
  static const std::string_view kNames[] = {
      "string", "text",  "integer", "decimal",     "boolean", "date", "datetime",
      "email",  "phone", "country", "postal_code", "url",     "json"};
  return NameAt(v, kNames);
}
std::string_view Name(PiiMode v) {
  static const std::string_view kNames[] = {"false", "true", "tokenize"};
  return NameAt(v, kNames);
}
std::string_view Name(OnError v) {
  static const std::string_view kNames[] = {"reject", "null"};
  return NameAt(v, kNames);
}
std::string_view Name(Unmapped v) {
  static const std::string_view kNames[] = {"keep", "null", "reject"};
  return NameAt(v, kNames);
}
std::string_view Name(RuleCheck v) {
  static const std::string_view kNames[] = {"required", "format",   "allowed",   "range",
                                            "length",   "unique",   "reference", "consistent",
                                            "stale",    "conflict", "sql"};
  return NameAt(v, kNames);
}
std::string_view Name(Severity v) {
  static const std::string_view kNames[] = {"error", "warning", "info"};
  return NameAt(v, kNames);
}
std::string_view Name(MatchMethod v) {
  static const std::string_view kNames[] = {"rules", "fellegi_sunter"};
  return NameAt(v, kNames);
}
std::string_view Name(CutoverMode v) {
  static const std::string_view kNames[] = {"insert", "upsert", "truncate-insert"};
  return NameAt(v, kNames);
}
std::string_view Name(CutoverOnError v) {
  static const std::string_view kNames[] = {"quarantine", "abort"};
  return NameAt(v, kNames);
}
std::string_view Name(IdStrategy v) {
  static const std::string_view kNames[] = {"external", "uuid5", "autoincrement"};
  return NameAt(v, kNames);
}

const Field* Entity::FindField(std::string_view field_name) const {
  for (const Field& field : fields) {
    if (field.name == field_name) return &field;
  }
  return nullptr;
}

const Source* Spec::FindSource(std::string_view source_name) const {
  for (const Source& source : sources) {
    if (source.name == source_name) return &source;
  }
  return nullptr;
}

const Entity* Spec::FindEntity(std::string_view entity_name) const {
  for (const Entity& entity : entities) {
    if (entity.name == entity_name) return &entity;
  }
  return nullptr;
}

const Subset* Spec::FindSubset(std::string_view subset_name) const {
  for (const Subset& subset : subsets) {
    if (subset.name == subset_name) return &subset;
  }
  return nullptr;
}

std::vector<const Entity*> Spec::EntitiesInLoadOrder() const {
  std::map<std::string, std::set<std::string>> needs;
  for (const Entity& e : entities) {
    needs[e.name].insert(e.depends_on.begin(), e.depends_on.end());
    for (const Field& f : e.fields) {
      if (!f.ref.empty() && f.ref != e.name) needs[e.name].insert(f.ref);
    }
  }
  std::vector<const Entity*> order;
  std::set<std::string> done;
  // The spec checks depends_on for cycles; a cycle through ref fields alone (a contact's account
  // and an account's primary contact) is legitimate, so whatever remains goes in spec order.
  for (bool progress = true; progress && order.size() < entities.size();) {
    progress = false;
    for (const Entity& e : entities) {
      if (done.count(e.name)) continue;
      bool ready = std::all_of(needs[e.name].begin(), needs[e.name].end(),
                               [&](const std::string& n) { return done.count(n) > 0; });
      if (!ready) continue;
      order.push_back(&e);
      done.insert(e.name);
      progress = true;
    }
  }
  for (const Entity& e : entities) {
    if (!done.count(e.name)) order.push_back(&e);
  }
  return order;
}

}  // namespace crm::spec
