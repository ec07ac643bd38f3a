// quality.json: the validate run as a document for people's tools and the reports module.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <sstream>

#include "validators/evidence/stats.h"
#include "validators/validate.h"

namespace crm::validate {
namespace {

Poco::JSON::Object RuleJson(const RuleResult& r, bool subset, bool masked) {
  Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
  o.set("rule", r.name);
  o.set("check", r.check);
  o.set("entity", r.entity);
  o.set("field", r.field);
  o.set("severity", r.severity);
  o.set("max_fail", r.threshold);
  o.set("checked", r.checked);
  o.set("failed", r.failed);
  if (r.not_checked > 0) o.set("not_checked", r.not_checked);
  const double rate = r.checked > 0 ? static_cast<double>(r.failed) / r.checked : 0.0;
  o.set("rate", Percent(rate));
  if (subset && r.interval) {
    Poco::JSON::Object ci(Poco::JSON_PRESERVE_KEY_ORDER);
    ci.set("low", Percent(r.interval->low));
    ci.set("high", Percent(r.interval->high));
    o.set("interval95", ci);
  }
  if (subset && r.exact_low) o.set("exact_low95", Percent(*r.exact_low));
  Poco::JSON::Array sources;
  for (const SourceTally& s : r.by_source) {
    Poco::JSON::Object so(Poco::JSON_PRESERVE_KEY_ORDER);
    so.set("source", s.source);
    so.set("checked", s.checked);
    so.set("failed", s.failed);
    if (subset && s.checked > 0) {
      Interval ci = WilsonInterval(s.failed, s.checked);
      so.set("rate", Percent(static_cast<double>(s.failed) / s.checked));
      so.set("interval95", Percent(ci.low) + " .. " + Percent(ci.high));
    }
    sources.add(so);
  }
  o.set("by_source", sources);
  o.set("passed", r.passed);
  o.set("blocking", r.blocking);
  o.set("trend", r.trend);
  if (r.previous_failed) {
    o.set("previous_checked", *r.previous_checked);
    o.set("previous_failed", *r.previous_failed);
  }
  Poco::JSON::Array samples;
  for (const Sample& s : masked ? r.masked_samples : r.samples) {
    Poco::JSON::Object so(Poco::JSON_PRESERVE_KEY_ORDER);
    so.set("key", s.key);
    so.set("source", s.source);
    if (s.line >= 0) {
      so.set("line", s.line);
    } else {
      so.set("line", Poco::Dynamic::Var());
    }
    if (s.value) {
      so.set("value", *s.value);
    } else {
      so.set("value", Poco::Dynamic::Var());
    }
    so.set("message", s.message);
    samples.add(so);
  }
  o.set("samples", samples);
  return o;
}

}  // namespace

std::string RenderQualityJson(const spec::Spec& spec, const ValidateResult& result, int64_t run_id,
                              bool masked) {
  Poco::JSON::Object doc(Poco::JSON_PRESERVE_KEY_ORDER);
  doc.set("format", "crm-migrate/quality");
  doc.set("version", 1);
  doc.set("migration", spec.name);
  doc.set("run_id", run_id);
  doc.set("load_id", result.load_id);
  if (result.subset.empty()) {
    doc.set("subset", Poco::Dynamic::Var());
  } else {
    doc.set("subset", result.subset);
  }
  if (result.previous_run) {
    doc.set("compared_with_run", *result.previous_run);
    doc.set("spec_changed_since", result.previous_spec_changed);
  } else {
    doc.set("compared_with_run", Poco::Dynamic::Var());
  }
  doc.set("passed", result.passed);
  Poco::JSON::Array rules;
  for (const RuleResult& r : result.rules) rules.add(RuleJson(r, !result.subset.empty(), masked));
  doc.set("rules", rules);
  Poco::JSON::Array removed;
  for (const std::string& name : result.removed_rules) removed.add(name);
  doc.set("removed_rules", removed);
  std::ostringstream out;
  doc.stringify(out, 2);
  out << "\n";
  return out.str();
}

}  // namespace crm::validate
