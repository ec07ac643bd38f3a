// The provenance JSON written by hand (identity/golden/json_text.h) is byte for byte what
// Poco::JSON wrote before, so golden records of earlier runs and of this one compare equal.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <catch2/catch.hpp>
#include <sstream>

#include "identity/golden/json_text.h"

namespace crm::identity {
namespace {

std::string PocoText(const Poco::JSON::Object& object) {
  std::ostringstream out;
  object.stringify(out);
  return out.str();
}

TEST_CASE("provenance JSON is written as Poco::JSON writes it", "[identity][golden][json]") {
  const std::vector<std::string> values = {
      "plain",         "a/b \"quoted\" back\\slash", "tab\there\nnew\rline\b\f",
      "ctl \x01\x1f\x1b", "Öztürk € 😀",             std::string("bad \xff\xc3 utf-8"),
      ""};
  Poco::JSON::Object poco(Poco::JSON_PRESERVE_KEY_ORDER);
  JsonObjectText ours;
  for (size_t i = 0; i < values.size(); ++i) {
    const std::string key = "field/" + std::to_string(i) + values[i];
    Poco::JSON::Array pair;
    pair.add(values[i]);
    pair.add(std::string("legacy"));
    poco.set(key, pair);
    std::string& text = ours.Member(key);
    text.push_back('[');
    AppendJsonString(&text, values[i]);
    text.push_back(',');
    AppendJsonString(&text, "legacy");
    text.push_back(']');
  }
  CHECK(ours.Finish() == PocoText(poco));
  CHECK(JsonObjectText().Finish() == PocoText(Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER)));
}

}  // namespace
}  // namespace crm::identity
