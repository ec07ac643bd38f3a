#include "reports/pages/context.h"

#include "core/db/json_util.h"
#include "reports/journal/rows.h"

namespace crm::reports {

Object::Ptr NewPageDoc(const PageContext& ctx, const std::string& page,
                       const std::string& page_file) {
  Object::Ptr doc = NewObject();
  doc->set("format", "crm-migrate/report-" + page);
  doc->set("version", 1);
  doc->set("page", page);
  doc->set("page_file", page_file);
  doc->set("title", ctx.spec.report.title.empty() ? ctx.spec.name : ctx.spec.report.title);
  doc->set("migration", ctx.spec.name);
  doc->set("owner", ctx.spec.owner);
  Object::Ptr roles = NewObject();
  for (const auto& [role, person] : ctx.spec.roles) roles->set(role, person);
  doc->set("roles", roles);
  doc->set("generated_at", ctx.generated_at);
  doc->set("staging", ctx.journal.db().masked_url());
  doc->set("pii", ctx.show_pii ? "shown" : "masked");
  return doc;
}

Object::Ptr RunJson(const db::RunRecord& run) {
  Object::Ptr o = NewObject();
  o->set("id", static_cast<Poco::Int64>(run.id));
  o->set("command", run.command);
  o->set("subset", run.subset.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(run.subset));
  o->set("load_id", run.load_id ? Poco::Dynamic::Var(static_cast<Poco::Int64>(*run.load_id))
                                : Poco::Dynamic::Var());
  o->set("started_at", run.started_at);
  o->set("finished_at",
         run.finished_at.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(run.finished_at));
  o->set("outcome", run.outcome);
  o->set("exit_code", run.exit_code
                          ? Poco::Dynamic::Var(static_cast<Poco::Int64>(*run.exit_code))
                          : Poco::Dynamic::Var());
  std::optional<double> seconds = DurationSeconds(run.started_at, run.finished_at);
  o->set("seconds", seconds ? Poco::Dynamic::Var(RoundMillis(*seconds)) : Poco::Dynamic::Var());
  o->set("user", run.user);
  o->set("host", run.host);
  o->set("spec_sha256", run.spec_sha256);
  Object::Ptr counts = db::ParseJsonObject(run.counts_json);
  o->set("counts", counts ? counts : NewObject());
  Object::Ptr options = db::ParseJsonObject(run.options_json);
  o->set("options", options ? options : NewObject());
  return o;
}

std::string RunPageFile(const db::RunRecord& run) {
  const std::string id = std::to_string(run.id);
  if (run.command == "plan") return "plan-run" + id;
  if (run.command == "validate") return "quality-run" + id;
  if (run.command == "cutover") return "cutover-run" + id;
  return "";
}

}  // namespace crm::reports
