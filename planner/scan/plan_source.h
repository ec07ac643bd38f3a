// Opening a source for the plan with the stage's own readers (staging/landing/row_source.h), so
// plan reads exactly what stage will land: the same sniffed delimiter and encoding, the same
// rejects, the same SQL text conversion.
//
// A JSON Lines source has no header: plan reads the top-level keys of its first lines (as a stage
// of a spec that maps nothing does) plus every path the spec uses, so the profile covers what is
// there and what the mapping needs.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/spec/spec.h"
#include "staging/landing/row_source.h"

namespace crm::plan {

struct PlanSource {
  std::unique_ptr<staging::RowSource> rows;
  std::vector<std::string> decisions;  // what the reader detected, one sentence each
  // JSON Lines only: the paths that are top-level keys of the first lines (the others are the
  // spec's paths, which may or may not exist in the data).
  std::vector<std::string> sniffed_keys;
};

// Throws crm::Error(kIo) when the source cannot be read or reached, kSpec for reader options the
// reader refuses.
PlanSource OpenPlanSource(const spec::Spec& spec, const spec::Source& source);

// The source's file path resolved against the spec's folder.
std::string ResolveSourcePath(const spec::Spec& spec, const spec::Source& source);

}  // namespace crm::plan
