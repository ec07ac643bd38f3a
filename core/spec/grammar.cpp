#include "core/spec/grammar.h"

#include <unordered_map>

namespace crm::spec {

namespace {

struct Index {
  std::vector<KeyDef> rows;
  std::unordered_map<std::string_view, size_t> by_path;
  std::unordered_map<std::string, std::vector<std::string>> children;
};

const Index& TheIndex() {
  static const Index* index = [] {
    auto* built = new Index;
    AppendTopGrammar(&built->rows);
    AppendEntityGrammar(&built->rows);
    AppendMatchGrammar(&built->rows);
    AppendRuleGrammar(&built->rows);
    for (size_t i = 0; i < built->rows.size(); ++i) {
      std::string_view path = built->rows[i].path;
      built->by_path.emplace(path, i);
      size_t dot = path.rfind('.');
      // The parent of "a.b[].c" is "a.b[]"; list items ("a.b[]") have no named parent key.
      if (dot == std::string_view::npos) {
        if (path.find('[') == std::string_view::npos) built->children[""].emplace_back(path);
        continue;
      }
      std::string_view name = path.substr(dot + 1);
      if (name != "*" && name.find('[') == std::string_view::npos) {
        built->children[std::string(path.substr(0, dot))].emplace_back(name);
      }
    }
    return built;
  }();
  return *index;
}

}  // namespace

const std::vector<KeyDef>& Grammar() { return TheIndex().rows; }

const KeyDef* FindKey(std::string_view pattern) {
  const Index& index = TheIndex();
  auto it = index.by_path.find(pattern);
  return it == index.by_path.end() ? nullptr : &index.rows[it->second];
}

std::vector<std::string> ChildKeys(std::string_view pattern) {
  const Index& index = TheIndex();
  auto it = index.children.find(std::string(pattern));
  return it == index.children.end() ? std::vector<std::string>{} : it->second;
}

std::vector<std::string> SplitAllowed(std::string_view allowed) {
  std::vector<std::string> out;
  while (!allowed.empty()) {
    size_t bar = allowed.find('|');
    out.emplace_back(allowed.substr(0, bar));
    if (bar == std::string_view::npos) break;
    allowed.remove_prefix(bar + 1);
  }
  return out;
}

std::string TypeName(const KeyDef& def) {
  switch (def.type) {
    case KeyType::kMap:
      return "map";
    case KeyType::kList:
      return "list";
    case KeyType::kString:
      return "string";
    case KeyType::kScalar:
      return "scalar";
    case KeyType::kIdentifier:
      return "identifier";
    case KeyType::kName:
      return "name";
    case KeyType::kInteger:
      return "integer";
    case KeyType::kNumber:
      return "number";
    case KeyType::kFraction:
      return "fraction";
    case KeyType::kBoolean:
      return "boolean";
    case KeyType::kEnum:
      return "enum";
    case KeyType::kAmount:
      return "count or percent";
    case KeyType::kDuration:
      return "duration";
    case KeyType::kUrl:
      return "URL";
    case KeyType::kPath:
      return "path";
    case KeyType::kChar:
      return "character";
    case KeyType::kRegion:
      return "region";
    case KeyType::kStringList:
      return "list of strings";
    case KeyType::kIdentifierList:
      return "list of identifiers";
    case KeyType::kEnumList:
      return "list of names";
    case KeyType::kValueMap:
      return "map or path";
    case KeyType::kPii:
      return "false | true | tokenize";
    case KeyType::kForbidden:
      return "not allowed";
  }
  return "?";
}

const std::vector<std::string>& TransformNames() {
  static const std::vector<std::string> names =
      SplitAllowed(FindKey("entities.*.from[].map.*.transform")->allowed);
  return names;
}

}  // namespace crm::spec
