#include "core/common/progress.h"

#include <unistd.h>

#include <cmath>

namespace crm {
namespace {

using Clock = std::chrono::steady_clock;

std::string FormatDuration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "--:--";
  long s = std::lround(seconds);
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%02ld:%02ld", s / 60, s % 60);
  }
  return buf;
}

class QuietProgress final : public Progress {
 public:
  void Begin(std::string_view, int64_t) override {}
  void Advance(int64_t) override {}
  void End() override {}
  void Note(std::string_view) override {}
};

// Shared bookkeeping of the two visible styles: step name, counts, timing.
class VisibleProgress : public Progress {
 public:
  explicit VisibleProgress(ProgressOptions options) : options_(std::move(options)) {
    if (!options_.now) options_.now = [] { return Clock::now(); };
  }

  void Begin(std::string_view step, int64_t total) override {
    step_ = std::string(step);
    total_ = total;
    done_ = 0;
    started_ = last_print_ = options_.now();
  }

  void Advance(int64_t rows) override {
    done_ += rows;
    Clock::time_point now = options_.now();
    if (now - last_print_ >= Interval()) {
      last_print_ = now;
      Print(now, /*final=*/false);
    }
  }

  void End() override { Print(options_.now(), /*final=*/true); }

  void Note(std::string_view message) override {
    std::fprintf(options_.out, "%.*s\n", static_cast<int>(message.size()), message.data());
    std::fflush(options_.out);
  }

 protected:
  virtual std::chrono::milliseconds Interval() const = 0;
  virtual void Print(Clock::time_point now, bool final) = 0;

  // "stage legacy: 120.0k/1.0M rows  45.2k rows/s  ETA 00:19"
  std::string Line(Clock::time_point now, bool final) const {
    double elapsed = std::chrono::duration<double>(now - started_).count();
    double rate = elapsed > 0 ? done_ / elapsed : 0;
    std::string line = step_ + ": " + FormatCount(static_cast<double>(done_));
    if (total_ >= 0) line += "/" + FormatCount(static_cast<double>(total_));
    line += " rows  " + FormatCount(rate) + " rows/s";
    if (final) {
      line += "  in " + FormatDuration(elapsed);
    } else if (total_ > 0 && rate > 0) {
      line += "  ETA " + FormatDuration((total_ - done_) / rate);
    }
    return line;
  }

  ProgressOptions options_;
  std::string step_;
  int64_t total_ = -1;
  int64_t done_ = 0;
  Clock::time_point started_{};
  Clock::time_point last_print_{};
};

class LinesProgress final : public VisibleProgress {
 public:
  using VisibleProgress::VisibleProgress;

 private:
  std::chrono::milliseconds Interval() const override { return options_.interval; }
  void Print(Clock::time_point now, bool final) override {
    std::fprintf(options_.out, "%s\n", Line(now, final).c_str());
    std::fflush(options_.out);
  }
};

class BarProgress final : public VisibleProgress {
 public:
  using VisibleProgress::VisibleProgress;

  void Note(std::string_view message) override {
    std::fputs("\r\033[K", options_.out);  // clear the bar before a message line
    VisibleProgress::Note(message);
  }

 private:
  std::chrono::milliseconds Interval() const override { return options_.redraw; }
  void Print(Clock::time_point now, bool final) override {
    std::string bar;
    if (total_ > 0) {
      constexpr int kWidth = 24;
      int filled = static_cast<int>(kWidth * std::min<double>(1.0, double(done_) / total_));
      bar = "[" + std::string(filled, '#') + std::string(kWidth - filled, '.') + "] ";
    }
    std::fprintf(options_.out, "\r\033[K%s%s%s", bar.c_str(), Line(now, final).c_str(),
                 final ? "\n" : "");
    std::fflush(options_.out);
  }
};

}  // namespace

ProgressStyle DetectProgressStyle(std::FILE* out, bool quiet) {
  if (quiet) return ProgressStyle::kQuiet;
  return isatty(fileno(out)) ? ProgressStyle::kBar : ProgressStyle::kLines;
}

std::unique_ptr<Progress> MakeProgress(ProgressOptions options) {
  switch (options.style) {
    case ProgressStyle::kQuiet: return std::make_unique<QuietProgress>();
    case ProgressStyle::kBar: return std::make_unique<BarProgress>(std::move(options));
    case ProgressStyle::kLines: break;
  }
  return std::make_unique<LinesProgress>(std::move(options));
}

std::string FormatCount(double value) {
  char buf[32];
  if (value >= 1e6) {
    std::snprintf(buf, sizeof buf, "%.1fM", value / 1e6);
  } else if (value >= 1e4) {
    std::snprintf(buf, sizeof buf, "%.1fk", value / 1e3);
  } else {
    std::snprintf(buf, sizeof buf, "%.0f", value);
  }
  return buf;
}

}  // namespace crm
