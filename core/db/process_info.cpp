#include "core/db/process_info.h"

#include <pwd.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>

namespace crm::db {
namespace {

ProcessInfo Compute() {
  ProcessInfo info;
  if (const char* user = std::getenv("USER"); user != nullptr && *user != '\0') {
    info.user = user;
  } else if (const passwd* pw = getpwuid(getuid()); pw != nullptr) {
    info.user = pw->pw_name;
  } else {
    info.user = std::to_string(getuid());
  }
  char host[256] = {};
  if (gethostname(host, sizeof(host) - 1) == 0) info.host = host;
  info.pid = getpid();
  std::ifstream boot("/proc/sys/kernel/random/boot_id");
  std::getline(boot, info.boot_id);
  return info;
}

}  // namespace

const ProcessInfo& CurrentProcess() {
  static const ProcessInfo info = Compute();
  return info;
}

bool IsProcessAlive(int64_t pid) {
  if (pid <= 0) return false;
  // EPERM means the process exists but belongs to someone else: still alive.
  return kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

std::string NowUtcIso() {
  auto now = std::chrono::system_clock::now();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms % 1000));
  return buf;
}

}  // namespace crm::db
