// The v1 grammar of the migration spec: one declarative table, one row per key. The parser
// validates against it, the model builder takes its defaults from it, and the reference in
// MIGRATION.md is rendered from it. Later issues add behaviour, never rows.
//
// A key path is a pattern: `*` stands for a name the user chooses (a source, an entity, a field)
// and `[]` for the items of a list, e.g. `entities.*.from[].map.*.transform`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace crm::spec {

enum class KeyType {
  kMap,             // fixed keys, or user-chosen names when it has a `*` child
  kList,            // items described by the `[]` child
  kString,          // any non-empty scalar
  kScalar,          // any scalar, empty allowed (constants, bounds)
  kIdentifier,      // ^[A-Za-z_][A-Za-z0-9_]{0,62}$
  kName,            // a migration name: letters, digits, '_', '-', '.'
  kInteger,         // within [min, max]
  kNumber,          // within [min, max]
  kFraction,        // a number greater than 0 and at most 1
  kBoolean,         // true | false (yes | no)
  kEnum,            // one of `allowed`
  kAmount,          // a count (25) or a percentage (0.5%)
  kDuration,        // 90d, 12w, 6m, 5y
  kUrl,             // sqlite:, postgresql://, mysql://, odbc:, csv:; ${VAR} expanded
  kPath,            // a file or folder, relative to the spec's folder
  kChar,            // one character, `\t` or `tab`; `auto` when allowed says so
  kRegion,          // ISO 3166 alpha-2, upper case
  kStringList,      // list of strings; a single string is a list of one
  kIdentifierList,  // list of identifiers; a single one is a list of one
  kEnumList,        // list of `allowed` values; a single one is a list of one
  kValueMap,        // inline map of value -> value, or the path of a two-column CSV
  kPii,             // false | true | tokenize
  kForbidden,       // never allowed in a spec; `doc` says why
};

struct KeyDef {
  std::string_view path;
  KeyType type = KeyType::kString;
  std::string_view def = "";            // literal default, read like a value of the key
  std::string_view def_doc = "";        // the default in words, when it is computed
  std::string_view allowed = "";        // kEnum/kEnumList values, '|'-separated
  bool required = false;                // within only_for, when that is set
  std::string_view only_for = "";       // parent discriminator values this key applies to
  std::string_view discriminator = "";  // kMap: the child key that selects which keys apply
  std::string_view shorthand = "";      // kMap: a scalar written instead sets this child
  double min = -1e18;                   // kInteger/kNumber bounds, inclusive
  double max = 1e18;
  std::string_view doc = "";
  std::string_view example = "";
};

// Every row, in reference order.
const std::vector<KeyDef>& Grammar();

// The row of a pattern, or nullptr.
const KeyDef* FindKey(std::string_view pattern);

// The fixed child names of a map pattern (not `*`), in table order.
std::vector<std::string> ChildKeys(std::string_view pattern);

// Values of a '|'-separated list.
std::vector<std::string> SplitAllowed(std::string_view allowed);

// Human name of a type for messages and the reference ("integer", "count or percent", ...).
std::string TypeName(const KeyDef& def);

// Transform names, the closed list (`entities.*.from[].map.*.transform`).
const std::vector<std::string>& TransformNames();

// The table, split by area so each file stays small.
void AppendTopGrammar(std::vector<KeyDef>* rows);
void AppendEntityGrammar(std::vector<KeyDef>* rows);
void AppendMatchGrammar(std::vector<KeyDef>* rows);
void AppendRuleGrammar(std::vector<KeyDef>* rows);

}  // namespace crm::spec
