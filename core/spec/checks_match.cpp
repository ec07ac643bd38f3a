// Cross-checks of entities.*.match: blocking keys, compared fields, rules and survivorship name
// fields of the entity and sources of the spec.
#include <algorithm>
#include <sstream>

#include "core/common/text.h"
#include "core/spec/checks.h"

namespace crm::spec::internal {

namespace {

const std::vector<std::string>& BlockFunctions() {
  static const std::vector<std::string> names = {
      "lower",  "soundex", "metaphone", "initial", "digits", "year",   "first1", "first2",
      "first3", "first4",  "first5",    "first6",  "first7", "first8", "first9"};
  return names;
}

// Empty when `key` is terms joined by '+', each a field or function(field).
std::string BlockKeyProblem(std::string_view key, const Entity& entity) {
  for (const std::string& raw : Split(key, '+')) {
    std::string term(TrimView(raw));
    std::string field = term;
    size_t open = term.find('(');
    if (open != std::string::npos) {
      if (term.back() != ')') return "malformed blocking key term '" + term + "'";
      std::string function = term.substr(0, open);
      field = std::string(TrimView(term.substr(open + 1, term.size() - open - 2)));
      bool known = false;
      for (const std::string& f : BlockFunctions()) known = known || f == function;
      if (!known) return Unknown("blocking function", function, BlockFunctions());
    }
    if (!IdentifierProblem(field).empty()) return "malformed blocking key term '" + term + "'";
    if (entity.FindField(field) == nullptr) {
      return Unknown("field", field, FieldNames(entity)) + " in blocking key";
    }
  }
  return "";
}

void CheckFieldList(const Node& map, std::string_view key, const std::string& path,
                    const Entity& entity, Sink* sink) {
  const Node* list = map.Get(key);
  if (list == nullptr) return;
  for (size_t i = 0; i < list->items.size(); ++i) {
    const Node& item = list->items[i];
    if (item.valid && entity.FindField(item.scalar) == nullptr) {
      sink->Add(item.at, path + "." + std::string(key) + "[" + std::to_string(i) + "]",
                Unknown("field", item.scalar, FieldNames(entity)));
    }
  }
}

}  // namespace

std::string Shortest(double v) {
  std::ostringstream out;
  out << v;  // 0.9, not 0.900000
  return out.str();
}

// Fellegi-Sunter's parameters: an agreement pattern is a bit per compared field (at most 32), and
// m/u given in the spec must be usable as they are: both present when EM does not estimate
// them, and agreement likelier among matches than among non-matches (m > u).
void CheckWeights(const Node& match, const std::string& path, const Match& m, Sink* sink) {
  const Node* compare = match.Get("compare");
  if (compare == nullptr) return;
  if (compare->entries.size() > 32) {
    sink->Add(KeyAt(match, "compare"), path + ".compare",
              "method fellegi_sunter compares at most 32 fields, not " +
                  std::to_string(compare->entries.size()));
  }
  for (const Entry& entry : compare->entries) {
    auto it = std::find_if(m.compare.begin(), m.compare.end(),
                           [&](const Compare& c) { return c.field == entry.key; });
    if (it == m.compare.end()) continue;
    const std::string cpath = path + ".compare." + entry.key;
    if (!m.em && (!it->m || !it->u)) {
      sink->Add(entry.key_at, cpath, "'em: false' needs both m and u on every compared field");
    }
    if (it->m && it->u && *it->m <= *it->u) {
      sink->Add(entry.value.IsMap() ? ValueAt(entry.value, "m") : entry.key_at, cpath + ".m",
                "m (" + Shortest(*it->m) + ") must be greater than u (" +
                    Shortest(*it->u) + "): agreeing must be likelier among matches");
    }
  }
}

void CheckMatch(const Node& match, const std::string& path, const Entity& entity, const Spec& spec,
                Sink* sink) {
  if (!match.IsMap() || !entity.match) return;
  const Match& m = *entity.match;
  if (const Node* block = match.Get("block")) {
    for (size_t i = 0; i < block->items.size(); ++i) {
      const Node& item = block->items[i];
      std::string problem = item.valid ? BlockKeyProblem(item.scalar, entity) : "";
      if (!problem.empty()) {
        sink->Add(item.at, path + ".block[" + std::to_string(i) + "]", problem);
      }
    }
  }
  if (const Node* compare = match.Get("compare")) {
    for (const Entry& entry : compare->entries) {
      if (entity.FindField(entry.key) == nullptr) {
        sink->Add(entry.key_at, path + ".compare." + entry.key,
                  Unknown("field", entry.key, FieldNames(entity)));
      }
    }
  }
  if (const Node* when = match.Get("when")) {
    for (size_t i = 0; i < when->items.size(); ++i) {
      const Node& item = when->items[i];
      if (!item.valid || !item.IsMap()) continue;
      const std::string ipath = path + ".when[" + std::to_string(i) + "]";
      for (const char* key : {"same", "similar", "and_same", "different"}) {
        CheckFieldList(item, key, ipath, entity, sink);
      }
      if (!item.GetEntry("same") && !item.GetEntry("similar") && !item.GetEntry("different")) {
        sink->Add(item.at, ipath, "needs 'same', 'similar' or 'different'");
      }
      if (item.GetEntry("and_same") && !item.GetEntry("similar")) {
        sink->Add(KeyAt(item, "and_same"), ipath + ".and_same", "'and_same' needs 'similar'");
      }
    }
  }
  if (m.method == MatchMethod::kRules && m.when.empty() && !match.GetEntry("when")) {
    sink->Add(match.at, path, "method rules needs a 'when' list");
  }
  if (m.method == MatchMethod::kFellegiSunter && m.compare.empty()) {
    sink->Add(match.at, path, "method fellegi_sunter needs 'compare'");
  }
  if (m.method == MatchMethod::kFellegiSunter) CheckWeights(match, path, m, sink);
  if (m.possible_threshold > m.match_threshold) {
    if (const Node* thresholds = match.Get("thresholds")) {
      sink->Add(ValueAt(*thresholds, "possible"), path + ".thresholds.possible",
                "possible threshold is above the match threshold");
    }
  }
  const Node* survivorship = match.Get("survivorship");
  if (survivorship == nullptr) return;
  for (const Entry& entry : survivorship->entries) {
    if (!entry.value.valid || !entry.value.IsMap()) continue;
    const std::string spath = path + ".survivorship." + entry.key;
    if (entry.key != "default" && entity.FindField(entry.key) == nullptr) {
      std::vector<std::string> names = FieldNames(entity);
      names.push_back("default");
      sink->Add(entry.key_at, spath, Unknown("field", entry.key, names));
    }
    const Node& node = entry.value;
    const std::string rule = node.Get("rule") ? node.Get("rule")->scalar : "";
    const Node* order = node.Get("order");
    if ((rule == "source_priority" || rule == "custom") && order == nullptr) {
      sink->Add(ValueAt(node, "rule"), spath + ".rule", "rule " + rule + " needs 'order'");
    }
    if (rule == "source_priority" && order != nullptr) {
      for (size_t i = 0; i < order->items.size(); ++i) {
        const Node& item = order->items[i];
        if (item.valid && spec.FindSource(item.scalar) == nullptr) {
          sink->Add(item.at, spath + ".order[" + std::to_string(i) + "]",
                    Unknown("source", item.scalar, SourceNames(spec)));
        }
      }
    }
    if (const Node* by = node.Get("by"); by && entity.FindField(by->scalar) == nullptr) {
      sink->Add(by->at, spath + ".by", Unknown("field", by->scalar, FieldNames(entity)));
    }
  }
}

}  // namespace crm::spec::internal
