// Every page is first a JSON document (Poco objects) built from the journal; the HTML is rendered
// from that same document, so page.json and page.html always say the same thing. These helpers
// read members that may be absent (the plan's document comes from another module and grows).
#pragma once

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <optional>
#include <string>

namespace crm::reports {

using Poco::JSON::Array;
using Poco::JSON::Object;

// A new object that keeps its members in insertion order.
Object::Ptr NewObject();

// Members as text, integer, number or flag: absent or null gives "", 0, 0.0, false. Str renders
// numbers and booleans as text; Int and Real read numeric text too.
std::string Str(const Object::Ptr& o, const std::string& key);
int64_t Int(const Object::Ptr& o, const std::string& key);
std::optional<int64_t> OptInt(const Object::Ptr& o, const std::string& key);
double Real(const Object::Ptr& o, const std::string& key);
bool Bool(const Object::Ptr& o, const std::string& key);
bool Has(const Object::Ptr& o, const std::string& key);  // present and not null
// Absent, null or of another type: nullptr.
Object::Ptr Obj(const Object::Ptr& o, const std::string& key);
Array::Ptr Arr(const Object::Ptr& o, const std::string& key);
Object::Ptr ObjAt(const Array::Ptr& a, size_t i);
size_t Size(const Array::Ptr& a);  // 0 for nullptr
// `a`, or a new empty array when it is nullptr.
Array::Ptr OrEmpty(const Array::Ptr& a);

// A Dynamic::Var as display text ("" for empty).
std::string VarText(const Poco::Dynamic::Var& v);

// The document as JSON text, two spaces per level.
std::string ToJson(const Object::Ptr& doc);

// Every string in `doc` (members, array items, recursively) with connection secrets masked
// (db::MaskConnectionSecrets): a URL or a driver message that reached the journal with a
// password cannot reach a page.
void ScrubSecrets(const Object::Ptr& doc);

}  // namespace crm::reports
