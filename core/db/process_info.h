// Who and where this process is, for the journal and the writer lock: the only place core/db
// asks the operating system about users, hosts, processes and time.
#pragma once

#include <cstdint>
#include <string>

namespace crm::db {

struct ProcessInfo {
  std::string user;  // login name ($USER, else the passwd entry, else the uid)
  std::string host;  // gethostname()
  int64_t pid = 0;
  std::string boot_id;  // changes at every boot: a pid from a previous boot is never alive
};

// This process; computed once.
const ProcessInfo& CurrentProcess();

// True when a process with this pid exists on this machine now.
bool IsProcessAlive(int64_t pid);

// Now, in UTC, as ISO-8601 with milliseconds: 2026-01-31T12:34:56.789Z. Journal timestamps use
// this one format so they sort and compare as text on every dialect.
std::string NowUtcIso();

}  // namespace crm::db
