// DescribeSpec: the model as indented text, every setting with its effective value, so a test
// (or a reader of the plan) sees exactly what the parser made of a file.
#include <cstdio>
#include <sstream>

#include "core/common/text.h"
#include "core/spec/spec.h"

namespace crm::spec {

namespace {

class Out {
 public:
  void Line(int depth, const std::string& key, const std::string& value) {
    text_ << std::string(depth * 2, ' ') << key;
    if (!value.empty()) text_ << ": " << value;
    text_ << '\n';
  }
  // Leaves out empty optional settings so the text stays readable.
  void Opt(int depth, const std::string& key, const std::string& value) {
    if (!value.empty()) Line(depth, key, value);
  }
  std::string str() const { return text_.str(); }

 private:
  std::ostringstream text_;
};

std::string At(Location at) {
  return "@" + std::to_string(at.line) + ":" + std::to_string(at.column);
}
std::string List(const std::vector<std::string>& values) {
  std::vector<std::string> shown;
  for (const std::string& v : values) shown.push_back(v.empty() ? "\"\"" : v);
  return "[" + Join(shown, ", ") + "]";
}
std::string Num(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}
std::string Bool(bool value) { return value ? "true" : "false"; }
std::string Str(std::string_view v) { return std::string(v); }
std::string Quoted(const std::string& value) { return "\"" + value + "\""; }
std::string Char(const std::string& value) {
  if (value == "auto") return value;
  return value == "\t" ? "'\\t'" : "'" + value + "'";
}

void DescribeSource(const Source& s, Out* out) {
  out->Line(0, "source " + s.name + " " + At(s.location), "");
  out->Line(1, "type", Str(Name(s.type)));
  out->Opt(1, "description", s.description);
  if (s.type != SourceType::kSql) {
    out->Line(1, "path", s.path);
    out->Line(1, "encoding", s.encoding);
    out->Line(1, "compression", s.compression);
  }
  if (s.type == SourceType::kCsv) {
    out->Line(1, "delimiter", Char(s.delimiter));
    out->Line(1, "quote", Char(s.quote));
    out->Line(1, "escape", Char(s.escape));
    out->Line(1, "header", Bool(s.header));
    if (!s.columns.empty()) out->Line(1, "columns", List(s.columns));
    out->Line(1, "skip_lines", std::to_string(s.skip_lines));
  }
  if (s.type == SourceType::kSql) {
    out->Line(1, "connect", s.connect);
    out->Opt(1, "query", s.query);
    out->Opt(1, "table", s.table);
    out->Line(1, "fetch_size", std::to_string(s.fetch_size));
  }
  out->Opt(1, "id_column", s.id_column);
  out->Line(1, "max_rejects", s.max_rejects.text);
  out->Opt(1, "default_region", s.default_region);
  out->Line(1, "timezone", s.timezone);
  out->Line(1, "locale", s.locale);
  if (!s.date_formats.empty()) out->Line(1, "date_formats", List(s.date_formats));
}

// " set{a=0,b={value_upper}}", or "" when nothing is set.
std::string SetText(const ColumnValues& set) {
  if (set.empty()) return "";
  std::string text = " set{";
  for (size_t i = 0; i < set.size(); ++i) {
    text += (i ? "," : "") + set[i].first + "=" + set[i].second;
  }
  return text + "}";
}

void DescribeField(const Field& f, Out* out) {
  std::string line = Str(Name(f.type)) + " column=" + f.column;
  if (f.pii != PiiMode::kNone) line += " pii=" + Str(Name(f.pii));
  if (f.required) line += " required";
  if (f.max_length) line += " max_length=" + std::to_string(f.max_length);
  if (f.type == FieldType::kDecimal) {
    line += " precision=" + std::to_string(f.precision) + " scale=" + std::to_string(f.scale);
  }
  if (!f.ref.empty()) line += " ref=" + f.ref;
  if (f.multi) line += " multi";
  if (f.link) {
    line += " link=" + f.link->table + "(" + f.link->column + "," + f.link->ref_column + ")";
    if (!f.link->id_column.empty()) line += " link_id=" + f.link->id_column;
    line += SetText(f.link->set);
  }
  if (f.values) {
    const ValueRows& v = *f.values;
    line += " values=" + v.table + "(" + v.id_column + "," + v.column + ")" + SetText(v.set) +
            " join=" + v.join.table + "(" + (v.join.id_column.empty() ? "" : v.join.id_column + ",") +
            v.join.column + "," + v.join.value_column + ")" + SetText(v.join.set);
  }
  if (f.implicit) line += " implicit";
  out->Line(2, f.name + (f.implicit ? "" : " " + At(f.location)), line);
}

void DescribeMapping(const FieldMapping& m, Out* out) {
  std::string what;
  if (!m.from.empty()) what = "from " + m.from;
  if (m.value) what = "value " + Quoted(*m.value);
  if (!m.templ.empty()) what = "template " + Quoted(m.templ);
  if (!m.concat.empty()) what = "concat " + List(m.concat) + " separator " + Quoted(m.separator);
  out->Line(3, m.field + " " + At(m.location), what);
  if (!m.transforms.empty()) out->Line(4, "transform", List(m.transforms));
  out->Line(4, "on_error", Str(Name(m.on_error)));
  for (const auto& [from, to] : m.value_map) out->Line(4, "value_map " + Quoted(from), to);
  out->Opt(4, "value_map file", m.value_map_file);
  if (!m.value_map.empty() || !m.value_map_file.empty()) {
    out->Line(4, "unmapped", Str(Name(m.unmapped)));
  }
  if (m.lookup) {
    out->Line(4, "lookup",
              (m.lookup->file.empty() ? "table " + m.lookup->table : "file " + m.lookup->file) +
                  " key=" + m.lookup->key + " value=" + m.lookup->value +
                  " on_missing=" + Str(Name(m.lookup->on_missing)));
  }
  out->Opt(4, "default_region", m.default_region);
  if (!m.formats.empty()) out->Line(4, "formats", List(m.formats));
  out->Opt(4, "locale", m.locale);
  out->Opt(4, "timezone", m.timezone);
  out->Opt(4, "part", m.part);
  if (!m.true_values.empty()) out->Line(4, "true_values", List(m.true_values));
  if (!m.false_values.empty()) out->Line(4, "false_values", List(m.false_values));
}

void DescribeMatch(const Match& m, Out* out) {
  out->Line(1, "match " + At(m.location), Str(Name(m.method)));
  out->Line(2, "block", List(m.block));
  out->Line(2, "max_block_size", std::to_string(m.max_block_size));
  for (const Compare& c : m.compare) {
    std::string line = c.method + " threshold=" + Num(c.threshold);
    if (c.tolerance != 0) line += " tolerance=" + Num(c.tolerance);
    if (c.m) line += " m=" + Num(*c.m);
    if (c.u) line += " u=" + Num(*c.u);
    out->Line(2, "compare " + c.field, line);
  }
  for (const MatchRule& w : m.when) {
    std::string line;
    if (!w.same.empty()) line += "same " + List(w.same) + " ";
    if (!w.similar.empty()) line += "similar " + List(w.similar) + " min=" + Num(w.min) + " ";
    if (!w.different.empty()) line += "different " + List(w.different) + " ";
    out->Line(2, "when", line + "then " + w.then);
  }
  if (m.method == MatchMethod::kFellegiSunter) {
    out->Line(2, "em", Bool(m.em) + " max_iterations=" + std::to_string(m.em_max_iterations));
  }
  out->Line(2, "thresholds",
            "match=" + Num(m.match_threshold) + " possible=" + Num(m.possible_threshold));
  out->Line(2, "cluster",
            "max_size=" + std::to_string(m.max_cluster_size) +
                " min_cohesion=" + Num(m.min_cohesion) + " on_chain=" + m.on_chain);
  for (const Survivorship& s : m.survivorship) {
    std::string line = s.rule;
    if (!s.order.empty()) line += " order=" + List(s.order);
    if (!s.by.empty()) line += " by=" + s.by;
    if (s.keep_others) line += " keep_others";
    out->Line(2, "survivorship " + s.field, line);
  }
  out->Opt(2, "review", m.review);
}

void DescribeEntity(const Entity& e, Out* out) {
  out->Line(0, "entity " + e.name + " " + At(e.location), "");
  out->Line(1, "table", e.table);
  out->Line(1, "key", e.key);
  out->Opt(1, "description", e.description);
  if (!e.depends_on.empty()) out->Line(1, "depends_on", List(e.depends_on));
  if (e.id_strategy) out->Line(1, "id_strategy", Str(Name(*e.id_strategy)));
  out->Line(1, "id_column", e.id_column);
  if (!e.store_key) out->Line(1, "store_key", "false");
  if (!e.set.empty()) out->Line(1, "set", SetText(e.set).substr(4));
  out->Line(1, "fields", "");
  for (const Field& f : e.fields) DescribeField(f, out);
  for (const SourceMapping& from : e.from) {
    out->Line(1, "from " + from.source + " " + At(from.location), "");
    out->Opt(2, "where", from.where);
    out->Line(2, "map", "");
    for (const FieldMapping& m : from.map) DescribeMapping(m, out);
  }
  if (e.match) DescribeMatch(*e.match, out);
}

void DescribeRule(const Rule& r, Out* out) {
  out->Line(0, "rule " + r.name + " " + At(r.location), Str(Name(r.check)));
  out->Line(1, "severity",
            Str(Name(r.severity)) + " max_fail=" + r.max_fail.text +
                " samples=" + std::to_string(r.samples));
  out->Opt(1, "entity", r.entity);
  if (!r.fields.empty()) out->Line(1, "fields", List(r.fields));
  out->Opt(1, "description", r.description);
  if (r.check == RuleCheck::kRequired) out->Line(1, "empty_values", List(r.empty_values));
  out->Opt(1, "format", r.format);
  out->Opt(1, "pattern", r.pattern);
  if (!r.phone_types.empty()) out->Line(1, "phone_types", List(r.phone_types));
  out->Opt(1, "domains", r.domains_file);
  out->Opt(1, "country_field", r.country_field);
  if (!r.values.empty()) out->Line(1, "values", List(r.values));
  out->Opt(1, "values_file", r.values_file);
  if (r.min) out->Line(1, "min", *r.min);
  if (r.max) out->Line(1, "max", *r.max);
  if (r.normalize) out->Line(1, "normalize", "true");
  out->Opt(1, "to", r.to);
  out->Opt(1, "expect", r.expect);
  if (r.older_than) {
    out->Line(1, "older_than",
              r.older_than->text + " (" + std::to_string(r.older_than->ApproxDays()) + " days)");
  }
  out->Opt(1, "by", r.by);
  out->Opt(1, "query", r.query);
}

}  // namespace

std::string DescribeSpec(const Spec& spec) {
  Out out;
  out.Line(0, "spec " + spec.name, "version " + std::to_string(spec.version));
  out.Opt(1, "path", spec.path);
  out.Opt(1, "sha256", spec.sha256);
  out.Opt(1, "owner", spec.owner);
  out.Opt(1, "description", spec.description);
  for (const auto& [role, person] : spec.roles) out.Line(1, "role " + role, person);
  out.Line(1, "staging", spec.staging_url);
  out.Line(1, "target", spec.target_url);
  for (const Source& s : spec.sources) DescribeSource(s, &out);
  for (const Entity& e : spec.entities) DescribeEntity(e, &out);
  for (const Rule& r : spec.rules) DescribeRule(r, &out);
  for (const Subset& s : spec.subsets) {
    out.Line(0, "subset " + s.name + " " + At(s.location),
             "fraction=" + Num(s.fraction) + " seed=" + std::to_string(s.seed) + " stratify=" +
                 s.stratify + (s.entities.empty() ? "" : " entities=" + List(s.entities)));
  }
  const Cutover& c = spec.cutover;
  out.Line(0, "cutover", "");
  out.Line(1, "mode", Str(Name(c.mode)));
  out.Line(1, "batch", std::to_string(c.batch));
  out.Line(1, "on_error", Str(Name(c.on_error)));
  out.Line(1, "max_errors", c.max_errors.text);
  out.Line(1, "create_target", Bool(c.create_target));
  out.Line(1, "id_strategy", Str(Name(c.id_strategy)));
  out.Line(1, "id_namespace", c.id_namespace);
  out.Line(1, "crosswalk", c.crosswalk);
  out.Line(0, "report", "");
  out.Line(1, "output", spec.report.output);
  out.Line(1, "title", spec.report.title);
  out.Line(1, "max_samples", std::to_string(spec.report.max_samples));
  out.Line(0, "privacy", "");
  for (const Suppression& s : spec.privacy.suppress) {
    out.Line(1, "suppress " + s.file, s.match + (s.source.empty() ? "" : " source=" + s.source));
  }
  out.Line(1, "token_key_env", spec.privacy.token_key_env);
  return out.str();
}

}  // namespace crm::spec
