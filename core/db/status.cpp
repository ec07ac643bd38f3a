#include "core/db/status.h"

#include <Poco/JSON/Array.h>

#include <algorithm>

#include "core/db/json_util.h"
#include "core/db/staging_schema.h"

namespace crm::db {
namespace {

using Poco::JSON::Object;

Poco::Dynamic::Var OptInt(const std::optional<int64_t>& value) {
  return value ? Poco::Dynamic::Var(static_cast<Poco::Int64>(*value)) : Poco::Dynamic::Var();
}

Poco::Dynamic::Var OptText(const std::string& value) {
  return value.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(value);
}

// A JSON column rendered back as an object; unreadable text is kept visible, not dropped.
Poco::Dynamic::Var JsonColumn(const std::string& text) {
  Object::Ptr object = ParseJsonObject(text);
  if (object) return object;
  return Poco::Dynamic::Var(text);
}

std::string CountsSummary(const std::string& counts_json) {
  Object::Ptr counts = ParseJsonObject(counts_json);
  if (!counts) return counts_json;
  std::string out;
  for (const std::string& name : counts->getNames()) {
    out += (out.empty() ? "" : " ") + name + "=" + counts->get(name).toString();
  }
  return out;
}

std::string LoadText(const LoadRecord& load) {
  return std::to_string(load.id) + " (run " + std::to_string(load.run_id) + ", " +
         (load.subset.empty() ? "full" : "subset " + load.subset) + ", promoted " +
         load.promoted_at + ")";
}

}  // namespace

StatusView ReadStatus(Journal& journal, int limit) {
  StatusView status;
  status.staging = journal.db().masked_url();
  status.schema_version = kStagingSchemaVersion;
  status.current_load = journal.CurrentLoad();
  status.runs = journal.ListRuns(limit);
  status.notes = journal.ListNotes();
  return status;
}

std::string RenderStatusText(const StatusView& status) {
  std::string out =
      "staging: " + status.staging + " (schema v" + std::to_string(status.schema_version) + ")\n";
  out += "current staged load: " +
         (status.current_load ? LoadText(*status.current_load) : std::string("none")) + "\n";
  if (status.runs.empty()) {
    out += "no runs yet\n";
  } else {
    std::vector<std::vector<std::string>> rows{{"ID", "COMMAND", "STARTED", "FINISHED", "OUTCOME",
                                                "EXIT", "LOAD", "SCOPE", "SPEC", "COUNTS"}};
    for (const RunRecord& run : status.runs) {
      rows.push_back({std::to_string(run.id), run.command, run.started_at,
                      run.finished_at.empty() ? "-" : run.finished_at, run.outcome,
                      run.exit_code ? std::to_string(*run.exit_code) : "-",
                      run.load_id ? std::to_string(*run.load_id) : "-",
                      run.subset.empty() ? "full" : run.subset,
                      run.spec_sha256.empty() ? "-" : run.spec_sha256.substr(0, 12),
                      CountsSummary(run.counts_json)});
    }
    std::vector<size_t> widths(rows.front().size(), 0);
    for (const auto& row : rows) {
      for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
    }
    for (const auto& row : rows) {
      std::string line;
      for (size_t i = 0; i < row.size(); ++i) {
        std::string cell = row[i];
        if (i + 1 < row.size()) cell.resize(widths[i], ' ');
        line += (i ? "  " : "") + cell;
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + "\n";
    }
  }
  if (!status.notes.empty()) out += "notes:\n";
  for (const NoteRecord& note : status.notes) {
    out += "  #" + std::to_string(note.id) + " " + note.created_at + " " + note.author + " (" +
           note.kind + (note.run_id ? ", run " + std::to_string(*note.run_id) : "") +
           "): " + note.text + "\n";
  }
  return out;
}

std::string RenderStatusJson(const StatusView& status) {
  Object::Ptr root = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  root->set("staging", status.staging);
  root->set("schema_version", status.schema_version);
  if (status.current_load) {
    const LoadRecord& l = *status.current_load;
    Object::Ptr load = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    load->set("id", static_cast<Poco::Int64>(l.id));
    load->set("run_id", static_cast<Poco::Int64>(l.run_id));
    load->set("subset", OptText(l.subset));
    load->set("fingerprint", l.fingerprint);
    load->set("created_at", l.created_at);
    load->set("promoted_at", OptText(l.promoted_at));
    root->set("current_load", load);
  } else {
    root->set("current_load", Poco::Dynamic::Var());
  }
  Poco::JSON::Array::Ptr runs = new Poco::JSON::Array;
  for (const RunRecord& r : status.runs) {
    Object::Ptr run = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    run->set("id", static_cast<Poco::Int64>(r.id));
    run->set("command", r.command);
    run->set("spec_path", r.spec_path);
    run->set("spec_sha256", r.spec_sha256);
    run->set("load_id", OptInt(r.load_id));
    run->set("subset", OptText(r.subset));
    run->set("options", JsonColumn(r.options_json));
    run->set("user", r.user);
    run->set("host", r.host);
    run->set("pid", static_cast<Poco::Int64>(r.pid));
    run->set("crm_version", r.crm_version);
    run->set("started_at", r.started_at);
    run->set("finished_at", OptText(r.finished_at));
    run->set("outcome", r.outcome);
    run->set("exit_code", OptInt(r.exit_code));
    run->set("counts", JsonColumn(r.counts_json));
    runs->add(run);
  }
  root->set("runs", runs);
  Poco::JSON::Array::Ptr notes = new Poco::JSON::Array;
  for (const NoteRecord& n : status.notes) {
    Object::Ptr note = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    note->set("id", static_cast<Poco::Int64>(n.id));
    note->set("run_id", OptInt(n.run_id));
    note->set("kind", n.kind);
    note->set("author", n.author);
    note->set("created_at", n.created_at);
    note->set("text", n.text);
    notes->add(note);
  }
  root->set("notes", notes);
  return ToJsonText(root, 0) + "\n";
}

}  // namespace crm::db
