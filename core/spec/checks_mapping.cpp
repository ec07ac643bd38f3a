// Cross-checks of entities.*.from: the source each mapping reads, the fields it fills, and the
// keys a field mapping combines.
#include <algorithm>

#include "core/common/text.h"
#include "core/spec/checks.h"

namespace crm::spec::internal {

namespace {

bool Has(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// Empty when every '{' of the template closes with a non-empty name.
std::string TemplateProblem(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '}') return "'}' without '{' in template";
    if (text[i] != '{') continue;
    size_t close = text.find_first_of("{}", i + 1);
    if (close == std::string_view::npos || text[close] == '{') return "unclosed '{' in template";
    if (close == i + 1) return "empty placeholder '{}' in template";
    i = close;
  }
  return "";
}

void CheckFieldMapping(const Entry& entry, const std::string& path, const FieldMapping& m,
                       const Source* source, Sink* sink) {
  const Node& node = entry.value;
  std::vector<std::string> kinds;
  for (const char* kind : {"from", "value", "template", "concat"}) {
    if (node.GetEntry(kind)) kinds.push_back(kind);
  }
  if (kinds.empty()) {
    sink->Add(entry.key_at, path, "needs one of from, value, template or concat");
  } else if (kinds.size() > 1) {
    sink->Add(
        KeyAt(node, kinds[1]), path,
        "use only one of from, value, template and concat (found " + Join(kinds, " and ") + ")");
  }
  if (node.Get("template")) {
    std::string problem = TemplateProblem(m.templ);
    if (!problem.empty()) sink->Add(ValueAt(node, "template"), path + ".template", problem);
  }
  // Without a header the columns are declared, so a wrong column name is known now.
  if (source && source->type == SourceType::kCsv && !source->header && !source->columns.empty() &&
      node.Get("from") && !Has(source->columns, m.from)) {
    sink->Add(ValueAt(node, "from"), path + ".from",
              Unknown("column", m.from, source->columns) + " of source '" + source->name + "'");
  }
  struct Needs {
    const char* transform;
    const char* key;
  };
  for (Needs needs :
       {Needs{"split_name", "part"}, Needs{"value_map", "value_map"}, Needs{"lookup", "lookup"}}) {
    bool listed = Has(m.transforms, needs.transform);
    bool configured = node.GetEntry(needs.key) != nullptr;
    if (listed && !configured) {
      sink->Add(ValueAt(node, "transform"), path + ".transform",
                std::string("transform ") + needs.transform + " needs '" + needs.key + "'");
    }
    if (needs.key == std::string_view("part") && configured && !listed) {
      sink->Add(KeyAt(node, "part"), path + ".part", "'part' needs the split_name transform");
    }
  }
  if (const Node* lookup = node.Get("lookup"); lookup && lookup->IsMap()) {
    bool file = lookup->GetEntry("file") != nullptr;
    bool table = lookup->GetEntry("table") != nullptr;
    if (file == table) {
      sink->Add(KeyAt(node, "lookup"), path + ".lookup",
                file ? "use 'file' or 'table', not both" : "needs 'file' or 'table'");
    }
  }
  if (node.GetEntry("separator") && !node.GetEntry("concat")) {
    sink->Add(KeyAt(node, "separator"), path + ".separator", "'separator' needs 'concat'");
  }
}

}  // namespace

void CheckMappings(const Node& entity_node, const std::string& path, const Entity& entity,
                   const Spec& spec, Sink* sink) {
  const Node* from = entity_node.Get("from");
  if (from == nullptr) return;
  size_t model_index = 0;
  for (size_t i = 0; i < from->items.size(); ++i) {
    const Node& item = from->items[i];
    if (!item.valid) continue;
    const SourceMapping& mapping = entity.from[model_index++];
    const std::string ipath = path + ".from[" + std::to_string(i) + "]";
    const Source* source = spec.FindSource(mapping.source);
    if (source == nullptr && item.Get("source")) {
      sink->Add(ValueAt(item, "source"), ipath + ".source",
                Unknown("source", mapping.source, SourceNames(spec)));
    }
    const Node* map = item.Get("map");
    if (map == nullptr) continue;
    size_t field_index = 0;
    for (const Entry& entry : map->entries) {
      if (!entry.value.valid) continue;
      const FieldMapping& m = mapping.map[field_index++];
      const std::string fpath = ipath + ".map." + entry.key;
      if (entity.FindField(entry.key) == nullptr) {
        sink->Add(entry.key_at, fpath, Unknown("field", entry.key, FieldNames(entity)));
      }
      if (entry.value.IsMap()) CheckFieldMapping(entry, fpath, m, source, sink);
    }
  }
}

}  // namespace crm::spec::internal
