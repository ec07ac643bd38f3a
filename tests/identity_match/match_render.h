// A Resolution as readable text, for the data-driven cases: counts, warnings, weights, every
// match and possible pair with its rule and per-field similarities, then every membership.
#pragma once

#include <string>

#include "identity/match/resolution.h"

namespace crm::identity::testing {

std::string RenderResolution(const Resolution& resolution);

// A Progress that prints nothing.
Progress& QuietProgress();

}  // namespace crm::identity::testing
