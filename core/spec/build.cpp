// Builds the model from a validated tree: the top level, sources, rules, subsets, cutover,
// report and privacy. Entities are in build_entities.cpp.
#include <set>

#include "core/common/text.h"
#include "core/spec/reader.h"

namespace crm::spec::internal {

Entity BuildEntity(const Entry& entry);  // build_entities.cpp

namespace {

Amount AmountOf(const std::string& text) {
  Amount amount;
  std::string ignored;
  TryParseAmount(text, &amount, &ignored);
  return amount;
}

Source BuildSource(const Entry& entry) {
  Reader r(&entry.value, "sources.*");
  Source s;
  s.name = entry.key;
  s.location = entry.key_at;
  s.type = EnumFromName(r.Str("type"), SourceType::kCsv);
  s.description = r.Str("description");
  s.path = r.Str("path");
  s.encoding = r.Str("encoding");
  s.compression = r.Str("compression");
  s.delimiter = r.Str("delimiter");
  s.quote = r.Str("quote");
  s.escape = r.Str("escape");
  s.header = r.Bool("header");
  s.columns = r.List("columns");
  s.skip_lines = r.Int("skip_lines");
  s.connect = r.Str("connect");
  s.query = r.Str("query");
  s.table = r.Str("table");
  s.fetch_size = r.Int("fetch_size");
  s.id_column = r.Str("id_column");
  s.max_rejects = AmountOf(r.Str("max_rejects"));
  s.default_region = r.Str("default_region");
  s.timezone = r.Str("timezone");
  s.locale = r.Str("locale");
  s.date_formats = r.List("date_formats");
  return s;
}

Rule BuildRule(const Node& node) {
  Reader r(&node, "rules[]");
  Rule rule;
  rule.location = node.at;
  rule.check = EnumFromName(r.Str("check"), RuleCheck::kRequired);
  rule.severity = EnumFromName(r.Str("severity"), Severity::kError);
  rule.max_fail = AmountOf(r.Str("max_fail"));
  rule.entity = r.Str("entity");
  if (r.Has("field")) rule.fields.push_back(r.Str("field"));
  for (const std::string& field : r.List("fields")) rule.fields.push_back(field);
  if (rule.entity.empty() && !rule.fields.empty()) {
    rule.entity = rule.fields[0].substr(0, rule.fields[0].find('.'));
  }
  rule.name = r.Str("name");
  if (rule.name.empty()) {
    std::string what = rule.fields.empty() ? rule.entity : Join(rule.fields, "+");
    rule.name = std::string(Name(rule.check)) + ":" + what;
  }
  rule.description = r.Str("description");
  rule.samples = r.Int("samples");
  rule.empty_values = r.List("empty_values");
  rule.format = r.Str("format");
  rule.pattern = r.Str("pattern");
  rule.phone_types = r.List("phone_types");
  rule.domains_file = r.Str("domains");
  rule.country_field = r.Str("country_field");
  rule.values = r.List("values");
  rule.values_file = r.Str("values_file");
  if (r.Has("min")) rule.min = r.Str("min");
  if (r.Has("max")) rule.max = r.Str("max");
  rule.normalize = r.Bool("normalize");
  rule.to = r.Str("to");
  rule.expect = r.Str("expect");
  if (r.Has("older_than")) {
    Duration duration;
    std::string ignored;
    if (TryParseDuration(r.Str("older_than"), &duration, &ignored)) rule.older_than = duration;
  }
  rule.by = r.Str("by");
  rule.query = r.Str("query");
  return rule;
}

Subset BuildSubset(const Entry& entry) {
  Reader r(&entry.value, "subsets.*");
  Subset subset;
  subset.name = entry.key;
  subset.location = entry.key_at;
  subset.fraction = r.Num("fraction");
  subset.seed = r.Int("seed");
  subset.stratify = r.Str("stratify");
  subset.entities = r.List("entities");
  return subset;
}

Cutover BuildCutover(const Reader& r) {
  Cutover c;
  c.mode = EnumFromName(r.Str("mode"), CutoverMode::kUpsert);
  c.batch = r.Int("batch");
  c.on_error = EnumFromName(r.Str("on_error"), CutoverOnError::kQuarantine);
  c.max_errors = AmountOf(r.Str("max_errors"));
  c.create_target = r.Bool("create_target");
  c.id_strategy = EnumFromName(r.Str("id_strategy"), IdStrategy::kExternal);
  // RFC 4122's URL namespace unless the spec names one: stable across runs and machines.
  c.id_namespace =
      r.Has("id_namespace") ? r.Str("id_namespace") : "6ba7b811-9dad-11d1-80b4-00c04fd430c8";
  c.crosswalk = r.Str("crosswalk");
  return c;
}

Privacy BuildPrivacy(const Reader& r) {
  Privacy p;
  if (const Node* list = r.Get("suppress")) {
    for (const Node& item : list->items) {
      if (!item.valid) continue;
      Reader s(&item, "privacy.suppress[]");
      p.suppress.push_back(Suppression{s.Str("file"), s.Str("match"), s.Str("source")});
    }
  }
  p.token_key_env = r.Str("token_key_env");
  return p;
}

}  // namespace

Spec BuildSpec(const Node& root) {
  Reader r(&root, "");
  Spec spec;
  spec.version = r.Int("version");
  spec.name = r.Str("name");
  spec.owner = r.Str("owner");
  spec.description = r.Str("description");
  for (const Entry* role : r.Sub("roles").Entries()) {
    if (role->value.IsScalar()) spec.roles[role->key] = role->value.scalar;
  }
  spec.staging_url = r.Str("staging");
  spec.target_url = r.Str("target");
  for (const Entry* entry : r.Sub("sources").Entries()) {
    spec.sources.push_back(BuildSource(*entry));
  }
  for (const Entry* entry : r.Sub("entities").Entries()) {
    spec.entities.push_back(BuildEntity(*entry));
  }
  if (const Node* rules = r.Get("rules")) {
    std::set<std::string> names;
    for (const Node& item : rules->items) {
      if (!item.valid) continue;
      Rule rule = BuildRule(item);
      // Generated names ("format:contact.email") may repeat; number the repeats so every rule
      // keeps a stable, unique name for trends across runs.
      std::string name = rule.name;
      for (int n = 2; item.Get("name") == nullptr && names.count(name); ++n) {
        name = rule.name + "#" + std::to_string(n);
      }
      rule.name = name;
      names.insert(name);
      spec.rules.push_back(std::move(rule));
    }
  }
  for (const Entry* entry : r.Sub("subsets").Entries()) {
    spec.subsets.push_back(BuildSubset(*entry));
  }
  spec.cutover = BuildCutover(r.Sub("cutover"));
  Reader report = r.Sub("report");
  spec.report.output = report.Str("output");
  spec.report.title = report.Has("title") ? report.Str("title") : spec.name;
  spec.report.max_samples = report.Int("max_samples");
  spec.privacy = BuildPrivacy(r.Sub("privacy"));
  return spec;
}

}  // namespace crm::spec::internal
