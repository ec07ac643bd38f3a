#include "core/db/phase_result.h"

#include <Poco/JSON/Array.h>

#include "core/common/error.h"
#include "core/db/json_util.h"

namespace crm::db {

std::string RenderPhaseResultJson(const PhaseResult& result) {
  using Poco::JSON::Object;
  Object::Ptr root = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  root->set("format", "crm-migrate/phase-result");
  root->set("version", kPhaseResultVersion);
  root->set("command", result.command);
  root->set("run_id", result.run_id ? Poco::Dynamic::Var(static_cast<Poco::Int64>(*result.run_id))
                                    : Poco::Dynamic::Var());
  root->set("outcome", result.outcome);
  root->set("exit_code", result.exit_code);
  Object::Ptr counts = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  for (const auto& [name, value] : result.counts) {
    counts->set(name, static_cast<Poco::Int64>(value));
  }
  root->set("counts", counts);
  Poco::JSON::Array::Ptr messages = new Poco::JSON::Array;
  for (const PhaseMessage& message : result.messages) {
    Object::Ptr m = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    m->set("level", message.level);
    m->set("code", message.code);
    m->set("text", message.text);
    messages->add(m);
  }
  root->set("messages", messages);
  Object::Ptr details = ParseJsonObject(result.details_json);
  if (!details) {
    throw Error(ErrorCategory::kInternal,
                "the " + result.command + " phase produced details that are not a JSON object");
  }
  root->set("details", details);
  return ToJsonText(root, 0) + "\n";
}

}  // namespace crm::db
