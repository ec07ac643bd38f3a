// Identity's results and tables as text, for the data-driven cases.
#pragma once

#include <string>

#include "core/db/database.h"
#include "core/spec/spec.h"
#include "identity/identity.h"
#include "validators/validate.h"

namespace crm::identity::testing {

// "  contact: staged=5 golden=3 merged=2 possible=1 ...", its warnings, merged samples and pairs.
std::string RenderEntityIdentity(const EntityIdentity& found);

// gold_<entity> and xref_<entity> of every entity with `match` (rows sorted), and the
// _possible_matches rows of `run_id`.
std::string RenderIdentityTables(const spec::Spec& spec, db::Database& staging, int64_t run_id);

// Every entity's review file, line by line; "(none)" when it was not written.
std::string RenderReviewFiles(const spec::Spec& spec);

// The identity and review results of a validate run, and its reconciliation.
std::string RenderValidateIdentity(const validate::ValidateResult& result);

}  // namespace crm::identity::testing
