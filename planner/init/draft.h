// The texts `init` writes: the draft migration.yaml (every source written out explicitly, the
// suggested entities and mappings, each suggestion commented with its evidence and confidence)
// and the README.md runbook stub. Pure functions of the inventory and the suggestions.
#pragma once

#include <string>
#include <vector>

#include "planner/init/source_inventory.h"
#include "planner/init/suggest.h"

namespace crm::plan::init {

struct DraftInput {
  std::string name;  // the migration's name (an identifier)
  std::vector<InventoriedSource> sources;
  std::vector<SourceSuggestion> suggestions;  // one per source, same order
  std::string default_region;                 // written on every source when set
};

std::string RenderDraftSpec(const DraftInput& input);
std::string RenderRunbookStub(const DraftInput& input);

// `text` as a YAML scalar: plain when that reads back as the same string, double-quoted otherwise.
std::string YamlScalar(const std::string& text);

}  // namespace crm::plan::init
