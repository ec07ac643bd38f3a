// A headless Chromium (Debian's `chromium`) driven over the DevTools protocol on a pipe
// (--remote-debugging-pipe: commands on the child's fd 3, replies and events on its fd 4, each
// message JSON ended by a NUL byte). No port is opened and nothing but the browser is needed.
//
// Visit() opens one local HTML file in a fresh tab and reports what a reader's browser would
// meet: uncaught script errors, console errors, failed loads, and every URL the page asked for
// other than itself. Host names resolve to nothing (--host-resolver-rules), so a page that
// references the network shows it here and never reaches it.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

namespace crm::testing {

struct PageVisit {
  std::string url;                    // the file:// URL visited
  std::string title;                  // document.title
  std::vector<std::string> errors;    // exceptions, console.error/assert, Log entries of level error
  std::vector<std::string> requests;  // URLs requested other than the page itself (data: aside)
  int svg_elements = 0;               // <svg> elements in the DOM after loading
  int drawn_svgs = 0;                 // of those, the ones holding at least one shape or text
};

class HeadlessChromium {
 public:
  // Starts `chromium` (or $CRM_CHROMIUM) with --headless --no-sandbox --disable-gpu and a
  // throwaway profile. Throws std::runtime_error when it cannot be started or does not answer.
  HeadlessChromium();
  ~HeadlessChromium();  // closes the browser; kills it if it does not exit in time

  HeadlessChromium(const HeadlessChromium&) = delete;
  HeadlessChromium& operator=(const HeadlessChromium&) = delete;

  // Loads `file` in a new tab (viewport `width` CSS pixels wide) and waits for its load event.
  // With `screenshot` non-empty, writes a PNG of the page from the top, at most `max_height`
  // pixels high. Throws std::runtime_error on a protocol failure or a timeout.
  PageVisit Visit(const std::filesystem::path& file, const std::filesystem::path& screenshot = {},
                  int width = 1200, int max_height = 2400);

 private:
  // Sends a command (to the browser, or to the tab `session` when non-empty) and returns its
  // result; events read meanwhile are handed to OnEvent.
  Poco::JSON::Object::Ptr Call(const std::string& method, Poco::JSON::Object::Ptr params,
                               const std::string& session = "");
  // Reads until the event `method` of `session` arrives.
  void WaitForEvent(const std::string& method, const std::string& session);
  Poco::JSON::Object::Ptr ReadMessage();
  void OnEvent(const Poco::JSON::Object::Ptr& message);

  pid_t pid_ = -1;
  int to_browser_ = -1;
  int from_browser_ = -1;
  std::filesystem::path profile_;
  std::string buffer_;
  int64_t next_id_ = 1;
  std::chrono::steady_clock::time_point deadline_;
  // The tab being visited and what it met so far (events of other sessions are ignored).
  std::string session_;
  PageVisit* visit_ = nullptr;
  std::vector<std::string> seen_events_;  // "<session> <method>" of every event read
};

}  // namespace crm::testing
