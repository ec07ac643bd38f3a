// The sample journal rendered once per test process: masked (the default) and with --show-pii.
#pragma once

#include <string>

#include "reports/report.h"
#include "tests/reports/sample_journal.h"

namespace crm::reports::testing {

const ReportResult& Rendered();         // masked, into <sample>/reports
const ReportResult& RenderedWithPii();  // show_pii, into <sample>/reports-pii

// The path of the page of `page` (and `run`, when given) in `result`; fails when absent.
std::string PagePath(const ReportResult& result, const std::string& page, int64_t run = 0,
                     bool json = false);

}  // namespace crm::reports::testing
