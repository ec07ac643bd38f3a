#include "reports/report.h"

#include <filesystem>
#include <fstream>

#include "core/common/error.h"
#include "core/db/process_info.h"
#include "reports/pages/pages.h"

namespace crm::reports {
namespace {

namespace fs = std::filesystem;

fs::path OutputDir(const spec::Spec& spec, const ReportOptions& options) {
  if (!options.output_dir.empty()) return fs::absolute(options.output_dir);
  fs::path out(spec.report.output.empty() ? "reports" : spec.report.output);
  return out.is_absolute() ? out : fs::path(spec.base_dir) / out;
}

void WriteWhole(const fs::path& path, const std::string& text) {
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) throw Error(ErrorCategory::kIo, "cannot write report " + tmp.string());
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    throw Error(ErrorCategory::kIo,
                "cannot write report " + path.string() + ": " + ec.message());
  }
}

class Renderer {
 public:
  Renderer(const spec::Spec& spec, db::Journal& journal, const ReportOptions& options)
      : ctx_{spec, journal, options.show_pii,
             spec.report.max_samples > 0 ? spec.report.max_samples : 20,
             options.generated_at.empty() ? db::NowUtcIso() : options.generated_at} {
    result_.output_dir = OutputDir(spec, options).string();
    std::error_code ec;
    fs::create_directories(result_.output_dir, ec);
    if (ec) {
      throw Error(ErrorCategory::kIo,
                  "cannot create the report folder " + result_.output_dir + ": " + ec.message());
    }
  }

  void Write(const std::string& page, std::optional<int64_t> run_id, const Object::Ptr& doc,
             std::string (*render)(const Object::Ptr&)) {
    // A URL or driver message in the journal with a password in it never reaches a page.
    ScrubSecrets(doc);
    const std::string html = render(doc), json = ToJson(doc);
    const fs::path base = fs::path(result_.output_dir) / Str(doc, "page_file");
    WrittenPage written{page, run_id, base.string() + ".html", base.string() + ".json",
                        static_cast<int64_t>(html.size()), static_cast<int64_t>(json.size())};
    WriteWhole(written.html_path, html);
    WriteWhole(written.json_path, json);
    if (page == "index") result_.index_path = written.html_path;
    result_.pages.push_back(std::move(written));
  }

  void WriteRun(const db::RunRecord& run) {
    if (run.command == "plan") Write("plan", run.id, BuildPlanDoc(ctx_, run), RenderPlanHtml);
    if (run.command == "validate") {
      Write("quality", run.id, BuildQualityDoc(ctx_, run), RenderQualityHtml);
    }
    if (run.command == "cutover") {
      Write("cutover", run.id, BuildCutoverDoc(ctx_, run), RenderCutoverHtml);
    }
  }

  const PageContext& ctx() const { return ctx_; }
  ReportResult& result() { return result_; }

 private:
  PageContext ctx_;
  ReportResult result_;
};

}  // namespace

ReportResult RenderReports(const spec::Spec& spec, db::Journal& journal,
                           const ReportOptions& options) {
  Renderer renderer(spec, journal, options);
  renderer.Write("index", std::nullopt, BuildIndexDoc(renderer.ctx()), RenderIndexHtml);
  renderer.Write("lessons", std::nullopt, BuildLessonsDoc(renderer.ctx()), RenderLessonsHtml);
  std::vector<db::RunRecord> runs = journal.ListRuns();
  for (auto it = runs.rbegin(); it != runs.rend(); ++it) renderer.WriteRun(*it);
  return std::move(renderer.result());
}

ReportResult RenderRunReport(const spec::Spec& spec, db::Journal& journal, int64_t run_id,
                             const ReportOptions& options) {
  Renderer renderer(spec, journal, options);
  renderer.Write("index", std::nullopt, BuildIndexDoc(renderer.ctx()), RenderIndexHtml);
  if (std::optional<db::RunRecord> run = journal.GetRun(run_id)) renderer.WriteRun(*run);
  return std::move(renderer.result());
}

}  // namespace crm::reports
