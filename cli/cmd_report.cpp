#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <iostream>
#include <sstream>

#include "cli/commands_list.h"
#include "cli/result_text.h"
#include "reports/report.h"

namespace crm::cli {
namespace {

void AddOptions(po::options_description& options) {
  options.add_options()
      ("out", po::value<std::string>()->value_name("DIR"), "folder for the HTML and JSON reports (default: spec folder/reports)")
      ("show-pii", po::bool_switch(), "show raw values of PII fields (journaled)");
}

std::string Details(const reports::ReportResult& rendered) {
  Poco::JSON::Object details(Poco::JSON_PRESERVE_KEY_ORDER);
  details.set("output_dir", rendered.output_dir);
  details.set("index", rendered.index_path);
  Poco::JSON::Array pages;
  for (const reports::WrittenPage& p : rendered.pages) {
    Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
    o.set("page", p.page);
    if (p.run_id) {
      o.set("run_id", *p.run_id);
    } else {
      o.set("run_id", Poco::Dynamic::Var());
    }
    o.set("html", p.html_path);
    o.set("json", p.json_path);
    o.set("html_bytes", p.html_bytes);
    o.set("json_bytes", p.json_bytes);
    pages.add(o);
  }
  details.set("pages", pages);
  std::ostringstream out;
  details.stringify(out);
  return out.str();
}

// Rendering only reads the journal, so `report` runs without the writer lock, beside a phase.
// Inside `run` it is a journaled phase like the others (invocation.result is set); on its own it
// prints the same result envelope, unjournaled — except that --show-pii leaves a note, because
// pages with raw personal data must be traceable.
int Run(Invocation& invocation) {
  reports::ReportOptions options;
  if (invocation.options.count("out")) {
    options.output_dir = invocation.options["out"].as<std::string>();
  }
  options.show_pii = invocation.options["show-pii"].as<bool>();
  reports::ReportResult rendered =
      reports::RenderReports(*invocation.spec, *invocation.journal, options);

  db::PhaseResult standalone;
  standalone.command = "report";
  db::PhaseResult& result = invocation.result ? *invocation.result : standalone;
  int64_t html_bytes = 0, json_bytes = 0;
  for (const reports::WrittenPage& p : rendered.pages) {
    html_bytes += p.html_bytes;
    json_bytes += p.json_bytes;
  }
  result.counts = {{"pages", static_cast<int64_t>(rendered.pages.size())},
                   {"html_bytes", html_bytes},
                   {"json_bytes", json_bytes}};
  if (options.show_pii) {
    invocation.journal->AddNote("reports rendered with --show-pii into " + rendered.output_dir,
                                invocation.run_id, "show_pii");
    result.messages.push_back(
        {"warning", "show_pii", "raw PII values shown in the pages; this is journaled"});
  }
  result.messages.push_back({"info", "index", "open " + rendered.index_path});
  result.details_json = Details(rendered);
  if (!invocation.result) {
    if (invocation.global.format == "json") {
      std::cout << db::RenderPhaseResultJson(result) << std::flush;
    } else {
      std::cout << RenderPhaseResultText(result) << std::flush;
    }
  }
  return 0;
}

}  // namespace

const CommandDef kReportCommand = {
    .name = "report",
    .summary = "render the lessons-learned close-out and every phase report",
    .needs = Needs::kStagingRead,
    .positional = "[SPEC]",
    .add_options = AddOptions,
    .run = Run,
};

}  // namespace crm::cli
