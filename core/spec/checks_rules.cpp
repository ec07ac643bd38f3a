// Cross-checks of rules, subsets, privacy and the database URLs.
#include <Poco/Exception.h>
#include <Poco/RegularExpression.h>

#include <map>

#include "core/common/text.h"
#include "core/spec/checks.h"

namespace crm::spec::internal {

namespace {

// Resolves "entity.field"; reports and returns nullptr when it does not name a field.
const Field* ResolveField(const std::string& qualified, Location at, const std::string& path,
                          const Spec& spec, Sink* sink) {
  size_t dot = qualified.find('.');
  if (dot == std::string::npos) {
    sink->Add(at, path, "expected entity.field, got '" + qualified + "'");
    return nullptr;
  }
  std::string entity_name = qualified.substr(0, dot);
  std::string field_name = qualified.substr(dot + 1);
  const Entity* entity = spec.FindEntity(entity_name);
  if (entity == nullptr) {
    sink->Add(at, path, Unknown("entity", entity_name, EntityNames(spec)));
    return nullptr;
  }
  const Field* field = entity->FindField(field_name);
  if (field == nullptr) {
    sink->Add(
        at, path,
        Unknown("field", field_name, FieldNames(*entity)) + " of entity '" + entity_name + "'");
  }
  return field;
}

bool IsNumber(const std::string& text) {
  double ignored_value = 0;
  std::string ignored;
  return TryParseNumber(text, &ignored_value, &ignored);
}

std::string DefaultFormat(FieldType type) {
  switch (type) {
    case FieldType::kEmail:
      return "email";
    case FieldType::kPhone:
      return "phone";
    case FieldType::kDate:
      return "date";
    case FieldType::kDatetime:
      return "datetime";
    case FieldType::kPostalCode:
      return "postal_code";
    default:
      return "";
  }
}

void CheckRule(const Node& node, const std::string& path, const Rule& rule, const Spec& spec,
               Sink* sink) {
  const std::string check(Name(rule.check));
  const bool has_field = node.GetEntry("field") != nullptr;
  const bool has_fields = node.GetEntry("fields") != nullptr;
  std::vector<const Field*> fields;
  if (const Node* field = node.Get("field")) {
    fields.push_back(ResolveField(field->scalar, field->at, path + ".field", spec, sink));
  }
  if (const Node* list = node.Get("fields")) {
    for (size_t i = 0; i < list->items.size(); ++i) {
      const Node& item = list->items[i];
      if (!item.valid) continue;
      fields.push_back(ResolveField(item.scalar, item.at,
                                    path + ".fields[" + std::to_string(i) + "]", spec, sink));
    }
  }
  if (has_field && has_fields) {
    sink->Add(KeyAt(node, "fields"), path, "use 'field' or 'fields', not both");
  }
  // One rule counts the records of one entity: every field it names (and `by`) belongs to it.
  // (Unless that entity is unknown: then the first field's error says all there is to say.)
  if (const Node* list = spec.FindEntity(rule.entity) ? node.Get("fields") : nullptr) {
    const std::string entity = rule.entity;
    auto check_entity = [&](const Node& item, const std::string& item_path) {
      const std::string& q = item.scalar;
      size_t dot = q.find('.');
      if (dot == std::string::npos || q.substr(0, dot) == entity) return;
      sink->Add(item.at, item_path,
                "'" + q + "' is not a field of entity '" + entity +
                    "': the fields of one rule belong to one entity");
    };
    for (size_t i = 0; i < list->items.size(); ++i) {
      if (list->items[i].valid) {
        check_entity(list->items[i], path + ".fields[" + std::to_string(i) + "]");
      }
    }
    if (const Node* by = node.Get("by")) check_entity(*by, path + ".by");
  }
  const bool needs_entity = rule.check == RuleCheck::kConsistent || rule.check == RuleCheck::kSql;
  if (needs_entity) {
    if (!node.GetEntry("entity")) {
      sink->Add(node.at, path, "check '" + check + "' needs 'entity'");
    } else if (node.Get("entity") && spec.FindEntity(rule.entity) == nullptr) {
      sink->Add(ValueAt(node, "entity"), path + ".entity",
                Unknown("entity", rule.entity, EntityNames(spec)));
    }
  } else if (rule.check == RuleCheck::kConflict) {
    if (!has_fields) sink->Add(node.at, path, "check 'conflict' needs 'fields'");
    if (const Node* by = node.Get("by")) ResolveField(by->scalar, by->at, path + ".by", spec, sink);
  } else if (!has_field && !has_fields) {
    bool either = rule.check == RuleCheck::kRequired || rule.check == RuleCheck::kUnique;
    sink->Add(node.at, path,
              "check '" + check + "' needs 'field'" + (either ? " or 'fields'" : ""));
  }
  const Field* first = fields.empty() ? nullptr : fields[0];
  switch (rule.check) {
    case RuleCheck::kFormat:
      if (node.GetEntry("pattern")) {
        try {
          Poco::RegularExpression compiled(rule.pattern);
        } catch (const Poco::Exception& e) {
          sink->Add(ValueAt(node, "pattern"), path + ".pattern",
                    "invalid regular expression: " + e.message());
        }
      } else if (rule.format == "regex") {
        sink->Add(ValueAt(node, "format"), path + ".format", "format regex needs 'pattern'");
      } else if (rule.format.empty() && first && DefaultFormat(first->type).empty()) {
        sink->Add(node.at, path,
                  "check 'format' needs 'format' or 'pattern': field '" + rule.fields[0] +
                      "' is of type " + std::string(Name(first->type)));
      }
      break;
    case RuleCheck::kAllowed:
      if (node.GetEntry("values") == nullptr && node.GetEntry("values_file") == nullptr) {
        sink->Add(node.at, path, "check 'allowed' needs 'values' or 'values_file'");
      } else if (node.GetEntry("values") && node.GetEntry("values_file")) {
        sink->Add(KeyAt(node, "values_file"), path, "use 'values' or 'values_file', not both");
      }
      break;
    case RuleCheck::kRange:
    case RuleCheck::kLength:
      if (!rule.min && !rule.max) {
        sink->Add(node.at, path, "check '" + check + "' needs 'min' or 'max'");
      }
      for (const char* key : {"min", "max"}) {
        const Node* bound = node.Get(key);
        if (bound && !IsNumber(bound->scalar)) {
          sink->Add(bound->at, path + "." + key, "expected a number, got '" + bound->scalar + "'");
        }
      }
      if (rule.min && rule.max && IsNumber(*rule.min) && IsNumber(*rule.max) &&
          std::stod(*rule.min) > std::stod(*rule.max)) {
        sink->Add(ValueAt(node, "max"), path + ".max", "max is below min");
      }
      break;
    case RuleCheck::kReference:
      if (node.Get("to")) {
        const std::string& to = rule.to;
        if (to.find('.') != std::string::npos) {
          ResolveField(to, ValueAt(node, "to"), path + ".to", spec, sink);
        } else if (spec.FindEntity(to) == nullptr) {
          sink->Add(ValueAt(node, "to"), path + ".to", Unknown("entity", to, EntityNames(spec)));
        }
      } else if (first && first->ref.empty()) {
        sink->Add(ValueAt(node, "field"), path + ".field",
                  "field '" + rule.fields[0] + "' is not a reference: give it 'ref' or set 'to'");
      }
      break;
    case RuleCheck::kStale:
      if (first && first->type != FieldType::kDate && first->type != FieldType::kDatetime) {
        sink->Add(ValueAt(node, "field"), path + ".field",
                  "check 'stale' needs a date or datetime field, '" + rule.fields[0] +
                      "' is of type " + std::string(Name(first->type)));
      }
      break;
    default:
      break;
  }
}

void CheckUrls(const Node& root, const Spec& spec, Sink* sink) {
  if (StartsWith(spec.staging_url, "csv:")) {
    sink->Add(ValueAt(root, "staging"), "staging",
              "staging must be a database; csv: is for the target only");
  }
}

}  // namespace

void CheckRules(const Node& root, const Spec& spec, Sink* sink) {
  CheckUrls(root, spec, sink);
  if (const Node* rules = root.Get("rules")) {
    std::map<std::string, int> names;  // name -> line of first use
    size_t model_index = 0;
    for (size_t i = 0; i < rules->items.size(); ++i) {
      const Node& item = rules->items[i];
      if (!item.valid) continue;
      const Rule& rule = spec.rules[model_index++];
      const std::string path = "rules[" + std::to_string(i) + "]";
      CheckRule(item, path, rule, spec, sink);
      const Node* name = item.Get("name");
      if (name == nullptr) continue;
      auto [it, inserted] = names.emplace(rule.name, name->at.line);
      if (!inserted) {
        sink->Add(name->at, path + ".name",
                  "rule name '" + rule.name + "' is used twice (first at line " +
                      std::to_string(it->second) + ")");
      }
    }
  }
  if (const Node* subsets = root.Get("subsets")) {
    for (const Entry& entry : subsets->entries) {
      const Node* list = entry.value.valid ? entry.value.Get("entities") : nullptr;
      if (list == nullptr) continue;
      for (size_t i = 0; i < list->items.size(); ++i) {
        const Node& item = list->items[i];
        if (item.valid && spec.FindEntity(item.scalar) == nullptr) {
          sink->Add(item.at, "subsets." + entry.key + ".entities[" + std::to_string(i) + "]",
                    Unknown("entity", item.scalar, EntityNames(spec)));
        }
      }
    }
  }
  const Node* privacy = root.Get("privacy");
  const Node* suppress = privacy ? privacy->Get("suppress") : nullptr;
  if (suppress == nullptr) return;
  for (size_t i = 0; i < suppress->items.size(); ++i) {
    const Node& item = suppress->items[i];
    const Node* source = item.valid ? item.Get("source") : nullptr;
    if (source && spec.FindSource(source->scalar) == nullptr) {
      sink->Add(source->at, "privacy.suppress[" + std::to_string(i) + "].source",
                Unknown("source", source->scalar, SourceNames(spec)));
    }
  }
}

}  // namespace crm::spec::internal
