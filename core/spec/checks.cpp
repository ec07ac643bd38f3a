// Cross-checks that the grammar alone cannot express: names that refer to sources, entities and
// fields, duplicates that SQL would see, and combinations of keys. Positions come from the tree,
// meaning from the model.
#include "core/spec/checks.h"

#include <algorithm>
#include <functional>
#include <map>

#include "core/common/text.h"
#include "core/spec/grammar.h"

namespace crm::spec::internal {

Location ValueAt(const Node& map, std::string_view key) {
  const Entry* entry = map.GetEntry(key);
  return entry ? entry->value.at : map.at;
}

Location KeyAt(const Node& map, std::string_view key) {
  const Entry* entry = map.GetEntry(key);
  return entry ? entry->key_at : map.at;
}

std::vector<std::string> SourceNames(const Spec& spec) {
  std::vector<std::string> out;
  for (const Source& s : spec.sources) out.push_back(s.name);
  return out;
}

std::vector<std::string> EntityNames(const Spec& spec) {
  std::vector<std::string> out;
  for (const Entity& e : spec.entities) out.push_back(e.name);
  return out;
}

std::vector<std::string> FieldNames(const Entity& entity) {
  std::vector<std::string> out;
  for (const Field& f : entity.fields) out.push_back(f.name);
  return out;
}

std::string Unknown(std::string_view what, std::string_view name,
                    const std::vector<std::string>& candidates) {
  return "unknown " + std::string(what) + " '" + std::string(name) + "'" +
         DidYouMean(name, candidates);
}

namespace {

// Names SQL compares without case: report the second spelling.
void CheckCaseClashes(const Node* map, const std::string& path, std::string_view what, Sink* sink) {
  if (map == nullptr) return;
  std::map<std::string, std::string> seen;
  for (const Entry& entry : map->entries) {
    auto [it, inserted] = seen.emplace(ToLowerAscii(entry.key), entry.key);
    if (!inserted) {
      sink->Add(entry.key_at, JoinPath(path, entry.key),
                std::string(what) + " '" + entry.key + "' clashes with '" + it->second +
                    "' (SQL names are not case-sensitive)");
    }
  }
}

void CheckSourceOptions(const Node& sources, const Spec& spec, Sink* sink) {
  for (const Entry& entry : sources.entries) {
    const Source* s = spec.FindSource(entry.key);
    if (s == nullptr || !entry.value.IsMap()) continue;
    const std::string path = "sources." + entry.key;
    const Node& node = entry.value;
    if (s->type == SourceType::kSql) {
      bool query = node.GetEntry("query") != nullptr;
      bool table = node.GetEntry("table") != nullptr;
      if (query == table) {
        sink->Add(entry.key_at, path,
                  query ? "use 'query' or 'table', not both" : "needs 'query' or 'table'");
      }
      if (StartsWith(s->connect, "csv:")) {
        sink->Add(ValueAt(node, "connect"), path + ".connect",
                  "a csv: URL is a target, not a database to read (use type: csv)");
      }
    }
    if (s->type == SourceType::kCsv) {
      const Entry* columns = node.GetEntry("columns");
      if (!s->header && columns == nullptr) {
        sink->Add(ValueAt(node, "header"), path + ".header",
                  "header: false needs 'columns' to name the columns");
      }
      if (s->header && columns != nullptr) {
        sink->Add(columns->key_at, path + ".columns",
                  "'columns' names the columns of a file without a header: set header: false");
      }
    }
  }
}

void CheckFields(const Node& fields, const std::string& path, const Entity& entity,
                 const Spec& spec, Sink* sink) {
  // Lower-cased target column -> the field filling it and whether `column` was written out.
  std::map<std::string, std::pair<std::string, bool>> columns;
  for (const Entry& entry : fields.entries) {
    const Field* f = entity.FindField(entry.key);
    if (f == nullptr || !entry.value.IsMap()) continue;
    const std::string fpath = path + "." + entry.key;
    const Node& node = entry.value;
    if (!f->ref.empty() && spec.FindEntity(f->ref) == nullptr) {
      sink->Add(ValueAt(node, "ref"), fpath + ".ref", Unknown("entity", f->ref, EntityNames(spec)));
    }
    if (f->link && (f->ref.empty() || !f->multi)) {
      sink->Add(KeyAt(node, "link"), fpath + ".link", "'link' needs 'ref' and 'multi: true'");
    }
    if (f->type != FieldType::kDecimal) {
      for (const char* key : {"precision", "scale"}) {
        if (node.GetEntry(key)) {
          sink->Add(KeyAt(node, key), fpath + "." + key,
                    std::string("'") + key + "' applies to decimal fields only");
        }
      }
    } else if (f->scale > f->precision) {
      sink->Add(ValueAt(node, "scale"), fpath + ".scale",
                "scale " + std::to_string(f->scale) + " is larger than precision " +
                    std::to_string(f->precision));
    }
    if (f->name == entity.key && f->multi) {
      sink->Add(KeyAt(node, "multi"), fpath + ".multi", "the entity key cannot be multi-valued");
    }
    // Two default columns that clash are already reported as clashing field names.
    const bool explicit_column = node.GetEntry("column") != nullptr;
    auto [it, inserted] =
        columns.emplace(ToLowerAscii(f->column), std::make_pair(f->name, explicit_column));
    if (!inserted && (explicit_column || it->second.second)) {
      sink->Add(entry.key_at, fpath,
                "target column '" + f->column + "' is already filled by field '" +
                    it->second.first + "'");
    }
  }
}

void CheckDependencies(const Node& entities, const Spec& spec, Sink* sink) {
  for (const Entry& entry : entities.entries) {
    const Entity* e = spec.FindEntity(entry.key);
    const Node* list = entry.value.IsMap() ? entry.value.Get("depends_on") : nullptr;
    if (e == nullptr || list == nullptr) continue;
    for (size_t i = 0; i < list->items.size(); ++i) {
      const Node& item = list->items[i];
      const std::string path = "entities." + entry.key + ".depends_on[" + std::to_string(i) + "]";
      if (!item.valid) continue;
      if (item.scalar == e->name) {
        sink->Add(item.at, path, "an entity cannot depend on itself");
      } else if (spec.FindEntity(item.scalar) == nullptr) {
        sink->Add(item.at, path, Unknown("entity", item.scalar, EntityNames(spec)));
      }
    }
  }
  // A cycle through depends_on leaves no load order; report it once, at its first entity.
  std::map<std::string, int> state;  // 1 visiting, 2 done
  std::vector<std::string> stack;
  std::function<bool(const Entity&)> visit = [&](const Entity& e) {
    state[e.name] = 1;
    stack.push_back(e.name);
    for (const std::string& dep : e.depends_on) {
      const Entity* next = spec.FindEntity(dep);
      if (next == nullptr || next == &e) continue;
      if (state[dep] == 1) {
        std::vector<std::string> cycle(std::find(stack.begin(), stack.end(), dep), stack.end());
        cycle.push_back(dep);
        const Entity* first = spec.FindEntity(cycle[0]);
        sink->Add(first->location, "entities." + first->name + ".depends_on",
                  "dependency cycle: " + Join(cycle, " -> "));
        return true;
      }
      if (state[dep] == 0 && visit(*next)) return true;
    }
    stack.pop_back();
    state[e.name] = 2;
    return false;
  };
  for (const Entity& e : spec.entities) {
    if (state[e.name] == 0 && visit(e)) break;
  }
}

void CheckTables(const Spec& spec, Sink* sink) {
  std::map<std::string, std::string> tables;
  for (const Entity& e : spec.entities) {
    auto [it, inserted] = tables.emplace(ToLowerAscii(e.table), e.name);
    if (!inserted) {
      sink->Add(e.location, "entities." + e.name + ".table",
                "table '" + e.table + "' is already the table of entity '" + it->second + "'");
    }
  }
}

}  // namespace

void CheckMappings(const Node& entity_node, const std::string& path, const Entity& entity,
                   const Spec& spec, Sink* sink);  // checks_mapping.cpp
void CheckMatch(const Node& match, const std::string& path, const Entity& entity, const Spec& spec,
                Sink* sink);  // checks_match.cpp
void CheckTargetShape(const Node& entity_node, const std::string& path, const Entity& entity,
                      const Spec& spec, Sink* sink);  // checks_targets.cpp

void CheckReferences(const Node& root, const Spec& spec, Sink* sink) {
  CheckCaseClashes(root.Get("sources"), "sources", "source", sink);
  CheckCaseClashes(root.Get("entities"), "entities", "entity", sink);
  if (const Node* sources = root.Get("sources")) CheckSourceOptions(*sources, spec, sink);
  if (const Node* entities = root.Get("entities")) {
    for (const Entry& entry : entities->entries) {
      const Entity* entity = spec.FindEntity(entry.key);
      if (entity == nullptr || !entry.value.IsMap()) continue;
      const std::string path = "entities." + entry.key;
      if (const Node* fields = entry.value.Get("fields")) {
        CheckCaseClashes(fields, path + ".fields", "field", sink);
        CheckFields(*fields, path + ".fields", *entity, spec, sink);
      }
      CheckMappings(entry.value, path, *entity, spec, sink);
      CheckTargetShape(entry.value, path, *entity, spec, sink);
      if (const Node* match = entry.value.Get("match")) {
        CheckMatch(*match, path + ".match", *entity, spec, sink);
      }
    }
    CheckDependencies(*entities, spec, sink);
  }
  CheckTables(spec, sink);
  CheckRules(root, spec, sink);
}

}  // namespace crm::spec::internal
