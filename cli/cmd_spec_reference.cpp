#include <iostream>

#include "cli/commands_list.h"

namespace crm::cli {
namespace {

int Run(Invocation&) {
  std::cout << spec::RenderSpecReference();
  return 0;
}

}  // namespace

const CommandDef kSpecReferenceCommand = {
    .name = "spec-reference",
    .summary = "print the reference of every spec key (Markdown), generated from the grammar",
    .needs = Needs::kNothing,
    .positional = "",
    .add_options = nullptr,
    .run = Run,
};

}  // namespace crm::cli
