// RenderSpecReference: the spec reference of MIGRATION.md, generated from the grammar table so
// the documentation cannot drift from what the parser accepts.
#include <algorithm>
#include <sstream>

#include "core/common/text.h"
#include "core/spec/grammar.h"
#include "core/spec/spec.h"

namespace crm::spec {

namespace {

std::string Cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += ' ';
    else
      out += c;
  }
  return out;
}

std::string Code(std::string_view text) { return text.empty() ? "" : "`" + Cell(text) + "`"; }

// Keys are grouped by their first segment; entities by the part of an entity they describe.
std::string Section(std::string_view path) {
  size_t dot = path.find('.');
  std::string_view head = path.substr(0, std::min(dot, path.find('[')));
  if (dot == std::string_view::npos && path.find('[') == std::string_view::npos) {
    return path == "sources" || path == "entities" || path == "subsets" || path == "rules" ||
                   path == "cutover" || path == "report" || path == "privacy" || path == "roles"
               ? std::string(path)
               : "top level";
  }
  if (head == "entities") {
    for (const char* part : {"fields", "from", "match"}) {
      std::string prefix = std::string("entities.*.") + part;
      if (StartsWith(path, prefix)) return prefix;
    }
  }
  return std::string(head);
}

std::string TypeCell(const KeyDef& def) {
  std::string type = TypeName(def);
  if (!def.allowed.empty() && def.type != KeyType::kChar) {
    std::vector<std::string> values = SplitAllowed(def.allowed);
    for (std::string& v : values) v = "`" + v + "`";
    type = (def.type == KeyType::kEnum ? "" : type + ": ") + Join(values, " \\| ");
  }
  if (def.type == KeyType::kInteger || def.type == KeyType::kNumber) {
    bool has_min = def.min > -1e18;
    bool has_max = def.max < 1e18;
    std::ostringstream range;
    if (has_min && has_max && def.min == def.max)
      range << " = " << def.min;
    else if (has_min && has_max)
      range << " " << def.min << "–" << def.max;
    else if (has_min)
      range << " ≥ " << def.min;
    type += range.str();
  }
  return type;
}

std::string DefaultCell(const KeyDef& def) {
  if (def.required)
    return def.only_for.empty() ? "**required**" : "**required** (" + Cell(def.only_for) + ")";
  if (!def.def.empty()) return Code(def.def == " " ? "\" \"" : def.def);
  return Cell(def.def_doc);
}

}  // namespace

std::string RenderSpecReference() {
  std::ostringstream out;
  out << "## Spec reference\n\n"
         "Generated from the grammar table in `core/spec/grammar_*.cpp`; do not edit by hand.\n"
         "In key paths `*` is a name you choose (an identifier: a letter or `_`, then letters,\n"
         "digits or `_`, at most 63 characters) and `[]` an item of a list. A list of strings\n"
         "may be written as a single string. Relative paths are relative to the spec's folder.\n"
         "`${VAR}` in URLs is replaced by the environment variable (`$$` is a literal `$`).\n"
         "Every error names `file:line:column: key.path`; all errors are reported at once.\n";
  // Sections in order of first appearance; the top-level keys that introduce a section
  // (sources, entities, ...) stay with their own section.
  std::vector<std::pair<std::string, std::vector<const KeyDef*>>> sections;
  for (const KeyDef& def : Grammar()) {
    std::string name = Section(def.path);
    auto it = std::find_if(sections.begin(), sections.end(),
                           [&](const auto& s) { return s.first == name; });
    if (it == sections.end()) it = sections.insert(sections.end(), {name, {}});
    it->second.push_back(&def);
  }
  static const std::vector<std::string> kOrder = {
      "top level",         "roles",           "sources",          "entities",
      "entities.*.fields", "entities.*.from", "entities.*.match", "rules",
      "subsets",           "cutover",         "report",           "privacy"};
  auto rank = [&](const std::string& name) {
    return std::find(kOrder.begin(), kOrder.end(), name) - kOrder.begin();
  };
  std::stable_sort(sections.begin(), sections.end(),
                   [&](const auto& a, const auto& b) { return rank(a.first) < rank(b.first); });
  for (const auto& [name, defs] : sections) {
    out << "\n### " << (name == "top level" ? "Top level" : "`" + name + "`") << "\n\n"
        << "| Key | Type | Default | Applies to | Description | Example |\n"
        << "|---|---|---|---|---|---|\n";
    for (const KeyDef* def : defs) {
      std::string doc(def->doc);
      if (def->type == KeyType::kForbidden) doc = "Not allowed: " + doc;
      if (!def->shorthand.empty()) {
        doc += " A bare value sets `" + std::string(def->shorthand) + "`.";
      }
      out << "| " << Code(def->path) << " | " << TypeCell(*def) << " | " << DefaultCell(*def)
          << " | " << Cell(def->only_for) << " | " << Cell(doc) << " | " << Code(def->example)
          << " |\n";
    }
  }
  return out.str();
}

}  // namespace crm::spec
