#include "core/db/json_util.h"

#include <Poco/JSON/Parser.h>

#include <sstream>

namespace crm::db {

Poco::JSON::Object::Ptr ParseJsonObject(std::string_view text) {
  if (text.empty()) return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  try {
    Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
    Poco::Dynamic::Var parsed = parser.parse(std::string(text));
    if (parsed.type() != typeid(Poco::JSON::Object::Ptr)) return nullptr;
    return parsed.extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception&) {
    return nullptr;
  }
}

std::string ToJsonText(const Poco::JSON::Object::Ptr& object, unsigned indent) {
  std::ostringstream os;
  object->stringify(os, indent);
  return os.str();
}

}  // namespace crm::db
