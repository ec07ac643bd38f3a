#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <iostream>

#include "cli/commands_list.h"
#include "planner/init/init.h"

namespace crm::cli {
namespace {

void AddOptions(po::options_description& options) {
  options.add_options()
      ("source", po::value<std::vector<std::string>>()->composing()->value_name("NAME=PATH"),
       "a source to inventory and map: a file path or database URL (repeatable)")
      ("region", po::value<std::string>()->value_name("CC"),
       "ISO 3166 alpha-2 region of phone numbers written without a country code (e.g. NL); "
       "written as every source's default_region")
      ("sample", po::value<long>()->value_name("ROWS")->default_value(2000),
       "rows read per source for content evidence");
}

int Run(Invocation& invocation) {
  if (invocation.args.size() != 1) {
    throw Error(ErrorCategory::kUsage,
                "crm-migrate init: give one folder, e.g. crm-migrate init acme --source "
                "legacy=exports/contacts.csv");
  }
  plan::init::InitOptions options;
  options.dir = invocation.args.front();
  if (invocation.options.count("source")) {
    for (const std::string& text : invocation.options["source"].as<std::vector<std::string>>()) {
      options.sources.push_back(plan::init::ParseSourceArg(text));
    }
  }
  if (invocation.options.count("region")) {
    options.default_region = invocation.options["region"].as<std::string>();
  }
  long sample = invocation.options["sample"].as<long>();
  if (sample < 1) throw Error(ErrorCategory::kUsage, "crm-migrate init: --sample must be at least 1");
  options.sample_rows = static_cast<size_t>(sample);

  plan::init::InitResult result = plan::init::RunInit(options);
  if (invocation.global.format == "json") {
    Poco::JSON::Object out(Poco::JSON_PRESERVE_KEY_ORDER);
    Poco::JSON::Array written;
    for (const std::string& path : result.written) written.add(path);
    Poco::JSON::Array sources;
    for (const std::string& line : result.summary) sources.add(line);
    out.set("written", written);
    out.set("sources", sources);
    out.stringify(std::cout);
    std::cout << "\n";
  } else {
    for (const std::string& line : result.summary) invocation.progress->Note(line);
    for (const std::string& path : result.written) invocation.progress->Note("wrote " + path);
  }
  return 0;
}

}  // namespace

const CommandDef kInitCommand = {
    .name = "init",
    .summary = "scaffold a migration folder with a draft spec from the sources",
    .needs = Needs::kNothing,
    .positional = "DIR",
    .add_options = AddOptions,
    .run = Run,
};

}  // namespace crm::cli
