// Internal to core/spec: helpers shared by the cross-check files (checks.cpp, checks_rules.cpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/spec/tree.h"

namespace crm::spec::internal {

// Position of the value under `key` (of the map itself when absent).
Location ValueAt(const Node& map, std::string_view key);
// Position of `key` itself (of the map when absent).
Location KeyAt(const Node& map, std::string_view key);

std::vector<std::string> SourceNames(const Spec& spec);
std::vector<std::string> EntityNames(const Spec& spec);
std::vector<std::string> FieldNames(const Entity& entity);

// "unknown source 'x' (did you mean 'y'?)" style messages.
std::string Unknown(std::string_view what, std::string_view name,
                    const std::vector<std::string>& candidates);

// Rules, subsets, privacy and URLs (checks_rules.cpp).
void CheckRules(const Node& root, const Spec& spec, Sink* sink);

}  // namespace crm::spec::internal
