#include "core/db/journal.h"

#include <Poco/JSON/Object.h>

#include <functional>
#include <sstream>

#include "core/db/process_info.h"

namespace crm::db {
namespace {

using Bind = std::function<void(soci::statement&)>;

// Runs an INSERT and returns the new row's id, through RETURNING or the dialect's last-insert-id
// query on the same session (so another connection's insert can never be returned).
int64_t InsertWithId(Database& db, const std::string& sql, const Bind& bind) {
  const DialectTraits& traits = db.traits();
  long long id = 0;
  soci::statement st(db.session());
  bind(st);
  if (!traits.returning_id.empty()) st.exchange(soci::into(id));
  st.alloc();
  st.prepare(sql + std::string(traits.returning_id));
  st.define_and_bind();
  st.execute(true);
  if (traits.returning_id.empty()) {
    db.session() << std::string(traits.last_insert_id), soci::into(id);
  }
  return id;
}

std::string Columns(Database& db, std::initializer_list<std::string_view> names) {
  std::string out;
  for (std::string_view name : names) out += (out.empty() ? "" : ", ") + db.Quote(name);
  return out;
}

std::optional<int64_t> Opt(long long value, soci::indicator ind) {
  if (ind != soci::i_ok) return std::nullopt;
  return value;
}

std::vector<RunRecord> SelectRuns(Database& db, const std::string& suffix, const Bind& bind) {
  std::string sql =
      "SELECT " +
      Columns(db, {"id", "command", "spec_path", "spec_sha256", "subset", "options_json", "load_id",
                   "user_name", "host", "crm_version", "pid", "started_at", "finished_at",
                   "outcome", "exit_code", "counts_json"}) +
      " FROM " + db.Quote("_runs") + suffix;
  return db.Guard("reading the journal", [&] {
    std::vector<RunRecord> runs;
    RunRecord r;
    long long id = 0, load = 0, pid = 0, exit_code = 0;
    soci::indicator i_path, i_sha, i_subset, i_opts, i_load, i_user, i_host, i_ver, i_pid, i_fin,
        i_exit, i_counts;
    soci::statement st(db.session());
    st.exchange(soci::into(id));
    st.exchange(soci::into(r.command));
    st.exchange(soci::into(r.spec_path, i_path));
    st.exchange(soci::into(r.spec_sha256, i_sha));
    st.exchange(soci::into(r.subset, i_subset));
    st.exchange(soci::into(r.options_json, i_opts));
    st.exchange(soci::into(load, i_load));
    st.exchange(soci::into(r.user, i_user));
    st.exchange(soci::into(r.host, i_host));
    st.exchange(soci::into(r.crm_version, i_ver));
    st.exchange(soci::into(pid, i_pid));
    st.exchange(soci::into(r.started_at));
    st.exchange(soci::into(r.finished_at, i_fin));
    st.exchange(soci::into(r.outcome));
    st.exchange(soci::into(exit_code, i_exit));
    st.exchange(soci::into(r.counts_json, i_counts));
    if (bind) bind(st);
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
    st.execute();
    while (st.fetch()) {
      RunRecord out = r;
      out.id = id;
      auto text = [](std::string& s, soci::indicator ind) {
        if (ind != soci::i_ok) s.clear();
      };
      text(out.spec_path, i_path);
      text(out.spec_sha256, i_sha);
      text(out.subset, i_subset);
      text(out.user, i_user);
      text(out.host, i_host);
      text(out.crm_version, i_ver);
      text(out.finished_at, i_fin);
      if (i_opts != soci::i_ok) out.options_json = "{}";
      if (i_counts != soci::i_ok) out.counts_json = "{}";
      out.load_id = Opt(load, i_load);
      out.pid = i_pid == soci::i_ok ? pid : 0;
      out.exit_code = Opt(exit_code, i_exit);
      runs.push_back(std::move(out));
    }
    return runs;
  });
}

std::vector<LoadRecord> SelectLoads(Database& db, const std::string& suffix, const Bind& bind) {
  std::string sql = "SELECT " +
                    Columns(db, {"id", "run_id", "subset", "fingerprint", "created_at", "promoted",
                                 "promoted_at"}) +
                    " FROM " + db.Quote("_loads") + suffix;
  return db.Guard("reading the staged loads", [&] {
    std::vector<LoadRecord> loads;
    LoadRecord l;
    long long id = 0, run = 0, promoted = 0;
    soci::indicator i_subset, i_fp, i_pat;
    soci::statement st(db.session());
    st.exchange(soci::into(id));
    st.exchange(soci::into(run));
    st.exchange(soci::into(l.subset, i_subset));
    st.exchange(soci::into(l.fingerprint, i_fp));
    st.exchange(soci::into(l.created_at));
    st.exchange(soci::into(promoted));
    st.exchange(soci::into(l.promoted_at, i_pat));
    if (bind) bind(st);
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
    st.execute();
    while (st.fetch()) {
      LoadRecord out = l;
      out.id = id;
      out.run_id = run;
      out.promoted = promoted != 0;
      if (i_subset != soci::i_ok) out.subset.clear();
      if (i_fp != soci::i_ok) out.fingerprint.clear();
      if (i_pat != soci::i_ok) out.promoted_at.clear();
      loads.push_back(std::move(out));
    }
    return loads;
  });
}

}  // namespace

std::string CountsToJson(const Counts& counts) {
  Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
  for (const auto& [name, value] : counts) object.set(name, static_cast<Poco::Int64>(value));
  std::ostringstream os;
  object.stringify(os);
  return os.str();
}

int64_t Journal::BeginRun(const RunStart& start) {
  const ProcessInfo& me = CurrentProcess();
  std::string sql =
      InsertSql(db_.traits(), "_runs",
                {"command", "spec_path", "spec_sha256", "subset", "options_json", "load_id",
                 "user_name", "host", "pid", "crm_version", "started_at", "outcome"});
  return db_.Guard("recording the start of the run", [&] {
    std::string command = start.command, path = start.spec_path, sha = start.spec_sha256;
    std::string subset = start.subset;
    std::string options = start.options_json.empty() ? "{}" : start.options_json;
    std::string user = me.user, host = me.host, version = CRM_VERSION, now = NowUtcIso();
    std::string outcome(kOutcomeRunning);
    long long load = start.load_id.value_or(0), pid = me.pid;
    soci::indicator i_subset = subset.empty() ? soci::i_null : soci::i_ok;
    soci::indicator i_load = start.load_id ? soci::i_ok : soci::i_null;
    return InsertWithId(db_, sql, [&](soci::statement& st) {
      st.exchange(soci::use(command));
      st.exchange(soci::use(path));
      st.exchange(soci::use(sha));
      st.exchange(soci::use(subset, i_subset));
      st.exchange(soci::use(options));
      st.exchange(soci::use(load, i_load));
      st.exchange(soci::use(user));
      st.exchange(soci::use(host));
      st.exchange(soci::use(pid));
      st.exchange(soci::use(version));
      st.exchange(soci::use(now));
      st.exchange(soci::use(outcome));
    });
  });
}

void Journal::SetRunLoad(int64_t run_id, int64_t load_id) {
  db_.Guard("recording the run's load", [&] {
    long long run = run_id, load = load_id;
    db_.session() << "UPDATE " + db_.Quote("_runs") + " SET " + db_.Quote("load_id") +
                         " = :l WHERE " + db_.Quote("id") + " = :r",
        soci::use(load), soci::use(run);
  });
}

void Journal::FinishRun(int64_t run_id, std::string_view outcome, int exit_code,
                        const Counts& counts) {
  db_.Guard("recording the end of the run", [&] {
    long long run = run_id, code = exit_code;
    std::string out(outcome), now = NowUtcIso(), json = CountsToJson(counts);
    db_.session() << "UPDATE " + db_.Quote("_runs") + " SET " + db_.Quote("outcome") + " = :o, " +
                         db_.Quote("exit_code") + " = :c, " + db_.Quote("finished_at") + " = :f, " +
                         db_.Quote("counts_json") + " = :j WHERE " + db_.Quote("id") + " = :r",
        soci::use(out), soci::use(code), soci::use(now), soci::use(json), soci::use(run);
  });
}

std::optional<RunRecord> Journal::GetRun(int64_t run_id) {
  long long id = run_id;
  auto runs = SelectRuns(db_, " WHERE " + db_.Quote("id") + " = :id",
                         [&](soci::statement& st) { st.exchange(soci::use(id)); });
  if (runs.empty()) return std::nullopt;
  return runs.front();
}

std::vector<RunRecord> Journal::ListRuns(int limit) {
  std::string suffix = " ORDER BY " + db_.Quote("id") + " DESC";
  if (limit > 0) suffix += " LIMIT " + std::to_string(limit);
  return SelectRuns(db_, suffix, nullptr);
}

std::optional<RunRecord> Journal::LastRun(std::string_view command) {
  std::string name(command);
  auto runs = SelectRuns(
      db_, " WHERE " + db_.Quote("command") + " = :c ORDER BY " + db_.Quote("id") + " DESC LIMIT 1",
      [&](soci::statement& st) { st.exchange(soci::use(name)); });
  if (runs.empty()) return std::nullopt;
  return runs.front();
}

int64_t Journal::AddNote(std::string_view text, std::optional<int64_t> run_id,
                         std::string_view kind) {
  std::string sql =
      InsertSql(db_.traits(), "_notes", {"run_id", "kind", "author", "created_at", "text"});
  return db_.Guard("writing a note", [&] {
    long long run = run_id.value_or(0);
    soci::indicator i_run = run_id ? soci::i_ok : soci::i_null;
    std::string k(kind), author = CurrentProcess().user, now = NowUtcIso(), body(text);
    return InsertWithId(db_, sql, [&](soci::statement& st) {
      st.exchange(soci::use(run, i_run));
      st.exchange(soci::use(k));
      st.exchange(soci::use(author));
      st.exchange(soci::use(now));
      st.exchange(soci::use(body));
    });
  });
}

std::vector<NoteRecord> Journal::ListNotes() {
  std::string sql = "SELECT " +
                    Columns(db_, {"id", "run_id", "kind", "author", "created_at", "text"}) +
                    " FROM " + db_.Quote("_notes") + " ORDER BY " + db_.Quote("id");
  return db_.Guard("reading the notes", [&] {
    std::vector<NoteRecord> notes;
    NoteRecord n;
    long long id = 0, run = 0;
    soci::indicator i_run, i_author;
    soci::statement st =
        (db_.session().prepare << sql, soci::into(id), soci::into(run, i_run), soci::into(n.kind),
         soci::into(n.author, i_author), soci::into(n.created_at), soci::into(n.text));
    st.execute();
    while (st.fetch()) {
      NoteRecord out = n;
      out.id = id;
      out.run_id = Opt(run, i_run);
      if (i_author != soci::i_ok) out.author.clear();
      notes.push_back(std::move(out));
    }
    return notes;
  });
}

int64_t Journal::CreateLoad(int64_t run_id, std::string_view subset, std::string_view fingerprint) {
  std::string sql = InsertSql(db_.traits(), "_loads",
                              {"run_id", "subset", "fingerprint", "created_at", "promoted"});
  return db_.Guard("recording a staged load", [&] {
    long long run = run_id, promoted = 0;
    std::string s(subset), fp(fingerprint), now = NowUtcIso();
    soci::indicator i_subset = s.empty() ? soci::i_null : soci::i_ok;
    return InsertWithId(db_, sql, [&](soci::statement& st) {
      st.exchange(soci::use(run));
      st.exchange(soci::use(s, i_subset));
      st.exchange(soci::use(fp));
      st.exchange(soci::use(now));
      st.exchange(soci::use(promoted));
    });
  });
}

void Journal::PromoteLoad(int64_t load_id) {
  db_.Guard("promoting a staged load", [&] {
    long long id = load_id;
    std::string now = NowUtcIso();
    db_.session() << "UPDATE " + db_.Quote("_loads") + " SET " + db_.Quote("promoted") + " = 1, " +
                         db_.Quote("promoted_at") + " = :t WHERE " + db_.Quote("id") + " = :id",
        soci::use(now), soci::use(id);
  });
}

std::optional<LoadRecord> Journal::GetLoad(int64_t load_id) {
  long long id = load_id;
  auto loads = SelectLoads(db_, " WHERE " + db_.Quote("id") + " = :id",
                           [&](soci::statement& st) { st.exchange(soci::use(id)); });
  if (loads.empty()) return std::nullopt;
  return loads.front();
}

std::optional<LoadRecord> Journal::CurrentLoad() {
  auto loads = SelectLoads(db_,
                           " WHERE " + db_.Quote("promoted") + " = 1 AND " + db_.Quote("subset") +
                               " IS NULL ORDER BY " + db_.Quote("id") + " DESC LIMIT 1",
                           nullptr);
  if (loads.empty()) return std::nullopt;
  return loads.front();
}

}  // namespace crm::db
