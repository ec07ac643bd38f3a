// Internal to core/db: JSON text <-> Poco objects for the journal's JSON columns and renderers.
#pragma once

#include <Poco/JSON/Object.h>

#include <string>
#include <string_view>

namespace crm::db {

// Parses a JSON object; empty text is {}. Returns nullptr when `text` is not a JSON object.
Poco::JSON::Object::Ptr ParseJsonObject(std::string_view text);

// Stringifies with `indent` spaces per level (0: one line), keys in insertion order.
std::string ToJsonText(const Poco::JSON::Object::Ptr& object, unsigned indent);

}  // namespace crm::db
