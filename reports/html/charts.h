// Inline SVG charts for the report pages: no script, no external resource, colours from the
// page's style sheet (classes tone-ok, tone-bad, tone-warn, tone-muted, tone-info). Each chart is
// a <figure class="chart"> holding one <svg class="chart-<kind>" role="img"> with a <title> (what
// a screen reader and a printed page show) and a <figcaption>. Every label is escaped text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "reports/html/html_writer.h"

namespace crm::reports {

struct Bar {
  std::string label;
  double value = 0;
  std::string value_text;  // shown at the bar's end; empty: the value
  std::string tone = "info";
};

// Horizontal bars, one per item, scaled to the largest value.
void BarChart(HtmlWriter& html, std::string_view caption, const std::vector<Bar>& bars);

struct FunnelStep {
  std::string label;
  int64_t count = 0;
  std::string tone = "info";
};

// A funnel: centred bars whose width is the step's share of the first step.
void FunnelChart(HtmlWriter& html, std::string_view caption, const std::vector<FunnelStep>& steps);

struct Span {
  std::string label;
  double start = 0, end = 0;  // seconds on any common clock
  std::string tone = "info";
};

// A timeline: one row per span on a shared time axis, labelled with the span's label; spans
// shorter than a pixel are still drawn (one pixel wide).
void TimelineChart(HtmlWriter& html, std::string_view caption, const std::vector<Span>& spans);

}  // namespace crm::reports
