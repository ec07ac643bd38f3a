#include "core/common/progress.h"

#include <catch2/catch.hpp>
#include <cstdio>

namespace {

// Captures what a Progress writes, with a clock the test moves by hand.
struct Capture {
  std::FILE* file = std::tmpfile();
  std::chrono::steady_clock::time_point now{};

  crm::ProgressOptions Options(crm::ProgressStyle style) {
    crm::ProgressOptions options;
    options.style = style;
    options.out = file;
    options.now = [this] { return now; };
    return options;
  }
  void Advance(int seconds) { now += std::chrono::seconds(seconds); }
  std::string Text() {
    std::fflush(file);
    std::rewind(file);
    std::string text;
    for (int c; (c = std::fgetc(file)) != EOF;) text += static_cast<char>(c);
    return text;
  }
  ~Capture() { std::fclose(file); }
};

}  // namespace

TEST_CASE("Plain lines: at most one per interval, then a final line with rate and time",
          "[progress]") {
  Capture capture;
  auto progress = crm::MakeProgress(capture.Options(crm::ProgressStyle::kLines));
  progress->Begin("land legacy", 100000);
  capture.Advance(1);
  progress->Advance(20000);  // within the 2 s interval: silent
  capture.Advance(1);
  progress->Advance(20000);  // 2 s: a line with rate and ETA
  capture.Advance(1);
  progress->Advance(10000);
  progress->Note("delimiter ';' (detected)");
  capture.Advance(1);
  progress->End();
  CHECK(capture.Text() ==
        "land legacy: 40.0k/100.0k rows  20.0k rows/s  ETA 00:03\n"
        "delimiter ';' (detected)\n"
        "land legacy: 50.0k/100.0k rows  12.5k rows/s  in 00:04\n");
}

TEST_CASE("Unknown totals print no ETA", "[progress]") {
  Capture capture;
  auto progress = crm::MakeProgress(capture.Options(crm::ProgressStyle::kLines));
  progress->Begin("read webshop", -1);
  capture.Advance(3);
  progress->Advance(1500);
  capture.Advance(3600);
  progress->End();
  CHECK(capture.Text() ==
        "read webshop: 1500 rows  500 rows/s\n"
        "read webshop: 1500 rows  0 rows/s  in 1:00:03\n");
}

TEST_CASE("The bar redraws in place and ends with a newline", "[progress]") {
  Capture capture;
  auto progress = crm::MakeProgress(capture.Options(crm::ProgressStyle::kBar));
  progress->Begin("shape contact", 10);
  capture.Advance(1);
  progress->Advance(5);
  progress->End();
  CHECK(capture.Text() ==
        "\r\033[K[############............] shape contact: 5/10 rows  5 rows/s  ETA 00:01"
        "\r\033[K[############............] shape contact: 5/10 rows  5 rows/s  in 00:01\n");
}

TEST_CASE("Quiet prints nothing, not even notes", "[progress]") {
  Capture capture;
  auto progress = crm::MakeProgress(capture.Options(crm::ProgressStyle::kQuiet));
  progress->Begin("x", 1);
  progress->Advance(1);
  progress->Note("hello");
  progress->End();
  CHECK(capture.Text().empty());
  CHECK(crm::DetectProgressStyle(capture.file, /*quiet=*/false) == crm::ProgressStyle::kLines);
  CHECK(crm::DetectProgressStyle(capture.file, /*quiet=*/true) == crm::ProgressStyle::kQuiet);
}

TEST_CASE("FormatCount is compact", "[progress]") {
  CHECK(crm::FormatCount(999) == "999");
  CHECK(crm::FormatCount(12345) == "12.3k");
  CHECK(crm::FormatCount(2500000) == "2.5M");
}
