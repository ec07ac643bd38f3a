// One writer at a time per staging database. Every command that writes staging takes the
// WriterLock first and keeps it, and the Database it was taken on, until it ends. A second
// writer fails fast with a message naming the holder instead of interleaving its writes.
//
// How it holds, per dialect (DialectTraits::try_session_lock):
//   - PostgreSQL, MySQL/MariaDB: a server-side session lock (advisory lock / GET_LOCK) that the
//     server releases when the holder's connection ends, so a crash or kill -9 never leaves a
//     lock behind; a `_lock` row names the holder for the message.
//   - SQLite: the `_lock` row alone. A row left by a process that is gone is taken over
//     automatically when it was on this host (its pid is dead, or it was from a previous boot);
//     a row from another host can only be judged by a human: --break-lock.
// A takeover is never silent: takeover_message() says whose lock was taken and why.
#pragma once

#include <string>

#include "core/db/database.h"

namespace crm::db {

struct LockOptions {
  // The command shown to a second writer: "stage" becomes `crm-migrate stage`.
  std::string command;
  // --break-lock: take the lock even when its holder cannot be shown to be gone. Cannot break a
  // server-side session lock whose connection is still open.
  bool break_lock = false;
};

class WriterLock {
 public:
  // Takes the lock on `db`, which must have the staging schema and outlive this object. Throws
  // crm::Error(kIo) "staging database <masked url> is locked by `crm-migrate stage` (pid 1234 on
  // host h, since 2026-...): wait for it to finish, or if that process is gone run with
  // --break-lock".
  WriterLock(Database& db, const LockOptions& options);
  ~WriterLock();  // releases; never throws

  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

  // Releases now (idempotent); throws crm::Error(kIo) when the database cannot be reached.
  void Release();

  // Non-empty when a stale lock was taken over or broken; the CLI prints it as a warning.
  const std::string& takeover_message() const { return takeover_message_; }

 private:
  Database& db_;
  std::string token_;
  bool session_lock_ = false;
  bool held_ = false;
  std::string takeover_message_;
};

}  // namespace crm::db
