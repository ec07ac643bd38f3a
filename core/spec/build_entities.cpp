// Builds entities from a validated tree: fields, per-source mappings and identity resolution.
#include "core/spec/reader.h"

namespace crm::spec::internal {

namespace {

std::optional<double> OptionalNum(const Reader& r, std::string_view key) {
  if (!r.Has(key)) return std::nullopt;
  return r.Num(key);
}

// A map of column -> constant (or template), in spec order.
ColumnValues BuildColumnValues(const Reader& r) {
  ColumnValues values;
  for (const Entry* entry : r.Entries()) values.push_back({entry->key, entry->value.scalar});
  return values;
}

Field BuildField(const Entry& entry) {
  Reader r(&entry.value, "entities.*.fields.*");
  Field f;
  f.name = entry.key;
  f.location = entry.key_at;
  f.type = EnumFromName(r.Str("type"), FieldType::kString);
  f.ref = r.Str("ref");
  // A reference holds the referenced record's target id, so its column is named like one.
  f.column = r.Has("column") ? r.Str("column") : f.ref.empty() ? entry.key : entry.key + "_id";
  const std::string pii = r.Str("pii");
  f.pii = pii == "tokenize" ? PiiMode::kTokenize : pii == "true" ? PiiMode::kMask : PiiMode::kNone;
  f.required = r.Bool("required");
  f.max_length = r.Int("max_length");
  f.precision = r.Int("precision");
  f.scale = r.Int("scale");
  f.multi = r.Bool("multi");
  if (r.Has("link")) {
    Reader link = r.Sub("link");
    f.link = Link{link.Str("table"), link.Str("column"), link.Str("ref_column"),
                  link.Str("id_column"), BuildColumnValues(link.Sub("set"))};
  }
  if (r.Has("values")) {
    Reader v = r.Sub("values");
    Reader join = v.Sub("join");
    f.values = ValueRows{v.Str("table"), v.Str("id_column"), v.Str("column"),
                         BuildColumnValues(v.Sub("set")),
                         ValueJoin{join.Str("table"), join.Str("id_column"), join.Str("column"),
                                   join.Str("value_column"), BuildColumnValues(join.Sub("set"))}};
  }
  f.description = r.Str("description");
  return f;
}

FieldMapping BuildFieldMapping(const Entry& entry) {
  Reader r(&entry.value, "entities.*.from[].map.*");
  FieldMapping m;
  m.field = entry.key;
  m.location = entry.key_at;
  m.from = r.Str("from");
  if (r.Has("value")) m.value = r.Str("value");
  m.templ = r.Str("template");
  m.concat = r.List("concat");
  m.separator = r.Str("separator");
  m.transforms = r.List("transform");
  m.on_error = EnumFromName(r.Str("on_error"), OnError::kReject);
  if (const Node* value_map = r.Get("value_map")) {
    if (value_map->IsScalar()) m.value_map_file = value_map->scalar;
    for (const Entry& pair : value_map->entries) {
      if (pair.value.valid) m.value_map[pair.key] = pair.value.scalar;
    }
  }
  m.unmapped = EnumFromName(r.Str("unmapped"), Unmapped::kKeep);
  if (r.Has("lookup")) {
    Reader l = r.Sub("lookup");
    m.lookup = Lookup{l.Str("file"), l.Str("table"), l.Str("key"), l.Str("value"),
                      EnumFromName(l.Str("on_missing"), Unmapped::kReject)};
  }
  m.default_region = r.Str("default_region");
  m.formats = r.List("formats");
  m.locale = r.Str("locale");
  m.timezone = r.Str("timezone");
  m.part = r.Str("part");
  m.true_values = r.List("true_values");
  m.false_values = r.List("false_values");
  return m;
}

Match BuildMatch(const Node& node) {
  Reader r(&node, "entities.*.match");
  Match m;
  m.location = node.at;
  m.method = EnumFromName(r.Str("method"), MatchMethod::kRules);
  m.block = r.List("block");
  m.max_block_size = r.Int("max_block_size");
  for (const Entry* entry : r.Sub("compare").Entries()) {
    Reader c(&entry->value, "entities.*.match.compare.*");
    m.compare.push_back(Compare{entry->key, c.Str("method"), c.Num("threshold"), c.Num("tolerance"),
                                OptionalNum(c, "m"), OptionalNum(c, "u")});
  }
  if (const Node* when = r.Get("when")) {
    for (const Node& item : when->items) {
      if (!item.valid) continue;
      Reader w(&item, "entities.*.match.when[]");
      MatchRule rule{w.List("same"), w.List("similar"), w.Num("min"), w.List("different"), ""};
      std::vector<std::string> and_same = w.List("and_same");
      rule.same.insert(rule.same.end(), and_same.begin(), and_same.end());
      rule.then = w.Has("then") ? w.Str("then") : rule.different.empty() ? "match" : "non_match";
      m.when.push_back(rule);
    }
  }
  m.em = r.Bool("em");
  m.em_max_iterations = r.Int("em_max_iterations");
  Reader thresholds = r.Sub("thresholds");
  m.match_threshold = thresholds.Num("match");
  m.possible_threshold = thresholds.Num("possible");
  Reader cluster = r.Sub("cluster");
  m.max_cluster_size = cluster.Int("max_size");
  m.min_cohesion = cluster.Num("min_cohesion");
  m.on_chain = cluster.Str("on_chain");
  for (const Entry* entry : r.Sub("survivorship").Entries()) {
    Reader s(&entry->value, "entities.*.match.survivorship.*");
    m.survivorship.push_back(Survivorship{entry->key, s.Str("rule"), s.List("order"), s.Str("by"),
                                          s.Bool("keep_others")});
  }
  m.review = r.Str("review");
  return m;
}

}  // namespace

Entity BuildEntity(const Entry& entry) {
  Reader r(&entry.value, "entities.*");
  Entity e;
  e.name = entry.key;
  e.location = entry.key_at;
  e.table = r.Has("table") ? r.Str("table") : entry.key;
  e.key = r.Str("key");
  e.description = r.Str("description");
  e.depends_on = r.List("depends_on");
  if (r.Has("id_strategy"))
    e.id_strategy = EnumFromName(r.Str("id_strategy"), IdStrategy::kExternal);
  e.id_column = r.Str("id_column");
  e.store_key = r.Bool("store_key");
  e.set = BuildColumnValues(r.Sub("set"));
  for (const Entry* field : r.Sub("fields").Entries()) e.fields.push_back(BuildField(*field));
  if (!e.key.empty() && e.FindField(e.key) == nullptr) {
    Field key;
    key.name = e.key;
    key.column = e.key;
    key.required = true;
    key.implicit = true;
    e.fields.push_back(key);
  }
  if (const Node* from = r.Get("from")) {
    for (const Node& item : from->items) {
      if (!item.valid) continue;
      Reader f(&item, "entities.*.from[]");
      SourceMapping mapping{f.Str("source"), item.at, f.Str("where"), {}};
      for (const Entry* field : f.Sub("map").Entries()) {
        mapping.map.push_back(BuildFieldMapping(*field));
      }
      e.from.push_back(std::move(mapping));
    }
  }
  if (const Node* match = r.Get("match")) e.match = BuildMatch(*match);
  return e;
}

}  // namespace crm::spec::internal
