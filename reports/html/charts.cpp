#include "reports/html/charts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace crm::reports {
namespace {

constexpr double kWidth = 640;     // viewBox width; the style sheet scales the svg to the page
constexpr double kLabelWidth = 200;
constexpr double kRow = 22;

std::string Num(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.1f", v);
  return buffer;
}

std::string ValueText(double v) {
  if (std::floor(v) == v && std::fabs(v) < 1e15) {
    return std::to_string(static_cast<long long>(v));
  }
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.2f", v);
  return buffer;
}

// Opens <figure><svg> with the accessible title; the caller draws and calls EndChart.
void BeginChart(HtmlWriter& html, std::string_view kind, std::string_view caption,
                double height) {
  const std::string h = Num(height);
  html.Open("figure", {{"class", "chart"}});
  html.Open("svg", {{"class", "chart-" + std::string(kind)},
                    {"role", "img"},
                    {"aria-label", std::string(caption)},
                    {"viewBox", "0 0 " + Num(kWidth) + " " + h},
                    {"width", Num(kWidth)},
                    {"height", h}});
  html.Element("title", caption);
}

void EndChart(HtmlWriter& html, std::string_view caption) {
  html.Close();  // svg
  html.Element("figcaption", caption);
  html.Close();  // figure
}

// Labels longer than this are cut (at a character boundary) with an ellipsis; the shape's
// tooltip keeps the whole label.
constexpr size_t kMaxLabelBytes = 30;

std::string Shorten(std::string_view text) {
  if (text.size() <= kMaxLabelBytes) return std::string(text);
  size_t cut = kMaxLabelBytes - 1;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "\xE2\x80\xA6";  // U+2026
}

void Label(HtmlWriter& html, double x, double y, std::string_view text, std::string_view anchor,
           std::string_view css = "chart-label") {
  html.Element("text", css == "chart-label" ? Shorten(text) : std::string(text),
               {{"x", Num(x)}, {"y", Num(y)}, {"text-anchor", std::string(anchor)},
                {"class", std::string(css)}});
}

void Rect(HtmlWriter& html, double x, double y, double w, double h, std::string_view tone,
          std::string_view tooltip) {
  html.Open("rect", {{"x", Num(x)}, {"y", Num(y)}, {"width", Num(std::max(w, 1.0))},
                     {"height", Num(h)}, {"class", "tone-" + std::string(tone)}});
  html.Element("title", tooltip);
  html.Close();
}

}  // namespace

void BarChart(HtmlWriter& html, std::string_view caption, const std::vector<Bar>& bars) {
  const double height = kRow * static_cast<double>(std::max<size_t>(bars.size(), 1)) + 8;
  BeginChart(html, "bars", caption, height);
  double max = 0;
  for (const Bar& b : bars) max = std::max(max, b.value);
  const double span = kWidth - kLabelWidth - 70;
  double y = 4;
  for (const Bar& b : bars) {
    const double w = max > 0 ? span * b.value / max : 0;
    const std::string value = b.value_text.empty() ? ValueText(b.value) : b.value_text;
    Label(html, kLabelWidth - 6, y + 15, b.label, "end");
    Rect(html, kLabelWidth, y + 3, w, kRow - 6, b.tone, b.label + ": " + value);
    Label(html, kLabelWidth + std::max(w, 1.0) + 4, y + 15, value, "start", "chart-value");
    y += kRow;
  }
  EndChart(html, caption);
}

void FunnelChart(HtmlWriter& html, std::string_view caption,
                 const std::vector<FunnelStep>& steps) {
  const double height = kRow * static_cast<double>(std::max<size_t>(steps.size(), 1)) + 8;
  BeginChart(html, "funnel", caption, height);
  const double first = steps.empty() ? 0 : static_cast<double>(steps.front().count);
  const double span = kWidth - kLabelWidth - 70;
  const double centre = kLabelWidth + span / 2;
  double y = 4;
  for (const FunnelStep& s : steps) {
    const double w = first > 0 ? span * static_cast<double>(s.count) / first : 0;
    const std::string value = std::to_string(s.count);
    Label(html, kLabelWidth - 6, y + 15, s.label, "end");
    Rect(html, centre - w / 2, y + 3, w, kRow - 6, s.tone, s.label + ": " + value);
    Label(html, kLabelWidth + span + 6, y + 15, value, "start", "chart-value");
    y += kRow;
  }
  EndChart(html, caption);
}

void TimelineChart(HtmlWriter& html, std::string_view caption, const std::vector<Span>& spans) {
  const double height = kRow * static_cast<double>(std::max<size_t>(spans.size(), 1)) + 26;
  BeginChart(html, "timeline", caption, height);
  double lo = 0, hi = 0;
  for (size_t i = 0; i < spans.size(); ++i) {
    lo = i == 0 ? spans[i].start : std::min(lo, spans[i].start);
    hi = i == 0 ? spans[i].end : std::max(hi, spans[i].end);
  }
  const double span = kWidth - kLabelWidth - 20;
  const double scale = hi > lo ? span / (hi - lo) : 0;
  double y = 4;
  for (const Span& s : spans) {
    const double x = kLabelWidth + (s.start - lo) * scale;
    Label(html, kLabelWidth - 6, y + 15, s.label, "end");
    Rect(html, x, y + 3, (s.end - s.start) * scale, kRow - 6, s.tone,
         s.label + ": " + ValueText(std::round((s.end - s.start) * 1000) / 1000) + " s");
    y += kRow;
  }
  html.Empty("line", {{"x1", Num(kLabelWidth)}, {"y1", Num(y + 2)}, {"x2", Num(kWidth - 20)},
                      {"y2", Num(y + 2)}, {"class", "chart-axis"}});
  Label(html, kLabelWidth, y + 18, "0 s", "start", "chart-value");
  Label(html, kWidth - 20, y + 18, ValueText(std::round((hi - lo) * 10) / 10) + " s", "end",
        "chart-value");
  EndChart(html, caption);
}

}  // namespace crm::reports
