#include "reports/pages/doc.h"

#include <sstream>

#include "core/db/url.h"

namespace crm::reports {
namespace {

Poco::Dynamic::Var Member(const Object::Ptr& o, const std::string& key) {
  if (!o || !o->has(key)) return {};
  return o->get(key);
}

Poco::Dynamic::Var ScrubVar(const Poco::Dynamic::Var& v);

void ScrubArray(Array::Ptr a) {  // a copy: a const Ptr only hands out a const Array
  if (!a) return;
  for (size_t i = 0; i < a->size(); ++i) a->set(i, ScrubVar(a->get(i)));
}

Poco::Dynamic::Var ScrubVar(const Poco::Dynamic::Var& v) {
  if (v.type() == typeid(Object::Ptr)) {
    ScrubSecrets(v.extract<Object::Ptr>());
    return v;
  }
  if (v.type() == typeid(Array::Ptr)) {
    ScrubArray(v.extract<Array::Ptr>());
    return v;
  }
  if (v.isString()) return db::MaskConnectionSecrets(v.extract<std::string>());
  return v;
}

}  // namespace

Object::Ptr NewObject() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }

std::string VarText(const Poco::Dynamic::Var& v) {
  if (v.isEmpty()) return "";
  try {
    return v.convert<std::string>();
  } catch (const Poco::Exception&) {
    return "";
  }
}

std::string Str(const Object::Ptr& o, const std::string& key) { return VarText(Member(o, key)); }

std::optional<int64_t> OptInt(const Object::Ptr& o, const std::string& key) {
  Poco::Dynamic::Var v = Member(o, key);
  if (v.isEmpty()) return std::nullopt;
  try {
    if (v.isString()) return static_cast<int64_t>(std::stoll(v.extract<std::string>()));
    return static_cast<int64_t>(v.convert<Poco::Int64>());
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

int64_t Int(const Object::Ptr& o, const std::string& key) { return OptInt(o, key).value_or(0); }

double Real(const Object::Ptr& o, const std::string& key) {
  Poco::Dynamic::Var v = Member(o, key);
  if (v.isEmpty()) return 0;
  try {
    if (v.isString()) return std::stod(v.extract<std::string>());
    return v.convert<double>();
  } catch (const std::exception&) {
    return 0;
  }
}

bool Bool(const Object::Ptr& o, const std::string& key) {
  Poco::Dynamic::Var v = Member(o, key);
  if (v.isEmpty()) return false;
  try {
    return v.convert<bool>();
  } catch (const Poco::Exception&) {
    return false;
  }
}

bool Has(const Object::Ptr& o, const std::string& key) { return !Member(o, key).isEmpty(); }

Object::Ptr Obj(const Object::Ptr& o, const std::string& key) {
  Poco::Dynamic::Var v = Member(o, key);
  return v.type() == typeid(Object::Ptr) ? v.extract<Object::Ptr>() : nullptr;
}

Array::Ptr Arr(const Object::Ptr& o, const std::string& key) {
  Poco::Dynamic::Var v = Member(o, key);
  return v.type() == typeid(Array::Ptr) ? v.extract<Array::Ptr>() : nullptr;
}

Object::Ptr ObjAt(const Array::Ptr& a, size_t i) {
  if (!a || i >= a->size()) return nullptr;
  Poco::Dynamic::Var v = a->get(i);
  return v.type() == typeid(Object::Ptr) ? v.extract<Object::Ptr>() : nullptr;
}

size_t Size(const Array::Ptr& a) { return a ? a->size() : 0; }

Array::Ptr OrEmpty(const Array::Ptr& a) { return a ? a : Array::Ptr(new Array); }

std::string ToJson(const Object::Ptr& doc) {
  std::ostringstream out;
  doc->stringify(out, 2);
  out << "\n";
  return out.str();
}

void ScrubSecrets(const Object::Ptr& doc) {
  Object::Ptr object = doc;  // a const Ptr only hands out a const Object
  if (!object) return;
  for (const std::string& name : object->getNames()) {
    object->set(name, ScrubVar(object->get(name)));
  }
}

}  // namespace crm::reports
