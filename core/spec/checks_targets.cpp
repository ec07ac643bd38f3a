// Cross-checks of the target-shape keys of an entity: store_key, set, and the link and values
// tables of its fields. The grammar has checked each key alone; these are the combinations the
// loaders could not carry out (a key nobody can find again, a template outside value rows).
#include <algorithm>

#include "core/spec/checks.h"

namespace crm::spec::internal {
namespace {

// The placeholders a `set` may use: value rows know their value, join rows also whether it is
// the golden (primary) one; entity and link rows have no value of their own.
void CheckColumnValues(const Node* set, const std::string& path,
                       const std::vector<std::string>& placeholders, Sink* sink) {
  if (set == nullptr || !set->IsMap()) return;
  for (const Entry& entry : set->entries) {
    // The validator has checked that the column names are identifiers.
    const std::string at = path + "." + entry.key;
    const std::string& text = entry.value.scalar;
    for (size_t open = text.find('{'); open != std::string::npos;
         open = text.find('{', open + 1)) {
      const size_t close = text.find('}', open);
      const std::string name =
          text.substr(open + 1, close == std::string::npos ? std::string::npos : close - open - 1);
      if (std::find(placeholders.begin(), placeholders.end(), name) != placeholders.end()) {
        continue;
      }
      std::string allowed;
      for (const std::string& p : placeholders) allowed += (allowed.empty() ? "" : ", ") + ("{" + p + "}");
      sink->Add(entry.value.at, at,
                "'{" + name + "}' is not a placeholder here" +
                    (allowed.empty() ? std::string(": these columns take constants only")
                                     : ": use one of " + allowed));
      break;
    }
  }
}

}  // namespace

void CheckTargetShape(const Node& entity_node, const std::string& path, const Entity& entity,
                      const Spec& spec, Sink* sink) {
  const IdStrategy strategy = entity.id_strategy.value_or(spec.cutover.id_strategy);
  if (!entity.store_key && strategy != IdStrategy::kUuid5) {
    sink->Add(ValueAt(entity_node, "store_key"), path + ".store_key",
              "store_key: false needs id_strategy uuid5 (this entity's is " +
                  std::string(Name(strategy)) +
                  "): only an id made from the key finds the record again");
  }
  CheckColumnValues(entity_node.Get("set"), path + ".set", {}, sink);
  const Node* fields = entity_node.Get("fields");
  if (fields == nullptr) return;
  for (const Entry& entry : fields->entries) {
    const Field* f = entity.FindField(entry.key);
    if (f == nullptr || !entry.value.IsMap()) continue;
    const std::string fpath = path + ".fields." + entry.key;
    const Node& node = entry.value;
    if (const Node* link = node.Get("link")) {
      CheckColumnValues(link->Get("set"), fpath + ".link.set", {}, sink);
    }
    if (!f->values) continue;
    const Node* values = node.Get("values");
    if (!f->multi || !f->ref.empty() || f->link) {
      sink->Add(KeyAt(node, "values"), fpath + ".values",
                "'values' needs 'multi: true' and excludes 'ref' and 'link'");
    }
    if (f->name == entity.key) {
      sink->Add(KeyAt(node, "values"), fpath + ".values", "the entity key cannot have 'values'");
    }
    if (values != nullptr) {
      CheckColumnValues(values->Get("set"), fpath + ".values.set",
                        {"value", "value_upper", "value_lower"}, sink);
      if (const Node* join = values->Get("join")) {
        CheckColumnValues(join->Get("set"), fpath + ".values.join.set",
                          {"value", "value_upper", "value_lower", "primary"}, sink);
      }
    }
    // The join rows name the record by its target id, which an autoincrement entity has only
    // once its row is written: this build writes the record and its join rows together.
    if ((f->values || f->link) && strategy == IdStrategy::kAutoincrement) {
      sink->Add(KeyAt(node, f->values ? "values" : "link"),
                fpath + (f->values ? ".values" : ".link"),
                "an entity with id_strategy autoincrement cannot have link or value tables "
                "(their rows need the record's id before it exists): use uuid5 or external");
    }
  }
}

}  // namespace crm::spec::internal
