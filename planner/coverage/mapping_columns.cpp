#include "planner/coverage/mapping_columns.h"

#include <algorithm>

#include "core/common/text.h"
#include "staging/shaping/where.h"

namespace crm::plan {
namespace {

void AddTemplate(const std::string& templ, ColumnUse use, std::vector<ColumnUse>* out) {
  for (size_t open = templ.find('{'); open != std::string::npos; open = templ.find('{', open)) {
    const size_t close = templ.find('}', open);
    if (close == std::string::npos) break;
    use.column = templ.substr(open + 1, close - open - 1);
    out->push_back(use);
    open = close;
  }
}

}  // namespace

std::vector<ColumnUse> ColumnUses(const spec::Spec& spec, const spec::Source& source,
                                  std::vector<spec::Diagnostic>* errors) {
  std::vector<ColumnUse> uses;
  if (!source.id_column.empty()) {
    uses.push_back({"", 0, "", source.id_column, "sources." + source.name + ".id_column",
                    source.location});
  }
  for (const spec::Entity& entity : spec.entities) {
    for (size_t i = 0; i < entity.from.size(); ++i) {
      const spec::SourceMapping& sm = entity.from[i];
      if (sm.source != source.name) continue;
      const std::string path = "entities." + entity.name + ".from[" + std::to_string(i) + "]";
      if (!sm.where.empty()) {
        staging::WhereFilter filter;
        std::string error;
        if (!staging::WhereFilter::TryParse(sm.where, &filter, &error)) {
          errors->push_back({spec.path, sm.location.line, sm.location.column, path + ".where",
                             error + " in '" + sm.where + "'"});
        } else {
          for (const std::string& c : filter.columns()) {
            uses.push_back({entity.name, i, "", c, path + ".where", sm.location});
          }
        }
      }
      for (const spec::FieldMapping& m : sm.map) {
        const std::string at = path + ".map." + m.field;
        ColumnUse use{entity.name, i, m.field, "", at, m.location};
        if (m.value) continue;
        if (!m.templ.empty()) {
          use.key_path = at + ".template";
          AddTemplate(m.templ, use, &uses);
        } else if (!m.concat.empty()) {
          use.key_path = at + ".concat";
          for (const std::string& c : m.concat) {
            use.column = c;
            uses.push_back(use);
          }
        } else if (!m.from.empty()) {
          use.key_path = at + ".from";
          use.column = m.from;
          uses.push_back(use);
        }
      }
    }
  }
  return uses;
}

std::vector<spec::Diagnostic> CheckColumnUses(const spec::Spec& spec,
                                              const std::vector<ColumnUse>& uses,
                                              const std::vector<std::string>& columns,
                                              const std::string& why) {
  std::vector<spec::Diagnostic> out;
  for (const ColumnUse& use : uses) {
    if (std::find(columns.begin(), columns.end(), use.column) != columns.end()) continue;
    std::string message = why + " '" + use.column + "'";
    const std::string close = ClosestMatch(use.column, columns);
    if (!close.empty()) message += " (did you mean '" + close + "'?)";
    out.push_back({spec.path, use.location.line, use.location.column, use.key_path, message});
  }
  return out;
}

std::string TopLevelKey(const std::string& path) {
  const size_t end = path.find_first_of(".[");
  return end == std::string::npos ? path : path.substr(0, end);
}

}  // namespace crm::plan
