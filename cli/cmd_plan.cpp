#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cstdio>
#include <sstream>

#include "cli/commands_list.h"
#include "planner/plan.h"

namespace crm::cli {
namespace {

void AddOptions(po::options_description& options) {
  options.add_options()
      ("sample-rows", po::value<long>()->default_value(100000)->value_name("N"),
       "rows of each source read to profile expensive checks and measure throughput");
}

std::string Minutes(double seconds) {
  char buffer[48];
  if (seconds < 90) {
    std::snprintf(buffer, sizeof buffer, "%.1f s", seconds);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.1f min", seconds / 60);
  }
  return buffer;
}

int64_t Count(const std::vector<plan::Finding>& findings, const char* level) {
  int64_t n = 0;
  for (const plan::Finding& f : findings) n += f.level == level ? 1 : 0;
  return n;
}

std::string Details(const plan::PlanResult& planned) {
  Poco::JSON::Object details(Poco::JSON_PRESERVE_KEY_ORDER);
  details.set("plan_json", planned.json_path);
  details.set("blocking", planned.blocking);
  Poco::JSON::Array findings;
  for (const plan::Finding& f : planned.plan.findings) {
    Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
    o.set("level", f.level);
    o.set("code", f.code);
    o.set("message", f.message);
    findings.add(o);
  }
  details.set("findings", findings);
  std::ostringstream out;
  details.stringify(out);
  return out.str();
}

int Run(Invocation& invocation) {
  plan::PlanOptions options;
  options.run_id = *invocation.run_id;
  options.sample_rows = invocation.options["sample-rows"].as<long>();
  plan::PlanResult planned =
      plan::RunPlan(*invocation.spec, *invocation.staging, options, *invocation.progress);
  const plan::Plan& p = planned.plan;

  db::PhaseResult& result = *invocation.result;
  int64_t rows = 0, columns = 0, in_scope = 0, out_of_scope = 0;
  for (const plan::SourceScan& s : p.sources) {
    rows += s.rows;
    columns += static_cast<int64_t>(s.columns.size());
    result.messages.push_back({"info", "source",
                               s.name + " (" + s.kind + "): " + std::to_string(s.rows) +
                                   " rows, " + std::to_string(s.columns.size()) + " columns" +
                                   (s.rejects ? ", " + std::to_string(s.rejects) + " rejected"
                                              : std::string())});
    for (const plan::ScopeCount& c : s.scope) {
      in_scope += c.in;
      out_of_scope += c.out;
      result.messages.push_back({"info", "scope",
                                 c.source + " -> " + c.entity + ": " + std::to_string(c.in) +
                                     " in scope, " + std::to_string(c.out) + " out"});
    }
  }
  for (const plan::Finding& f : p.findings) result.messages.push_back({f.level, f.code, f.message});
  const plan::Estimate& e = p.estimate;
  result.messages.push_back({"info", "estimate",
                             "estimate: stage " + Minutes(e.stage_seconds) + ", validate " +
                                 Minutes(e.validate_seconds) + ", cutover " +
                                 Minutes(e.cutover_seconds) + " (" + e.basis + ")"});
  result.messages.push_back({"info", "plan_json", "wrote " + planned.json_path});
  result.counts = {{"sources", static_cast<int64_t>(p.sources.size())},
                   {"rows", rows},
                   {"columns", columns},
                   {"in_scope", in_scope},
                   {"out_of_scope", out_of_scope},
                   {"errors", Count(p.findings, "error")},
                   {"warnings", Count(p.findings, "warning")}};
  // The whole plan is in plan.json and _plans; the result carries where, and what blocks.
  result.details_json = Details(planned);
  return planned.blocking ? 1 : 0;
}

}  // namespace

const CommandDef kPlanCommand = {
    .name = "plan",
    .summary = "inventory and profile the sources, check the mapping, count the scope, estimate",
    .needs = Needs::kStagingWrite,
    .positional = "[SPEC]",
    .add_options = AddOptions,
    .run = Run,
};

}  // namespace crm::cli
