#include "planner/report/plan_json.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cmath>
#include <sstream>

#include "planner/coverage/pii_columns.h"

namespace crm::plan {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr NewObject() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }

double Round(double value) { return std::round(value * 1e4) / 1e4; }

Poco::Int64 I(int64_t value) { return static_cast<Poco::Int64>(value); }

Object::Ptr SpecObject(const spec::Spec& spec) {
  Object::Ptr o = NewObject();
  o->set("name", spec.name);
  o->set("path", spec.path);
  o->set("sha256", spec.sha256);
  o->set("owner", spec.owner);
  return o;
}

Object::Ptr ColumnObject(const ColumnProfile& c, const std::string& mask) {
  auto shown = [&](const std::string& v) { return mask.empty() ? v : Mask(v, mask); };
  Object::Ptr o = NewObject();
  o->set("name", c.name);
  o->set("rows", I(c.rows));
  o->set("empty", I(c.empty));
  o->set("null", I(c.nulls));
  Object::Ptr distinct = NewObject();
  distinct->set("value", I(c.distinct.value));
  distinct->set("exact", c.distinct.exact);
  distinct->set("error", Round(c.distinct.error));
  o->set("distinct", distinct);
  o->set("min_length", I(c.min_length));
  o->set("max_length", I(c.max_length));
  Array::Ptr top = new Array;
  for (const HeavyHitter& h : c.top) {
    Object::Ptr t = NewObject();
    t->set("value", shown(h.value));
    t->set("count", I(h.count));
    if (h.error > 0) t->set("error", I(h.error));
    top->add(t);
  }
  o->set("top", top);
  o->set("top_exact", c.top_exact);
  Array::Ptr shapes = new Array;
  for (const HeavyHitter& h : c.shapes) {
    Object::Ptr t = NewObject();
    t->set("shape", h.value);
    t->set("count", I(h.count));
    if (h.error > 0) t->set("error", I(h.error));
    shapes->add(t);
  }
  o->set("shapes", shapes);
  Object::Ptr inferred = NewObject();
  inferred->set("type", std::string(Name(c.inferred.kind)));
  inferred->set("share", Round(c.inferred.share));
  inferred->set("format", c.inferred.date_format);
  inferred->set("sampled", c.inferred_sampled);
  inferred->set("checked", I(c.inferred.checked));
  // For text: the kind that came closest ("70% of the values are e-mail addresses").
  inferred->set("closest", std::string(Name(c.inferred.closest)));
  inferred->set("closest_share", Round(c.inferred.closest_share));
  o->set("inferred", inferred);
  Array::Ptr samples = new Array;
  for (const std::string& s : c.samples) samples->add(shown(s));
  o->set("samples", samples);
  o->set("pii", !mask.empty());
  return o;
}

Array::Ptr SourcesArray(const Plan& plan) {
  Array::Ptr sources = new Array;
  for (const SourceScan& scan : plan.sources) {
    Object::Ptr s = NewObject();
    s->set("name", scan.name);
    s->set("kind", scan.kind);
    s->set("rows", I(scan.rows));
    s->set("rejects", I(scan.rejects));
    Array::Ptr decisions = new Array;
    for (const std::string& d : scan.decisions) decisions->add(d);
    s->set("decisions", decisions);
    const auto pii = plan.pii_columns.find(scan.name);
    Array::Ptr columns = new Array;
    for (const ColumnProfile& c : scan.columns) {
      std::string mask;
      if (pii != plan.pii_columns.end()) {
        auto it = pii->second.find(c.name);
        if (it != pii->second.end()) mask = it->second;
      }
      columns->add(ColumnObject(c, mask));
    }
    s->set("columns", columns);
    sources->add(s);
  }
  return sources;
}

