// The checks every CRM target runs, whatever database holds it: the sample loaded (counts, known
// records, links, e-mails), ids stable across a re-run that changes nothing, a failure at each
// write resumed to the very target an uninterrupted run leaves, and a rollback back to the
// empty schema. `make_target(name)` returns the URL of a fresh database holding the CRM's schema.
#pragma once

#include <functional>
#include <string>

#include "tests/crm_schemas/crm_target.h"

namespace crm::loaders::testing {

using TargetFactory = std::function<std::string(const std::string& name)>;

void CheckSuitecrmLoad(const TargetFactory& make_target);
void CheckSuitecrmResume(const TargetFactory& make_target);
void CheckDolibarrLoad(const TargetFactory& make_target);
void CheckDolibarrResume(const TargetFactory& make_target);

}  // namespace crm::loaders::testing
