#include "tests/db/backend.h"

#include "core/db/staging_schema.h"

namespace crm::db::testing {

Fresh FreshStaging(const TestBackend& backend) {
  std::string url = backend.fresh_url();
  return Fresh{url, OpenStaging(url, "")};
}

}  // namespace crm::db::testing
