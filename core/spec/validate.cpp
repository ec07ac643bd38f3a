// Checks a spec tree against the grammar table: the structural half of validation. Everything
// here is driven by the table; no key name appears in this file.
#include <cctype>
#include <cstdio>

#include "core/common/text.h"
#include "core/spec/env.h"
#include "core/spec/grammar.h"
#include "core/spec/tree.h"

namespace crm::spec::internal {

namespace {

std::string Got(const Node& node) {
  switch (node.kind) {
    case Node::Kind::kMap:
      return "a map";
    case Node::Kind::kList:
      return "a list";
    case Node::Kind::kNull:
      return "nothing";
    case Node::Kind::kScalar:
      return "'" + node.scalar + "'";
  }
  return "?";
}

std::string Number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

bool Contains(const std::vector<std::string>& values, std::string_view value) {
  for (const std::string& v : values) {
    if (v == value) return true;
  }
  return false;
}

std::string OneOf(const std::vector<std::string>& values) { return Join(values, ", "); }

bool IsListType(KeyType type) {
  return type == KeyType::kStringList || type == KeyType::kIdentifierList ||
         type == KeyType::kEnumList;
}

class Validator {
 public:
  Validator(const EnvLookup& env, Sink* sink) : env_(env), sink_(sink) {}

  void Walk(Node* node, const std::string& pattern, const std::string& path, Location key_at) {
    static const KeyDef kRoot{.path = "", .type = KeyType::kMap};
    const KeyDef& def = pattern.empty() ? kRoot : *FindKey(pattern);
    if (def.type == KeyType::kMap) return WalkMap(node, def, pattern, path, key_at);
    if (def.type == KeyType::kList) return WalkList(node, pattern, path);
    if (IsListType(def.type)) return WalkScalarList(node, def, pattern, path);
    if (def.type == KeyType::kValueMap) return WalkValueMap(node, path);
    if (node->kind != Node::Kind::kScalar) {
      return Fail(node, path,
                  node->kind == Node::Kind::kNull
                      ? "missing value"
                      : "expected " + Article(def) + ", got " + Got(*node));
    }
    std::string error = CheckScalar(def, pattern, &node->scalar);
    if (!error.empty()) Fail(node, path, error);
  }

 private:
  static std::string Article(const KeyDef& def) {
    std::string name = TypeName(def);
    if (def.type == KeyType::kEnum) return "one of " + OneOf(SplitAllowed(def.allowed));
    bool vowel = std::string_view("aeiouAEIU").find(name[0]) != std::string_view::npos;
    return (vowel ? "an " : "a ") + name;
  }

  void Fail(Node* node, const std::string& path, const std::string& message) {
    sink_->Add(node->at, path, message);
    node->valid = false;
  }

