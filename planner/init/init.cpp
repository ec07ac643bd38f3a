#include "planner/init/init.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <set>

#include "core/common/error.h"
#include "core/spec/spec.h"
#include "planner/init/draft.h"
#include "staging/transforms/phone.h"

namespace crm::plan::init {
namespace fs = std::filesystem;
namespace {

// The folder's name as the migration's name: an identifier, "migration" when nothing is left.
std::string MigrationName(const std::string& dir) {
  std::string base = fs::absolute(dir).lexically_normal().filename().string();
  if (base.empty()) base = fs::absolute(dir).lexically_normal().parent_path().filename().string();
  std::string out;
  for (char c : base) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    out.push_back(alnum || c == '_' ? c : '_');
  }
  if (out.empty() || (out[0] >= '0' && out[0] <= '9')) out = "migration_" + out;
  return out.substr(0, 63);
}

// Creates `path` exclusively ("x": fails when it exists, even if it appeared after the check).
void WriteNew(const std::string& path, const std::string& text) {
  FILE* f = std::fopen(path.c_str(), "wx");
  if (f == nullptr) {
    int err = errno;
    if (err == EEXIST) {
      throw Error(ErrorCategory::kUsage, path + " already exists: init never overwrites a file");
    }
    throw Error(ErrorCategory::kIo, path + ": cannot create: " + std::strerror(err));
  }
  bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  ok = std::fclose(f) == 0 && ok;
  if (!ok) throw Error(ErrorCategory::kIo, path + ": cannot write: " + std::strerror(errno));
}

// The draft must load with the project's own parser; a password variable need not be set here.
void CheckDraft(const std::string& yaml, const std::string& path) {
  spec::EnvLookup any_env = [](const std::string&) -> std::optional<std::string> {
    return std::string("set-at-run-time");
  };
  try {
    spec::ParseSpec(yaml, path, any_env);
  } catch (const Error& e) {
    throw Error(ErrorCategory::kInternal,
                "the draft init made does not pass the spec parser (a bug, please report it):\n" +
                    std::string(e.what()));
  }
}

}  // namespace

InitResult RunInit(const InitOptions& options) {
  if (options.sources.empty()) {
    throw Error(ErrorCategory::kUsage,
                "init needs at least one --source NAME=PATH_OR_URL (a CSV or JSON Lines file, a "
                "SQLite file or a database URL)");
  }
  std::set<std::string> names;
  for (const SourceArg& s : options.sources) {
    if (!names.insert(s.name).second) {
      throw Error(ErrorCategory::kUsage, "--source " + s.name + " is given twice");
    }
  }
  std::string region;
  for (char c : options.default_region) region.push_back(c >= 'a' && c <= 'z' ? c - 32 : c);
  if (!region.empty() && !transforms::IsSupportedPhoneRegion(region)) {
    throw Error(ErrorCategory::kUsage, "--region " + options.default_region +
                                           ": not a region libphonenumber knows (an ISO 3166 "
                                           "alpha-2 code such as NL, DE or US)");
  }
  const fs::path dir(options.dir);
  const std::string spec_path = (dir / "migration.yaml").string();
  const std::string readme_path = (dir / "README.md").string();
  for (const std::string& path : {spec_path, readme_path}) {
    std::error_code ec;
    if (fs::exists(path, ec)) {
      throw Error(ErrorCategory::kUsage,
                  path + " already exists: init never overwrites a file; choose a new folder");
    }
  }

  DraftInput draft;
  draft.name = MigrationName(options.dir);
  draft.default_region = region;
  InventoryOptions inventory;
  inventory.scaffold_dir = options.dir;
  inventory.sample_rows = options.sample_rows;
  inventory.default_region = region;
  for (const SourceArg& arg : options.sources) {
    for (InventoriedSource& s : Inventory(arg, inventory)) {
      draft.suggestions.push_back(Suggest(s));
      draft.sources.push_back(std::move(s));
    }
  }
  const std::string yaml = RenderDraftSpec(draft);
  CheckDraft(yaml, spec_path);
  const std::string readme = RenderRunbookStub(draft);

  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw Error(ErrorCategory::kIo, options.dir + ": cannot create folder: " + ec.message());
  InitResult result;
  WriteNew(spec_path, yaml);
  result.written.push_back(spec_path);
  WriteNew(readme_path, readme);
  result.written.push_back(readme_path);
  for (size_t i = 0; i < draft.sources.size(); ++i) {
    const SourceSuggestion& g = draft.suggestions[i];
    result.summary.push_back(draft.sources[i].name + ": " +
                             (g.entity.empty() ? "no entity (" + g.entity_evidence + ")"
                                               : g.entity + ", " + std::to_string(g.fields.size()) +
                                                     " fields suggested"));
  }
  return result;
}

}  // namespace crm::plan::init
