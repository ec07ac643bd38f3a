#include "tests/reports_browser/headless_chromium.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <Poco/Base64Decoder.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace crm::testing {
namespace {

namespace fs = std::filesystem;
using Poco::JSON::Object;

// Long enough for a cold start on a loaded 2-core machine; a page of ours loads in well under 2 s.
constexpr auto kCallTimeout = std::chrono::seconds(30);

Object::Ptr NewObject() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }

std::string Stringify(const Object::Ptr& object) {
  std::ostringstream out;
  object->stringify(out);
  return out.str();
}

std::string WithoutFragment(const std::string& url) { return url.substr(0, url.find('#')); }

// The page's own requests (its URL, the favicon Chromium tries next to it is not one for file://)
// and inline data are not "outside the file".
bool IsOutside(const std::string& requested, const std::string& page) {
  if (WithoutFragment(requested) == WithoutFragment(page)) return false;
  for (const char* inline_scheme : {"data:", "about:", "blob:"}) {
    if (requested.rfind(inline_scheme, 0) == 0) return false;
  }
  return true;
}

std::string Describe(const Object::Ptr& details) {
  if (Object::Ptr exception = details->getObject("exception")) {
    if (exception->has("description")) return exception->getValue<std::string>("description");
  }
  return details->optValue<std::string>("text", "exception");
}

}  // namespace

HeadlessChromium::HeadlessChromium() {
  char profile_template[] = "/tmp/crm-chromium-XXXXXX";
  if (mkdtemp(profile_template) == nullptr) throw std::runtime_error("cannot make a profile dir");
  profile_ = profile_template;

  int commands[2], replies[2];
  if (pipe2(commands, O_CLOEXEC) != 0 || pipe2(replies, O_CLOEXEC) != 0) {
    throw std::runtime_error("cannot make the DevTools pipes");
  }
  const char* binary = std::getenv("CRM_CHROMIUM");
  std::string chromium = binary != nullptr && *binary != '\0' ? binary : "chromium";
  std::vector<std::string> args = {
      chromium, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
      "--user-data-dir=" + profile_.string(), "--no-first-run", "--no-default-browser-check",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--disable-extensions", "--hide-scrollbars", "--mute-audio",
      // Nothing resolves: a page that references a host cannot reach it, and the attempt shows.
      "--host-resolver-rules=MAP * ~NOTFOUND", "about:blank"};
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  const std::string log = (profile_ / "chromium.log").string();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, commands[0], 3);
  posix_spawn_file_actions_adddup2(&actions, replies[1], 4);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  int spawned = posix_spawnp(&pid_, chromium.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(commands[0]);
  close(replies[1]);
  to_browser_ = commands[1];
  from_browser_ = replies[0];
  if (spawned != 0) {
    pid_ = -1;
    throw std::runtime_error("cannot start " + chromium +
                             " (install Debian's chromium package, or set CRM_CHROMIUM)");
  }
  // The first answer proves the browser is up and speaking the protocol.
  Call("Browser.getVersion", NewObject());
}

