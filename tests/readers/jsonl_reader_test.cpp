#include <catch2/catch.hpp>

#include "core/common/error.h"
#include "staging/readers/jsonl_reader.h"

using namespace crm::readers;

namespace {

std::string Scan(const std::vector<std::string>& paths, std::string_view line) {
  JsonScanner scanner(paths);
  std::vector<Field> fields;
  std::string scratch;
  size_t error_pos = 0;
  std::string message;
  if (!scanner.Scan(line, &fields, &scratch, &error_pos, &message)) {
    return "error at " + std::to_string(error_pos) + ": " + message;
  }
  std::string out;
  for (const Field& field : fields) {
    out += (out.empty() ? "" : " | ") + (field.is_null ? "NULL" : std::string(field.value));
  }
  return out;
}

}  // namespace

TEST_CASE("JSON paths address nested members and array elements", "[jsonl]") {
  CHECK(Scan({"a.b", "t[1]", "t", "n"}, R"({"a": {"b": "x\ty"}, "t": [1, "two"], "n": 1.50})") ==
        "x\ty | two | [1, \"two\"] | 1.50");
  CHECK(Scan({"a[0][1]", "missing.deep"}, R"({"a": [[1, 2]]})") == "2 | NULL");
  CHECK(Scan({"k"}, R"({"k": null})") == "NULL");
  CHECK(Scan({"k"}, R"({"k": "\u00e9\ud83d\ude00"})") == "\u00e9\U0001F600");
}

TEST_CASE("JSON syntax errors name the byte", "[jsonl]") {
  CHECK(Scan({"a"}, R"({"a": 01})") == "error at 7: expected ',' or '}' in an object");
  CHECK(Scan({"a"}, R"({"a": "x)") == "error at 8: unterminated string");
  CHECK(Scan({"a"}, R"({"a": "\ud800"})") == "error at 8: unpaired surrogate in a \\u escape");
  CHECK(Scan({"a"}, "[1]") == "error at 0: the line is a JSON array, not an object");
  CHECK(Scan({"a"}, std::string(300, '[')).find("not an object") != std::string::npos);
  CHECK(Scan({"a"}, "{\"a\":" + std::string(300, '[')) == "error at 205: nesting too deep");
}

TEST_CASE("Malformed JSON paths are spec errors", "[jsonl]") {
  for (const char* path : {"", "a.", "a[", "a[x]", "a]", ".a"}) {
    CAPTURE(path);
    CHECK_THROWS_AS(JsonScanner({path}), crm::Error);
  }
}

TEST_CASE("JSON Lines keys can be sniffed for a lossless landing", "[jsonl]") {
  const std::string path = std::string(CRM_SOURCE_DIR) + "/tests/cases/readers/jsonl_paths/input.jsonl";
  CHECK(SniffJsonlKeys(path) ==
        std::vector<std::string>{"id", "email", "address", "tags", "score", "extra", "ok"});
}
