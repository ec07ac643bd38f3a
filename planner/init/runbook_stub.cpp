#include <sstream>

#include "core/common/text.h"
#include "planner/init/draft.h"

namespace crm::plan::init {

std::string RenderRunbookStub(const DraftInput& input) {
  std::ostringstream out;
  out << "# " << input.name << "\n\n"
      << "The migration folder of " << input.name
      << ", scaffolded by `crm-migrate init`. `migration.yaml` is a\n"
         "draft: its mapping was suggested from the sources' column names and a sample of their\n"
         "values, and every suggestion says why and how sure it is. The runbook is MIGRATION.md "
         "of\n"
         "crm-migrate; this file is the team's own record of the migration.\n\n";
  out << "## Sources\n\n| source | type | where | entity |\n|---|---|---|---|\n";
  for (size_t i = 0; i < input.sources.size(); ++i) {
    const InventoriedSource& s = input.sources[i];
    const SourceSuggestion& g = input.suggestions[i];
    if (s.type == "sql" && g.entity.empty()) continue;
    std::string where = s.type == "sql" ? s.connect + " table " + s.table : s.path;
    out << "| " << s.name << " | " << s.type << " | `" << where << "` | "
        << (g.entity.empty() ? "(none suggested)" : g.entity) << " |\n";
  }
  std::vector<std::string> vars;
  for (const InventoriedSource& s : input.sources) {
    for (const std::string& v : s.env_vars) vars.push_back(v);
  }
  if (!vars.empty()) {
    out << "\nCredentials come from the environment, never from the spec: export "
        << Join(vars, ", ") << " before any command.\n";
  }
  out << "\n## Who\n\n- owner (answers for the data): \n- data steward: \n- approver: \n\n"
         "Write them into `owner:` and `roles:` of `migration.yaml` too.\n\n"
         "## Steps\n\n"
         "1. Review `migration.yaml`: every `# confidence` comment, the `# not mapped` columns\n"
         "   (dropping data is a decision), `target:`, and `default_region:` for national phone\n"
         "   numbers.\n"
         "2. `crm-migrate plan migration.yaml`: profiles, mapping coverage, scope, estimate.\n"
         "   Sign-off: `crm-migrate note \"plan approved by <owner>\" migration.yaml`.\n"
         "3. Add a pilot subset (`subsets: {pilot: {fraction: 0.02, stratify: source}}`), then\n"
         "   `crm-migrate stage --subset pilot migration.yaml` and\n"
         "   `crm-migrate validate --subset pilot migration.yaml`.\n"
         "4. `crm-migrate stage migration.yaml`, `crm-migrate validate migration.yaml`.\n"
         "5. `crm-migrate cutover --dry-run migration.yaml`, go/no-go, "
         "`crm-migrate cutover migration.yaml`.\n"
         "6. `crm-migrate report migration.yaml`: the close-out.\n\n"
         "## Decisions and lessons\n\n"
         "Record them with `crm-migrate note \"...\" migration.yaml`; the close-out report lists "
         "them.\n";
  return out.str();
}

}  // namespace crm::plan::init
