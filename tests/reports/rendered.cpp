#include "tests/reports/rendered.h"

#include <catch2/catch.hpp>

namespace crm::reports::testing {

const ReportResult& Rendered() {
  static const ReportResult result = [] {
    SampleJournal& s = Sample();
    ReportOptions options;
    options.output_dir = (s.dir / "reports").string();
    options.generated_at = "2026-11-26T18:00:00Z";
    return RenderReports(s.spec, *s.journal, options);
  }();
  return result;
}

const ReportResult& RenderedWithPii() {
  static const ReportResult result = [] {
    SampleJournal& s = Sample();
    ReportOptions options;
    options.output_dir = (s.dir / "reports-pii").string();
    options.show_pii = true;
    options.generated_at = "2026-11-26T18:00:00Z";
    return RenderReports(s.spec, *s.journal, options);
  }();
  return result;
}

std::string PagePath(const ReportResult& result, const std::string& page, int64_t run,
                     bool json) {
  for (const WrittenPage& p : result.pages) {
    if (p.page == page && (run == 0 || p.run_id == run)) return json ? p.json_path : p.html_path;
  }
  FAIL("no page " << page << " for run " << run);
  return "";
}

}  // namespace crm::reports::testing
