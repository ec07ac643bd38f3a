// The reports as a reader's browser meets them. One check, PageProblems, judges every page: it
// must load without a script error or console error, request nothing outside its own file, and
// show every inline SVG chart it carries. The fixtures prove the check fails on a page that
// fetches from the network or whose script throws; the sample's pages must pass it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/common/text.h"
#include "tests/purge/purge_harness.h"
#include "tests/reports_browser/headless_chromium.h"

namespace crm::testing {
namespace {

namespace fs = std::filesystem;

const fs::path kFixtures = fs::path(CRM_SOURCE_DIR) / "tests/reports_browser/fixtures";

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// Everything wrong with a visited page; empty when it passes. `charts` is the number of <svg>
// elements the file's markup holds: each must reach the DOM and draw something.
std::vector<std::string> PageProblems(const PageVisit& visit, size_t charts) {
  std::vector<std::string> problems;
  for (const std::string& error : visit.errors) problems.push_back("error: " + error);
  for (const std::string& url : visit.requests) problems.push_back("requested " + url);
  if (static_cast<size_t>(visit.svg_elements) != charts) {
    problems.push_back("charts: " + std::to_string(visit.svg_elements) + " <svg> in the DOM, " +
                       std::to_string(charts) + " in the file");
  }
  if (visit.drawn_svgs != visit.svg_elements) {
    problems.push_back("charts: " + std::to_string(visit.svg_elements - visit.drawn_svgs) +
                       " <svg> draw nothing");
  }
  return problems;
}

std::vector<std::string> VisitProblems(HeadlessChromium& browser, const fs::path& page,
                                       const fs::path& screenshot = {}) {
  PageVisit visit = browser.Visit(page, screenshot);
  return PageProblems(visit, Count(ReadFile(page), "<svg"));
}

bool Mentions(const std::vector<std::string>& problems, const std::string& text) {
  return std::any_of(problems.begin(), problems.end(),
                     [&](const std::string& p) { return p.find(text) != std::string::npos; });
}

TEST_CASE("a self-contained page with inline charts passes", "[browser]") {
  HeadlessChromium browser;
  PageVisit visit = browser.Visit(kFixtures / "self_contained.html");
  CHECK(visit.title == "Self-contained fixture");
  CHECK(visit.drawn_svgs == 2);
  const std::vector<std::string> problems = PageProblems(visit, 2);
  INFO(Join(problems, "\n"));
  CHECK(problems.empty());
}

TEST_CASE("a page that references an external URL fails the check", "[browser]") {
  HeadlessChromium browser;
  const std::vector<std::string> stylesheet =
      VisitProblems(browser, kFixtures / "external_stylesheet.html");
  INFO(Join(stylesheet, "\n"));
  CHECK(Mentions(stylesheet, "requested https://cdn.example.com/report.css"));
  const std::vector<std::string> image = VisitProblems(browser, kFixtures / "external_image.html");
  INFO(Join(image, "\n"));
  CHECK(Mentions(image, "requested http://images.example.org/logo.png"));
}

TEST_CASE("a page whose script throws or logs an error fails the check", "[browser]") {
  HeadlessChromium browser;
  const std::vector<std::string> thrown = VisitProblems(browser, kFixtures / "script_throws.html");
  INFO(Join(thrown, "\n"));
  CHECK(Mentions(thrown, "error: uncaught: TypeError"));
  const std::vector<std::string> logged = VisitProblems(browser, kFixtures / "console_error.html");
  INFO(Join(logged, "\n"));
  CHECK(Mentions(logged, "error: console.error: chart data missing"));
}

TEST_CASE("a chart lost from the DOM fails the check", "[browser]") {
  PageVisit visit;
  visit.svg_elements = 1;
  visit.drawn_svgs = 1;
  CHECK(Mentions(PageProblems(visit, 2), "1 <svg> in the DOM, 2 in the file"));
  visit.drawn_svgs = 0;
  CHECK(Mentions(PageProblems(visit, 1), "1 <svg> draw nothing"));
}

// The sample run end to end (`crm-migrate run`: plan, pilot, full stage and validate, cutover,
// report), then every HTML page it rendered opened in the browser and screenshotted.
TEST_CASE("every page of the sample's reports loads clean in headless Chromium", "[browser]") {
  purge::testing::SampleMigration sample("browser", "sqlite:work/staging.db");
  purge::testing::CliRun run = sample.Run("run -q");
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  std::vector<fs::path> pages;
  for (const auto& entry : fs::recursive_directory_iterator(sample.dir() / "reports")) {
    if (entry.path().extension() == ".html") pages.push_back(entry.path());
  }
  std::sort(pages.begin(), pages.end());
  REQUIRE(pages.size() >= 4);

  const bool update = std::getenv("CRM_UPDATE_SCREENSHOTS") != nullptr;
  const fs::path shots = update ? fs::path(CRM_SOURCE_DIR) / "docs/screenshots"
                                : sample.dir() / "screenshots";
  fs::create_directories(shots);
  HeadlessChromium browser;
  size_t charts = 0;
  for (const fs::path& page : pages) {
    const auto start = std::chrono::steady_clock::now();
    const fs::path shot = shots / (page.stem().string() + ".png");
    const std::vector<std::string> problems = VisitProblems(browser, page, shot);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    INFO(page.filename().string() << ":\n" << Join(problems, "\n"));
    CHECK(problems.empty());
    // The bound for opening a page; a screenshot is taken in the same time.
    CHECK(seconds < 2.0);
    const std::string png = ReadFile(shot);
    CHECK(png.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
    charts += Count(ReadFile(page), "<svg");
  }
  // The close-out, quality and cutover pages carry the charts; all of them were checked above.
  CHECK(charts >= 5);
}

}  // namespace
}  // namespace crm::testing