  void WalkMap(Node* node, const KeyDef& def, const std::string& pattern, const std::string& path,
               Location key_at) {
    if (node->kind == Node::Kind::kScalar && !def.shorthand.empty()) {
      Node value = *node;
      node->kind = Node::Kind::kMap;
      node->scalar.clear();
      node->entries.push_back(Entry{std::string(def.shorthand), value.at, std::move(value)});
    }
    if (node->kind == Node::Kind::kNull) node->kind = Node::Kind::kMap;
    if (node->kind != Node::Kind::kMap) {
      return Fail(node, path, "expected a map, got " + Got(*node));
    }
    const std::string named = pattern.empty() ? "*" : pattern + ".*";
    const bool has_names = FindKey(named) != nullptr;
    std::string selector = Selector(*node, def, pattern);
    for (Entry& entry : node->entries) {
      const std::string child_path = JoinPath(path, entry.key);
      const std::string fixed = pattern.empty() ? entry.key : pattern + "." + entry.key;
      const KeyDef* child = FindKey(fixed);
      if (child && child->type == KeyType::kForbidden) {
        sink_->Add(entry.key_at, child_path, std::string(child->doc));
        entry.value.valid = false;
      } else if (child) {
        if (!Applies(*child, selector)) {
          sink_->Add(entry.key_at, child_path,
                     "'" + entry.key + "' does not apply when " + std::string(def.discriminator) +
                         " is '" + selector + "' (only " +
                         Join(SplitAllowed(child->only_for), ", ") + ")");
          entry.value.valid = false;
          continue;
        }
        Walk(&entry.value, fixed, child_path, entry.key_at);
      } else if (has_names) {
        std::string problem = IdentifierProblem(entry.key);
        if (!problem.empty()) {
          sink_->Add(entry.key_at, child_path, problem);
          entry.value.valid = false;
          continue;
        }
        Walk(&entry.value, named, child_path, entry.key_at);
      } else {
        std::vector<std::string> candidates;
        for (const std::string& key : ChildKeys(pattern)) {
          const KeyDef* k = FindKey(pattern.empty() ? key : pattern + "." + key);
          if (Applies(*k, selector) && k->type != KeyType::kForbidden) candidates.push_back(key);
        }
        sink_->Add(entry.key_at, child_path,
                   "unknown key '" + entry.key + "'" + DidYouMean(entry.key, candidates));
        entry.value.valid = false;
      }
    }
    for (const std::string& key : ChildKeys(pattern)) {
      const KeyDef* k = FindKey(pattern.empty() ? key : pattern + "." + key);
      if (!k->required || node->GetEntry(key)) continue;
      if (!k->only_for.empty() && (selector.empty() || !Applies(*k, selector))) continue;
      sink_->Add(key_at, JoinPath(path, key), "missing required key '" + key + "'");
    }
    if (has_names && def.required && node->entries.empty()) {
      Fail(node, path, "must name at least one entry");
    }
  }

  // The value of the map's discriminator key when it is valid, else "".
  static std::string Selector(const Node& node, const KeyDef& def, const std::string& pattern) {
    if (def.discriminator.empty()) return "";
    const KeyDef* key = FindKey(pattern + "." + std::string(def.discriminator));
    const Node* value = node.Get(def.discriminator);
    if (value == nullptr) return key->def.empty() ? "" : std::string(key->def);
    if (!value->IsScalar() || !Contains(SplitAllowed(key->allowed), value->scalar)) return "";
    return value->scalar;
  }

  static bool Applies(const KeyDef& def, const std::string& selector) {
    return def.only_for.empty() || selector.empty() ||
           Contains(SplitAllowed(def.only_for), selector);
  }

  void WalkList(Node* node, const std::string& pattern, const std::string& path) {
    if (node->kind == Node::Kind::kNull) node->kind = Node::Kind::kList;
    if (node->kind != Node::Kind::kList) {
      return Fail(node, path, "expected a list, got " + Got(*node));
    }
    for (size_t i = 0; i < node->items.size(); ++i) {
      Node* item = &node->items[i];
      Walk(item, pattern + "[]", path + "[" + std::to_string(i) + "]", item->at);
    }
  }

  void WalkScalarList(Node* node, const KeyDef& def, const std::string& pattern,
                      const std::string& path) {
    if (node->kind == Node::Kind::kScalar) {
      Node single = *node;
      node->kind = Node::Kind::kList;
      node->scalar.clear();
      node->items.push_back(std::move(single));
    }
    if (node->kind != Node::Kind::kList) {
      return Fail(node, path, "expected a list, got " + Got(*node));
    }
    KeyDef item_def = def;
    item_def.type = def.type == KeyType::kIdentifierList ? KeyType::kIdentifier
                    : def.type == KeyType::kEnumList     ? KeyType::kEnum
                                                         : KeyType::kScalar;
    for (size_t i = 0; i < node->items.size(); ++i) {
      Node* item = &node->items[i];
      std::string item_path = path + "[" + std::to_string(i) + "]";
      if (!item->IsScalar()) {
        Fail(item, item_path, "expected a string, got " + Got(*item));
        continue;
      }
      std::string error = CheckScalar(item_def, pattern, &item->scalar);
      if (!error.empty()) Fail(item, item_path, error);
    }
  }

