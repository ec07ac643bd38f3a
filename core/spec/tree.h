// Internal to core/spec: the YAML document as a plain tree that keeps every position, and the
// stages the parser runs over it (parse → validate against the grammar → build the model →
// cross-check references). Not part of the module's contract; include spec.h instead.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/spec/diagnostic.h"
#include "core/spec/spec.h"

namespace crm::spec::internal {

struct Entry;

struct Node {
  enum class Kind { kNull, kScalar, kMap, kList };
  Kind kind = Kind::kNull;
  std::string scalar;
  Location at;                 // of the value; of its key when the value is null
  std::vector<Entry> entries;  // kMap, in file order, duplicates dropped
  std::vector<Node> items;     // kList
  bool valid = true;           // false once validation reported it; the builder skips it

  bool IsScalar() const { return kind == Kind::kScalar; }
  bool IsMap() const { return kind == Kind::kMap; }
  bool IsList() const { return kind == Kind::kList; }
  // The entry's value under `key` when present and valid, else nullptr.
  const Node* Get(std::string_view key) const;
  const Entry* GetEntry(std::string_view key) const;
};

struct Entry {
  std::string key;
  Location key_at;
  Node value;
};

// Collects diagnostics for one file.
class Sink {
 public:
  Sink(std::string file, std::vector<Diagnostic>* out) : file_(std::move(file)), out_(out) {}
  void Add(Location at, const std::string& key_path, const std::string& message);
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::vector<Diagnostic>* out_;
};

// "a.b" + "c" -> "a.b.c"; "" + "c" -> "c".
std::string JoinPath(const std::string& path, std::string_view key);
// " (did you mean 'x'?)" or "".
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates);

// Parses YAML text. Invalid YAML and duplicate keys are reported; returns false when the text
// is not YAML at all.
bool ParseYaml(std::string_view yaml, Sink* sink, Node* root);

// Checks the tree against the grammar: unknown keys, types, required keys, identifiers,
// ${VAR} expansion. Normalises shorthands in place and marks invalid nodes.
void ValidateTree(Node* root, const EnvLookup& env, Sink* sink);

// Builds the model from a validated tree, taking defaults from the grammar.
Spec BuildSpec(const Node& root);

// Cross-checks: names that refer to sources, entities and fields; duplicates; per-check and
// per-mapping combinations.
void CheckReferences(const Node& root, const Spec& spec, Sink* sink);

}  // namespace crm::spec::internal