Object::Ptr CoverageObject(const Coverage& c) {
  Object::Ptr o = NewObject();
  Array::Ptr unmapped = new Array;
  for (const UnmappedColumn& u : c.unmapped_columns) {
    Object::Ptr x = NewObject();
    x->set("source", u.source);
    x->set("column", u.column);
    unmapped->add(x);
  }
  o->set("unmapped_columns", unmapped);
  Array::Ptr unfilled = new Array;
  for (const UnfilledField& u : c.unfilled_fields) {
    Object::Ptr x = NewObject();
    x->set("entity", u.entity);
    x->set("field", u.field);
    x->set("required", u.required);
    unfilled->add(x);
  }
  o->set("unfilled_fields", unfilled);
  Array::Ptr empty = new Array;
  for (const MayBeEmpty& m : c.required_may_be_empty) {
    Object::Ptr x = NewObject();
    x->set("entity", m.entity);
    x->set("field", m.field);
    x->set("source", m.source);
    x->set("empty_share", Round(m.empty_share));
    if (m.nulled_share >= 0) x->set("nulled_share", Round(m.nulled_share));
    x->set("not_mapped", m.not_mapped);
    empty->add(x);
  }
  o->set("required_may_be_empty", empty);
  Array::Ptr conflicts = new Array;
  for (const TypeConflict& t : c.type_conflicts) {
    Object::Ptr x = NewObject();
    x->set("entity", t.entity);
    x->set("field", t.field);
    x->set("source", t.source);
    x->set("column", t.column);
    x->set("expected", t.expected);
    x->set("share_fitting", Round(t.share_fitting));
    x->set("inferred", t.inferred);
    x->set("checked", I(t.checked));
    Array::Ptr examples = new Array;
    for (const std::string& e : t.examples) examples->add(e);
    x->set("examples", examples);
    conflicts->add(x);
  }
  o->set("type_conflicts", conflicts);
  Array::Ptr refs = new Array;
  for (const MissingReference& r : c.missing_references) {
    Object::Ptr x = NewObject();
    x->set("entity", r.entity);
    x->set("field", r.field);
    x->set("to", r.to);
    refs->add(x);
  }
  o->set("missing_references", refs);
  Array::Ptr misses = new Array;
  for (const ValueMapMiss& m : c.value_map_misses) {
    Object::Ptr x = NewObject();
    x->set("entity", m.entity);
    x->set("field", m.field);
    x->set("source", m.source);
    x->set("value", m.value);
    x->set("count", I(m.count));
    x->set("blocking", m.blocking);
    misses->add(x);
  }
  o->set("value_map_misses", misses);
  return o;
}

Array::Ptr ScopeArray(const Plan& plan) {
  Array::Ptr scope = new Array;
  for (const SourceScan& scan : plan.sources) {
    for (const ScopeCount& s : scan.scope) {
      Object::Ptr x = NewObject();
      x->set("source", s.source);
      x->set("entity", s.entity);
      x->set("in", I(s.in));
      x->set("out", I(s.out));
      scope->add(x);
    }
  }
  return scope;
}

Object::Ptr EstimateObject(const Estimate& e) {
  Object::Ptr o = NewObject();
  o->set("stage_seconds", Round(e.stage_seconds));
  o->set("validate_seconds", Round(e.validate_seconds));
  o->set("cutover_seconds", Round(e.cutover_seconds));
  o->set("rows", I(e.rows));
  o->set("basis", e.basis);
  Object::Ptr per_row = NewObject();
  per_row->set("read", e.read_per_row);
  per_row->set("land", e.land_per_row);
  per_row->set("shape", e.shape_per_row);
  per_row->set("validate", e.validate_per_row);
  per_row->set("load", e.load_per_row);
  o->set("seconds_per_row", per_row);
  o->set("probe_rows", I(e.probe_rows));
  return o;
}

Object::Ptr GovernanceObject(const spec::Spec& spec) {
  Object::Ptr o = NewObject();
  o->set("owner", spec.owner);
  Object::Ptr roles = NewObject();
  for (const auto& [role, person] : spec.roles) roles->set(role, person);
  o->set("roles", roles);
  Array::Ptr pii = new Array;
  for (const spec::Entity& entity : spec.entities) {
    for (const spec::Field& field : entity.fields) {
      if (field.pii == spec::PiiMode::kNone) continue;
      Object::Ptr x = NewObject();
      x->set("entity", entity.name);
      x->set("field", field.name);
      x->set("mode", std::string(spec::Name(field.pii)));
      pii->add(x);
    }
  }
  o->set("pii_fields", pii);
  return o;
}

Array::Ptr FindingsArray(const std::vector<Finding>& findings) {
  Array::Ptr out = new Array;
  for (const Finding& f : findings) {
    Object::Ptr x = NewObject();
    x->set("level", f.level);
    x->set("code", f.code);
    x->set("message", f.message);
    out->add(x);
  }
  return out;
}

}  // namespace

std::string RenderPlanJson(const spec::Spec& spec, const Plan& plan, unsigned indent) {
  Object::Ptr root = NewObject();
  root->set("spec", SpecObject(spec));
  root->set("sources", SourcesArray(plan));
  root->set("coverage", CoverageObject(plan.coverage));
  root->set("scope", ScopeArray(plan));
  root->set("estimate", EstimateObject(plan.estimate));
  root->set("governance", GovernanceObject(spec));
  root->set("findings", FindingsArray(plan.findings));
  std::ostringstream out;
  root->stringify(out, indent);
  if (indent > 0) out << '\n';
  return out.str();
}

}  // namespace crm::plan
