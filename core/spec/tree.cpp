#include "core/spec/tree.h"

#include <yaml-cpp/yaml.h>

#include "core/common/text.h"

namespace crm::spec::internal {

namespace {

Location LocationOf(const YAML::Mark& mark) { return Location{mark.line + 1, mark.column + 1}; }

std::string Describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a map";
    case YAML::NodeType::Sequence:
      return "a list";
    default:
      return "'" + node.Scalar() + "'";
  }
}

Node Convert(const YAML::Node& yaml, Location null_at, const std::string& path, Sink* sink) {
  Node node;
  node.at = yaml.Mark().is_null() ? null_at : LocationOf(yaml.Mark());
  switch (yaml.Type()) {
    case YAML::NodeType::Scalar:
      node.kind = Node::Kind::kScalar;
      node.scalar = yaml.Scalar();
      break;
    case YAML::NodeType::Sequence:
      node.kind = Node::Kind::kList;
      for (size_t i = 0; i < yaml.size(); ++i) {
        node.items.push_back(Convert(yaml[i], node.at, path + "[" + std::to_string(i) + "]", sink));
      }
      break;
    case YAML::NodeType::Map:
      node.kind = Node::Kind::kMap;
      for (auto it = yaml.begin(); it != yaml.end(); ++it) {
        Location key_at = LocationOf(it->first.Mark());
        if (!it->first.IsScalar()) {
          sink->Add(key_at, path, "a key must be a plain name, got " + Describe(it->first));
          continue;
        }
        const std::string key = it->first.Scalar();
        if (const Entry* first = node.GetEntry(key)) {
          sink->Add(key_at, JoinPath(path, key),
                    "duplicate key '" + key + "' (first at line " +
                        std::to_string(first->key_at.line) + ")");
          continue;
        }
        // A null value has no useful position of its own: point at its key.
        Location value_at = it->second.IsNull() ? key_at : LocationOf(it->second.Mark());
        Entry entry{key, key_at, Convert(it->second, value_at, JoinPath(path, key), sink)};
        if (it->second.IsNull()) entry.value.at = key_at;
        node.entries.push_back(std::move(entry));
      }
      break;
    default:
      node.kind = Node::Kind::kNull;
      node.at = null_at;
      break;
  }
  return node;
}

}  // namespace

const Entry* Node::GetEntry(std::string_view key) const {
  for (const Entry& entry : entries) {
    if (entry.key == key) return &entry;
  }
  return nullptr;
}

const Node* Node::Get(std::string_view key) const {
  const Entry* entry = GetEntry(key);
  return entry && entry->value.valid ? &entry->value : nullptr;
}

void Sink::Add(Location at, const std::string& key_path, const std::string& message) {
  out_->push_back(Diagnostic{file_, at.line, at.column, key_path, message});
}

std::string JoinPath(const std::string& path, std::string_view key) {
  if (path.empty()) return std::string(key);
  return path + "." + std::string(key);
}

std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best = ClosestMatch(word, candidates);
  return best.empty() ? "" : " (did you mean '" + best + "'?)";
}

bool ParseYaml(std::string_view yaml, Sink* sink, Node* root) {
  YAML::Node document;
  try {
    document = YAML::Load(std::string(yaml));
  } catch (const YAML::ParserException& e) {
    sink->Add(LocationOf(e.mark), "", "invalid YAML: " + e.msg);
    return false;
  }
  if (!document.IsMap()) {
    sink->Add(Location{1, 1}, "",
              document.IsNull() ? "the spec is empty"
                                : "the spec must be a map of keys, got " + Describe(document));
    return false;
  }
  *root = Convert(document, Location{1, 1}, "", sink);
  return true;
}

}  // namespace crm::spec::internal