HeadlessChromium::~HeadlessChromium() {
  if (pid_ > 0) {
    try {
      deadline_ = std::chrono::steady_clock::now() + std::chrono::seconds(5);
      Object::Ptr close = NewObject();
      close->set("id", next_id_++);
      close->set("method", "Browser.close");
      std::string text = Stringify(close) + '\0';
      if (write(to_browser_, text.data(), text.size()) < 0) {
        // The browser is gone already; waitpid below collects it.
      }
    } catch (...) {
    }
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    int status = 0;
    while (waitpid(pid_, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > until) {
        kill(pid_, SIGKILL);
        waitpid(pid_, &status, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  if (to_browser_ >= 0) close(to_browser_);
  if (from_browser_ >= 0) close(from_browser_);
  std::error_code ignored;
  fs::remove_all(profile_, ignored);
}

Object::Ptr HeadlessChromium::ReadMessage() {
  for (;;) {
    size_t end = buffer_.find('\0');
    if (end != std::string::npos) {
      std::string text = buffer_.substr(0, end);
      buffer_.erase(0, end + 1);
      return Poco::JSON::Parser().parse(text).extract<Object::Ptr>();
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline_ - std::chrono::steady_clock::now());
    if (left.count() <= 0) throw std::runtime_error("chromium did not answer in time");
    pollfd fd{from_browser_, POLLIN, 0};
    int ready = poll(&fd, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;
    char chunk[65536];
    ssize_t n = read(from_browser_, chunk, sizeof(chunk));
    if (n <= 0) throw std::runtime_error("chromium closed the DevTools pipe");
    buffer_.append(chunk, static_cast<size_t>(n));
  }
}

Object::Ptr HeadlessChromium::Call(const std::string& method, Object::Ptr params,
                                   const std::string& session) {
  const int64_t id = next_id_++;
  Object::Ptr command = NewObject();
  command->set("id", id);
  command->set("method", method);
  command->set("params", params);
  if (!session.empty()) command->set("sessionId", session);
  std::string text = Stringify(command) + '\0';
  for (size_t written = 0; written < text.size();) {
    ssize_t n = write(to_browser_, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error("cannot write to chromium: " + method);
    written += static_cast<size_t>(n);
  }
  deadline_ = std::chrono::steady_clock::now() + kCallTimeout;
  for (;;) {
    Object::Ptr message = ReadMessage();
    if (!message->has("id")) {
      OnEvent(message);
      continue;
    }
    if (message->getValue<int64_t>("id") != id) continue;
    if (Object::Ptr error = message->getObject("error")) {
      throw std::runtime_error(method + " failed: " + Stringify(error));
    }
    Object::Ptr result = message->getObject("result");
    return result ? result : NewObject();
  }
}

void HeadlessChromium::WaitForEvent(const std::string& method, const std::string& session) {
  const std::string key = session + " " + method;
  deadline_ = std::chrono::steady_clock::now() + kCallTimeout;
  while (std::find(seen_events_.begin(), seen_events_.end(), key) == seen_events_.end()) {
    OnEvent(ReadMessage());
  }
}

void HeadlessChromium::OnEvent(const Object::Ptr& message) {
  const std::string method = message->optValue<std::string>("method", "");
  const std::string session = message->optValue<std::string>("sessionId", "");
  seen_events_.push_back(session + " " + method);
  if (visit_ == nullptr || session != session_) return;
  Object::Ptr params = message->getObject("params");
  if (!params) return;
  if (method == "Runtime.exceptionThrown") {
    visit_->errors.push_back("uncaught: " + Describe(params->getObject("exceptionDetails")));
  } else if (method == "Runtime.consoleAPICalled") {
    const std::string type = params->optValue<std::string>("type", "");
    if (type != "error" && type != "assert") return;
    std::string text = "console." + type;
    if (Poco::JSON::Array::Ptr args = params->getArray("args"); args && args->size() > 0) {
      Object::Ptr first = args->getObject(0);
      text += ": " + (first->has("value") ? first->get("value").toString()
                                          : first->optValue<std::string>("description", ""));
    }
    visit_->errors.push_back(text);
  } else if (method == "Log.entryAdded") {
    Object::Ptr entry = params->getObject("entry");
    if (entry && entry->optValue<std::string>("level", "") == "error") {
      visit_->errors.push_back("log: " + entry->optValue<std::string>("text", "") + " " +
                               entry->optValue<std::string>("url", ""));
    }
  } else if (method == "Network.requestWillBeSent") {
    const std::string url = params->getObject("request")->getValue<std::string>("url");
    if (IsOutside(url, visit_->url)) visit_->requests.push_back(url);
  }
}

PageVisit HeadlessChromium::Visit(const fs::path& file, const fs::path& screenshot, int width,
                                  int max_height) {
  PageVisit visit;
  visit.url = "file://" + fs::absolute(file).lexically_normal().string();

  Object::Ptr create = NewObject();
  create->set("url", "about:blank");
  const std::string target = Call("Target.createTarget", create)->getValue<std::string>("targetId");
  Object::Ptr attach = NewObject();
  attach->set("targetId", target);
  attach->set("flatten", true);
  session_ = Call("Target.attachToTarget", attach)->getValue<std::string>("sessionId");
  visit_ = &visit;
  seen_events_.clear();
  try {
    for (const char* domain : {"Page.enable", "Runtime.enable", "Log.enable", "Network.enable"}) {
      Call(domain, NewObject(), session_);
    }
    Object::Ptr metrics = NewObject();
    metrics->set("width", width);
    metrics->set("height", 900);
    metrics->set("deviceScaleFactor", 1);
    metrics->set("mobile", false);
    Call("Emulation.setDeviceMetricsOverride", metrics, session_);

    Object::Ptr navigate = NewObject();
    navigate->set("url", visit.url);
    Object::Ptr navigated = Call("Page.navigate", navigate, session_);
    if (navigated->has("errorText")) {
      visit.errors.push_back("navigation: " + navigated->getValue<std::string>("errorText"));
    } else {
      WaitForEvent("Page.loadEventFired", session_);
    }

    Object::Ptr evaluate = NewObject();
    evaluate->set("expression",
                  "JSON.stringify({title: document.title,"
                  " svgs: document.querySelectorAll('svg').length,"
                  " drawn: [...document.querySelectorAll('svg')].filter(s => s.querySelector("
                  "'rect,path,circle,ellipse,line,polyline,polygon,text')).length})");
    evaluate->set("returnByValue", true);
    Object::Ptr value = Call("Runtime.evaluate", evaluate, session_)->getObject("result");
    Object::Ptr dom = Poco::JSON::Parser()
                          .parse(value->getValue<std::string>("value"))
                          .extract<Object::Ptr>();
    visit.title = dom->getValue<std::string>("title");
    visit.svg_elements = dom->getValue<int>("svgs");
    visit.drawn_svgs = dom->getValue<int>("drawn");

    if (!screenshot.empty()) {
      Object::Ptr layout = Call("Page.getLayoutMetrics", NewObject(), session_);
      double height = layout->getObject("cssContentSize")->getValue<double>("height");
      Object::Ptr clip = NewObject();
      clip->set("x", 0);
      clip->set("y", 0);
      clip->set("width", width);
      clip->set("height", std::min<double>(height, max_height));
      clip->set("scale", 1);
      Object::Ptr capture = NewObject();
      capture->set("format", "png");
      capture->set("captureBeyondViewport", true);
      capture->set("clip", clip);
      std::istringstream base64(
          Call("Page.captureScreenshot", capture, session_)->getValue<std::string>("data"));
      Poco::Base64Decoder decoder(base64);
      std::ofstream(screenshot, std::ios::binary) << decoder.rdbuf();
    }
  } catch (...) {
    visit_ = nullptr;
    throw;
  }
  visit_ = nullptr;
  Object::Ptr close = NewObject();
  close->set("targetId", target);
  Call("Target.closeTarget", close);
  return visit;
}

}  // namespace crm::testing