  void WalkValueMap(Node* node, const std::string& path) {
    if (node->IsScalar() && !node->scalar.empty()) return;
    if (!node->IsMap()) {
      return Fail(node, path,
                  "expected a map of values or the path of a CSV file, got " + Got(*node));
    }
    for (Entry& entry : node->entries) {
      if (!entry.value.IsScalar()) {
        Fail(&entry.value, JoinPath(path, entry.key), "expected a value, got " + Got(entry.value));
      }
    }
  }

  std::string CheckScalar(const KeyDef& def, const std::string& pattern, std::string* value) {
    std::string error;
    const std::string& v = *value;
    switch (def.type) {
      case KeyType::kString:
      case KeyType::kPath:
        return TrimView(v).empty() ? "must not be empty" : "";
      case KeyType::kIdentifier:
        return IdentifierProblem(v);
      case KeyType::kName:
        for (char c : v) {
          if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.') {
            return "'" + v + "' is not a valid name: use letters, digits, '_', '-' and '.'";
          }
        }
        return v.empty() ? "must not be empty" : "";
      case KeyType::kInteger: {
        int64_t n = 0;
        if (!TryParseInteger(v, &n, &error)) return error;
        return Range(def, static_cast<double>(n), v);
      }
      case KeyType::kNumber: {
        double n = 0;
        if (!TryParseNumber(v, &n, &error)) return error;
        return Range(def, n, v);
      }
      case KeyType::kFraction: {
        double n = 0;
        if (!TryParseNumber(v, &n, &error)) return error;
        return n > 0 && n <= 1 ? "" : "must be greater than 0 and at most 1, got " + v;
      }
      case KeyType::kBoolean: {
        bool b = false;
        if (!TryParseBool(v, &b, &error)) return error;
        *value = b ? "true" : "false";
        return "";
      }
      case KeyType::kPii: {
        bool b = false;
        if (v == "tokenize") return "";
        if (!TryParseBool(v, &b, &error)) {
          return "expected true, false or tokenize, got '" + v + "'";
        }
        *value = b ? "true" : "false";
        return "";
      }
      case KeyType::kEnum: {
        std::vector<std::string> allowed = SplitAllowed(def.allowed);
        if (Contains(allowed, v)) return "";
        if (pattern.ends_with(".transform")) {
          return "unknown transform '" + v + "'" + DidYouMean(v, allowed);
        }
        return "'" + v + "' is not one of " + OneOf(allowed) + DidYouMean(v, allowed);
      }
      case KeyType::kAmount: {
        Amount amount;
        return TryParseAmount(v, &amount, &error) ? "" : error;
      }
      case KeyType::kDuration: {
        Duration duration;
        return TryParseDuration(v, &duration, &error) ? "" : error;
      }
      case KeyType::kUrl: {
        std::string expanded;
        if (!ExpandEnv(v, env_, &expanded, &error)) return error;
        *value = expanded;
        return UrlProblem(expanded);
      }
      case KeyType::kChar:
        if (v == "\\t" || v == "tab") *value = "\t";
        if (value->size() == 1 || (v == "auto" && def.allowed == "auto")) return "";
        return "expected one character (or \\t), got '" + v + "'";
      case KeyType::kRegion:
        if (v.size() == 2 && std::isalpha(static_cast<unsigned char>(v[0])) &&
            std::isalpha(static_cast<unsigned char>(v[1]))) {
          for (char& c : *value) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
          return "";
        }
        return "expected an ISO 3166 alpha-2 region such as NL, got '" + v + "'";
      default:
        return "";
    }
  }

  static std::string Range(const KeyDef& def, double n, const std::string& text) {
    if (n >= def.min && n <= def.max) return "";
    if (def.min == def.max) return "must be " + Number(def.min) + ", got " + text;
    if (def.max >= 1e18) return "must be at least " + Number(def.min) + ", got " + text;
    return "must be between " + Number(def.min) + " and " + Number(def.max) + ", got " + text;
  }

  const EnvLookup& env_;
  Sink* sink_;
};

}  // namespace

void ValidateTree(Node* root, const EnvLookup& env, Sink* sink) {
  Validator(env, sink).Walk(root, "", "", Location{1, 1});
}

}  // namespace crm::spec::internal
