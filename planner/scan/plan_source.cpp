#include "planner/scan/plan_source.h"

#include <algorithm>
#include <filesystem>

#include "staging/readers/jsonl_reader.h"

namespace crm::plan {
namespace {

// Hands out a JsonlReader's records through the RowSource interface the rest of the plan reads.
class JsonlRows : public staging::RowSource {
 public:
  explicit JsonlRows(std::unique_ptr<readers::JsonlReader> reader) : reader_(std::move(reader)) {}
  const std::vector<std::string>& columns() const override { return reader_->columns(); }
  bool Next(readers::Record* record) override { return reader_->Next(record); }

 private:
  std::unique_ptr<readers::JsonlReader> reader_;
};

}  // namespace

std::string ResolveSourcePath(const spec::Spec& spec, const spec::Source& source) {
  std::filesystem::path p(source.path);
  if (p.is_relative() && !spec.base_dir.empty()) p = std::filesystem::path(spec.base_dir) / p;
  return p.string();
}

PlanSource OpenPlanSource(const spec::Spec& spec, const spec::Source& source) {
  PlanSource out;
  if (source.type == spec::SourceType::kSql) {
    staging::OpenedSource opened = staging::OpenSqlSource(spec, source);
    out.rows = std::move(opened.rows);
    out.decisions = std::move(opened.decisions);
    return out;
  }
  const std::string path = ResolveSourcePath(spec, source);
  if (source.type == spec::SourceType::kCsv) {
    staging::OpenedSource opened = staging::OpenFileSource(spec, source, path);
    out.rows = std::move(opened.rows);
    out.decisions = std::move(opened.decisions);
    return out;
  }
  readers::JsonlOptions options;
  options.compression = source.compression == "gzip"   ? readers::Compression::kGzip
                        : source.compression == "none" ? readers::Compression::kNone
                                                       : readers::Compression::kAuto;
  out.sniffed_keys = readers::SniffJsonlKeys(path);
  options.paths = out.sniffed_keys;
  for (const std::string& p : staging::JsonlPaths(spec, source.name)) {
    if (std::find(options.paths.begin(), options.paths.end(), p) == options.paths.end()) {
      options.paths.push_back(p);
    }
  }
  // A reader needs one path; a file without a single object line has no columns to profile.
  if (options.paths.empty()) options.paths.push_back("_");
  out.decisions.push_back("columns: the " + std::to_string(out.sniffed_keys.size()) +
                          " top-level keys of the first lines and the paths the spec maps");
  out.rows = std::make_unique<JsonlRows>(readers::JsonlReader::Open(path, options));
  return out;
}

}  // namespace crm::plan
