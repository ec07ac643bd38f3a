#include "tests/planner/plan_render.h"

#include <cstdio>

namespace crm::plan::testing {
namespace {

std::string Share(double share) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f", share);
  return buffer;
}

std::string Quoted(const std::string& value) { return "\"" + value + "\""; }

std::string Hitters(const std::vector<HeavyHitter>& items) {
  std::string out;
  for (const HeavyHitter& h : items) {
    if (!out.empty()) out += ' ';
    out += Quoted(h.value) + "=" + std::to_string(h.count);
  }
  return out;
}

std::string Mask(const Plan& plan, const std::string& source, const std::string& column) {
  auto s = plan.pii_columns.find(source);
  if (s == plan.pii_columns.end()) return "";
  auto c = s->second.find(column);
  return c == s->second.end() ? "" : " pii=" + c->second;
}

}  // namespace

std::string RenderPlanText(const PlanResult& result) {
  const Plan& plan = result.plan;
  std::string out;
  for (const SourceScan& s : plan.sources) {
    out += "source " + s.name + " kind=" + s.kind + " rows=" + std::to_string(s.rows) +
           " rejects=" + std::to_string(s.rejects) + "\n";
    for (const ColumnProfile& c : s.columns) {
      out += "  column " + Quoted(c.name) + " rows=" + std::to_string(c.rows) +
             " null=" + std::to_string(c.nulls) + " empty=" + std::to_string(c.empty) +
             " distinct=" + std::to_string(c.distinct.value) +
             (c.distinct.exact ? "" : "~") + " length=" + std::to_string(c.min_length) + ".." +
             std::to_string(c.max_length) + Mask(plan, s.name, c.name) + "\n";
      out += "    inferred " + std::string(Name(c.inferred.kind)) + " share=" +
             Share(c.inferred.share) +
             (c.inferred.date_format.empty() ? "" : " format=" + c.inferred.date_format) +
             (c.inferred_sampled ? " sampled" : "") + "\n";
      out += "    top " + Hitters(c.top) + (c.top_exact ? "" : " (approximate)") + "\n";
      out += "    shapes " + Hitters(c.shapes) + "\n";
    }
    for (const ScopeCount& sc : s.scope) {
      out += "  scope " + sc.entity + " in=" + std::to_string(sc.in) +
             " out=" + std::to_string(sc.out) + "\n";
    }
  }
  const Coverage& c = plan.coverage;
  for (const auto& u : c.unmapped_columns) out += "unmapped " + u.source + "." + u.column + "\n";
  for (const auto& u : c.unfilled_fields) {
    out += "unfilled " + u.entity + "." + u.field + (u.required ? " required" : "") + "\n";
  }
  for (const auto& m : c.required_may_be_empty) {
    out += "may_be_empty " + m.entity + "." + m.field + " from " + m.source +
           " empty=" + Share(m.empty_share) +
           (m.nulled_share >= 0 ? " nulled=" + Share(m.nulled_share) : "") +
           (m.not_mapped ? " not_mapped" : "") + "\n";
  }
  for (const auto& t : c.type_conflicts) {
    out += "type_conflict " + t.entity + "." + t.field + " from " + t.source + "." + t.column +
           " expected=" + t.expected + " inferred=" + t.inferred +
           " fitting=" + Share(t.share_fitting) + " of " + std::to_string(t.checked) + "\n";
    for (const std::string& e : t.examples) out += "  example " + e + "\n";
  }
  for (const auto& r : c.missing_references) {
    out += "missing_reference " + r.entity + "." + r.field + " -> " + r.to + "\n";
  }
  for (const auto& m : c.value_map_misses) {
    out += "value_map_miss " + m.entity + "." + m.field + " from " + m.source + " " +
           Quoted(m.value) + "=" + std::to_string(m.count) + (m.blocking ? " blocking" : "") +
           "\n";
  }
  for (const Finding& f : plan.findings) out += f.level + " " + f.code + ": " + f.message + "\n";
  const Estimate& e = plan.estimate;
  out += "estimate rows=" + std::to_string(e.rows) +
         " measured=" + (e.probe_rows > 0 && e.land_per_row > 0 ? "yes" : "no") +
         " nonnegative=" +
         (e.stage_seconds >= 0 && e.validate_seconds >= 0 && e.cutover_seconds >= 0 ? "yes"
                                                                                     : "no") +
         "\n";
  out += std::string("blocking ") + (result.blocking ? "yes" : "no") + "\n";
  return out;
}

}  // namespace crm::plan::testing
