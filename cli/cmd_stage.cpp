#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <sstream>

#include "cli/commands_list.h"
#include "staging/stage.h"

namespace crm::cli {
namespace {

void AddOptions(po::options_description& options) {
  options.add_options()
      ("subset", po::value<std::string>()->value_name("NAME"),
       "stage only the members of this subset of the spec")
      ("source", po::value<std::vector<std::string>>()->composing()->value_name("NAME"),
       "land only this source again (repeatable); the others keep their current load")
      ("force", po::bool_switch(), "land every source again, even when unchanged");
}

// Sums the funnel over entities and sources for the headline counts.
db::Counts Totals(const staging::StageResult& stage) {
  int64_t extracted = 0, out_of_scope = 0, suppressed = 0, rejected = 0, not_in_subset = 0,
          staged = 0;
  for (const staging::SourceFunnel& f : stage.funnel) {
    extracted += f.extracted;
    out_of_scope += f.out_of_scope;
    suppressed += f.suppressed;
    rejected += f.rejected;
    not_in_subset += f.not_in_subset;
    staged += f.staged;
  }
  return {{"extracted", extracted},       {"out_of_scope", out_of_scope},
          {"suppressed", suppressed},     {"rejected", rejected},
          {"not_in_subset", not_in_subset}, {"staged", staged}};
}

std::string Details(const staging::StageResult& stage) {
  Poco::JSON::Object details(Poco::JSON_PRESERVE_KEY_ORDER);
  details.set("load_id", stage.load_id);
  details.set("promoted", stage.promoted);
  Poco::JSON::Array sources;
  for (const staging::LandResult& s : stage.sources) {
    Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
    o.set("source", s.source);
    o.set("reused", s.reused);
    o.set("raw_load_id", s.raw_load_id);
    o.set("extracted", s.extracted);
    o.set("suppressed", s.suppressed);
    o.set("rejected", s.rejected);
    o.set("landed", s.landed);
    sources.add(o);
  }
  details.set("sources", sources);
  Poco::JSON::Array funnel;
  for (const staging::SourceFunnel& f : stage.funnel) {
    Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
    o.set("source", f.source);
    o.set("entity", f.entity);
    o.set("extracted", f.extracted);
    o.set("out_of_scope", f.out_of_scope);
    o.set("suppressed", f.suppressed);
    o.set("rejected", f.rejected);
    o.set("not_in_subset", f.not_in_subset);
    o.set("staged", f.staged);
    funnel.add(o);
  }
  details.set("funnel", funnel);
  std::ostringstream out;
  details.stringify(out);
  return out.str();
}

int Run(Invocation& invocation) {
  staging::StageOptions options;
  options.run_id = *invocation.run_id;
  if (invocation.options.count("subset")) {
    options.subset = invocation.options["subset"].as<std::string>();
  }
  if (invocation.options.count("source")) {
    options.sources = invocation.options["source"].as<std::vector<std::string>>();
  }
  options.force = invocation.options["force"].as<bool>();
  staging::StageResult stage = staging::RunStage(*invocation.spec, *invocation.staging,
                                                 *invocation.journal, options,
                                                 *invocation.progress);
  db::PhaseResult& result = *invocation.result;
  result.counts = Totals(stage);
  for (const staging::SourceFunnel& f : stage.funnel) {
    result.messages.push_back(
        {"info", "funnel",
         f.source + " -> " + f.entity + ": extracted " + std::to_string(f.extracted) +
             " = out of scope " + std::to_string(f.out_of_scope) + " + suppressed " +
             std::to_string(f.suppressed) + " + rejected " + std::to_string(f.rejected) +
             " + not in subset " + std::to_string(f.not_in_subset) + " + staged " +
             std::to_string(f.staged)});
  }
  for (const std::string& d : stage.decisions) result.messages.push_back({"info", "date_order", d});
  for (const std::string& w : stage.warnings) result.messages.push_back({"warning", "nulled", w});
  for (const std::string& g : stage.gate_failures) {
    result.messages.push_back({"error", "max_rejects", g + ": the load is not promoted"});
  }
  result.details_json = Details(stage);
  return stage.promoted ? 0 : 1;
}

}  // namespace

const CommandDef kStageCommand = {
    .name = "stage",
    .summary = "land the sources raw and shape them into canonical staging tables",
    .needs = Needs::kStagingWrite,
    .positional = "[SPEC]",
    .add_options = AddOptions,
    .run = Run,
};

}  // namespace crm::cli
