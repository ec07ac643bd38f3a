#include "core/db/lock.h"

#include <chrono>
#include <optional>
#include <random>
#include <thread>

#include "core/db/process_info.h"

namespace crm::db {
namespace {

constexpr const char* kLockName = "writer";

struct Holder {
  std::string token, command, host, boot_id, since;
  long long pid = 0;
};

std::string NewToken() {
  std::random_device device;
  std::mt19937_64 gen(device() ^ static_cast<uint64_t>(
                                     std::chrono::steady_clock::now().time_since_epoch().count()));
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%016llx%016llx", static_cast<unsigned long long>(gen()),
                static_cast<unsigned long long>(gen()));
  return buf;
}

std::optional<Holder> ReadHolder(Database& db) {
  return db.Guard("reading the writer lock", [&]() -> std::optional<Holder> {
    Holder h;
    std::string name = kLockName;
    soci::indicator i_cmd, i_pid, i_host, i_boot, i_since;
    db.session() << "SELECT " + db.Quote("token") + ", " + db.Quote("command") + ", " +
                        db.Quote("pid") + ", " + db.Quote("host") + ", " + db.Quote("boot_id") +
                        ", " + db.Quote("since") + " FROM " + db.Quote("_lock") + " WHERE " +
                        db.Quote("name") + " = :n",
        soci::use(name), soci::into(h.token), soci::into(h.command, i_cmd),
        soci::into(h.pid, i_pid), soci::into(h.host, i_host), soci::into(h.boot_id, i_boot),
        soci::into(h.since, i_since);
    if (!db.session().got_data()) return std::nullopt;
    if (i_cmd != soci::i_ok) h.command = "?";
    if (i_pid != soci::i_ok) h.pid = 0;
    if (i_host != soci::i_ok) h.host = "?";
    if (i_boot != soci::i_ok) h.boot_id.clear();
    if (i_since != soci::i_ok) h.since = "?";
    return h;
  });
}

std::string Describe(const Holder& h) {
  return "`crm-migrate " + h.command + "` (pid " + std::to_string(h.pid) + " on host " + h.host +
         ", since " + h.since + ")";
}

[[noreturn]] void ThrowLocked(Database& db, const std::optional<Holder>& holder,
                              std::string_view advice) {
  std::string who = holder ? Describe(*holder) : "another crm-migrate command";
  throw Error(ErrorCategory::kIo, "staging database " + db.masked_url() + " is locked by " + who +
                                      ": " + std::string(advice));
}

// True when the row names a process on this host that no longer runs.
bool HolderIsGoneHere(const std::optional<Holder>& holder) {
  const ProcessInfo& me = CurrentProcess();
  if (!holder || holder->host != me.host) return false;
  return (!holder->boot_id.empty() && holder->boot_id != me.boot_id) ||
         !IsProcessAlive(holder->pid);
}

// A server frees a dead client's session lock only once it notices the disconnect (PostgreSQL's
// backend exits a moment after the client); a holder known to be gone gets this long to vanish.
constexpr auto kDeadHolderGrace = std::chrono::seconds(3);

constexpr std::string_view kAdviceRow =
    "wait for it to finish, or if that process is gone run with --break-lock";
constexpr std::string_view kAdviceSession =
    "wait for it to finish; its connection to the database is still open, so stop that process "
    "if it hangs";

}  // namespace

WriterLock::WriterLock(Database& db, const LockOptions& options) : db_(db), token_(NewToken()) {
  const DialectTraits& traits = db_.traits();
  if (!traits.try_session_lock.empty()) {
    auto try_lock = [&] {
      long long got = 0;
      db_.Guard("taking the writer lock",
                [&] { db_.session() << std::string(traits.try_session_lock), soci::into(got); });
      return got == 1;
    };
    bool got = try_lock();
    if (!got && HolderIsGoneHere(ReadHolder(db_))) {
      auto deadline = std::chrono::steady_clock::now() + kDeadHolderGrace;
      while (!got && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        got = try_lock();
      }
    }
    if (!got) ThrowLocked(db_, ReadHolder(db_), kAdviceSession);
    session_lock_ = true;
  }
  const ProcessInfo& me = CurrentProcess();
  std::string name = kLockName, command = options.command, since = NowUtcIso();
  long long pid = me.pid;
  std::string host = me.host, boot = me.boot_id;
  bool inserted = false;
  try {
    db_.session() << InsertSql(traits, "_lock",
                               {"name", "token", "command", "pid", "host", "boot_id", "since"}),
        soci::use(name), soci::use(token_), soci::use(command), soci::use(pid), soci::use(host),
        soci::use(boot), soci::use(since);
    inserted = true;
  } catch (const soci::soci_error&) {
    // Most likely the row exists (a holder, alive or not); decided below from what it says.
  }
  if (!inserted) {
    std::optional<Holder> holder = ReadHolder(db_);
    if (!holder) {
      if (session_lock_) db_.session() << std::string(traits.release_session_lock);
      throw Error(ErrorCategory::kIo,
                  "cannot take the writer lock of staging database " + db_.masked_url());
    }
    std::string reason;
    if (session_lock_) {
      reason = "its connection to the database is gone";
    } else if (HolderIsGoneHere(holder)) {
      bool other_boot = !holder->boot_id.empty() && holder->boot_id != me.boot_id;
      reason = other_boot ? "it ran before this machine restarted" : "that process is gone";
    } else if (options.break_lock) {
      reason = "--break-lock was given";
    } else {
      ThrowLocked(db_, holder, kAdviceRow);
    }
    // Conditional on the old token: if two writers race for the same stale row, one wins.
    long long changed = db_.Guard("taking over the writer lock", [&] {
      soci::statement st =
          (db_.session().prepare << "UPDATE " + db_.Quote("_lock") + " SET " + db_.Quote("token") +
                                        " = :t, " + db_.Quote("command") + " = :c, " +
                                        db_.Quote("pid") + " = :p, " + db_.Quote("host") +
                                        " = :h, " + db_.Quote("boot_id") + " = :b, " +
                                        db_.Quote("since") + " = :s WHERE " + db_.Quote("name") +
                                        " = :n AND " + db_.Quote("token") + " = :o",
           soci::use(token_), soci::use(command), soci::use(pid), soci::use(host), soci::use(boot),
           soci::use(since), soci::use(name), soci::use(holder->token));
      st.execute(true);
      return st.get_affected_rows();
    });
    if (changed != 1) ThrowLocked(db_, ReadHolder(db_), kAdviceRow);
    takeover_message_ = "took over the writer lock of staging database " + db_.masked_url() +
                        " from " + Describe(*holder) + ": " + reason;
  }
  held_ = true;
}

WriterLock::~WriterLock() {
  try {
    Release();
  } catch (...) {
    // Nothing to do: a session lock dies with the connection, and a row left behind is stale
    // by pid and is taken over by the next writer on this host.
  }
}

void WriterLock::Release() {
  if (!held_) return;
  held_ = false;
  db_.Guard("releasing the writer lock", [&] {
    std::string name = kLockName;
    db_.session() << "DELETE FROM " + db_.Quote("_lock") + " WHERE " + db_.Quote("name") +
                         " = :n AND " + db_.Quote("token") + " = :t",
        soci::use(name), soci::use(token_);
    if (session_lock_) {
      long long released = 0;
      db_.session() << std::string(db_.traits().release_session_lock), soci::into(released);
    }
  });
}

}  // namespace crm::db
