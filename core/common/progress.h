// Progress output behind an interface, so phases never write to the terminal themselves.
// A phase calls Begin/Advance/End around each long step; the CLI picks the implementation:
//   - a redrawn bar with rows, rows/s and ETA when stderr is a terminal,
//   - plain lines at most every `interval` seconds otherwise (CI logs stay readable),
//   - nothing with --quiet.
// Implementations are not thread-safe: one thread reports (workers hand their counts to it).
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace crm {

class Progress {
 public:
  virtual ~Progress() = default;
  // Starts a step; `total` is the expected number of rows, or -1 when unknown.
  virtual void Begin(std::string_view step, int64_t total) = 0;
  // Reports that `rows` more rows were done in the current step.
  virtual void Advance(int64_t rows) = 0;
  // Ends the current step and prints its final count and rate.
  virtual void End() = 0;
  // A human message (a decision taken, a warning); suppressed only by --quiet.
  virtual void Note(std::string_view message) = 0;
};

enum class ProgressStyle { kBar, kLines, kQuiet };

struct ProgressOptions {
  ProgressStyle style = ProgressStyle::kLines;
  std::FILE* out = stderr;                       // where human output goes
  std::chrono::milliseconds interval{2000};      // kLines: at most one line per interval
  std::chrono::milliseconds redraw{100};         // kBar: at most one redraw per interval
  // Clock seam for tests; defaults to std::chrono::steady_clock.
  std::function<std::chrono::steady_clock::time_point()> now;
};

// kBar when `out` is a terminal, kLines otherwise, kQuiet when quiet is set.
ProgressStyle DetectProgressStyle(std::FILE* out, bool quiet);

std::unique_ptr<Progress> MakeProgress(ProgressOptions options);

// "1.2M", "53.4k", "999": compact counts for progress lines.
std::string FormatCount(double value);

}  // namespace crm
