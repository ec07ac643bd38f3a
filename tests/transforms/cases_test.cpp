// Data-driven transform cases: every folder under tests/cases/transforms/ is one Catch2 test.
//   params.txt    "transform: NAME", then one parameter a line: "name: value" (a name given
//                 twice is a list), "name{}: spelling => code" (a mapping entry), "region: XX"
//                 (the row's region for every input); '#' starts a comment line.
//   input.txt     one value a line; \t, \\, \uXXXX escapes; spaces are kept.
//   expected.txt  one line per input: "<input> → <output> [fact=value ...]", "<input> → NULL" or
//                 "<input> → error: <message>", values quoted with the same escapes.
// CRM_UPDATE_CASES=1 rewrites expected.txt from the actual output (then review the diff).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "staging/transforms/transform.h"

namespace crm::transforms {
namespace {

namespace fs = std::filesystem;

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string Unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 >= s.size()) {
      out.push_back(s[i]);
    } else if (s[i + 1] == 't') {
      out.push_back('\t');
      ++i;
    } else if (s[i + 1] == 'u' && i + 5 < s.size()) {
      AppendUtf8(static_cast<uint32_t>(std::stoul(s.substr(i + 2, 4), nullptr, 16)), &out);
      i += 5;
    } else {
      out.push_back(s[++i]);
    }
  }
  return out;
}

// Quoted, with tabs, backslashes, quotes and invisible spaces escaped.
std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\t') {
      out += "\\t";
    } else if (s[i] == '\\' || s[i] == '"') {
      out += std::string("\\") + s[i];
    } else if (s.compare(i, 2, "\u00A0") == 0) {
      out += "\\u00A0";
      i += 1;
    } else if (s.compare(i, 3, "\u202F") == 0) {
      out += "\\u202F";
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out + "\"";
}

struct Case {
  std::string transform;
  TransformParams params;
  std::string region;
};

Case ReadParams(const fs::path& path) {
  Case c;
  for (const std::string& line : Lines(ReadText(path))) {
    if (line.empty() || line[0] == '#') continue;
    size_t colon = line.find(": ");
    REQUIRE(colon != std::string::npos);
    std::string key = line.substr(0, colon);
    std::string value = Unescape(line.substr(colon + 2));
    if (key == "transform") {
      c.transform = value;
    } else if (key == "region") {
      c.region = value;
    } else if (key.size() > 2 && key.substr(key.size() - 2) == "{}") {
      size_t arrow = value.find(" => ");
      REQUIRE(arrow != std::string::npos);
      ParamValue& p = c.params[key.substr(0, key.size() - 2)];
      p.kind = ParamValue::Kind::kMap;
      p.map.emplace_back(value.substr(0, arrow), value.substr(arrow + 4));
    } else if (auto it = c.params.find(key); it != c.params.end()) {
      if (it->second.kind == ParamValue::Kind::kScalar) {
        it->second = ParamValue::List({it->second.scalar});
      }
      it->second.list.push_back(value);
    } else {
      c.params[key] = ParamValue::Scalar(value);
    }
  }
  return c;
}

std::string Render(const fs::path& dir) {
  Case c = ReadParams(dir / "params.txt");
  std::unique_ptr<Transform> transform;
  std::string error;
  if (!TryMakeTransform(c.transform, c.params, &transform, &error)) return "make: " + error + "\n";
  std::vector<std::string> facts = transform->FactNames();
  std::string out;
  RowContext row{c.region};
  for (const std::string& line : Lines(ReadText(dir / "input.txt"))) {
    std::string input = Unescape(line);
    TransformResult result;
    out += Quote(input) + " → ";
    if (!transform->Apply(input, row, &result, &error)) {
      out += "error: " + error + "\n";
      continue;
    }
    if (result.is_null) {
      out += "NULL\n";
      continue;
    }
    out += Quote(result.value);
    for (size_t i = 0; i < facts.size() && i < result.facts.size(); ++i) {
      out += " " + facts[i] + "=" + result.facts[i];
    }
    out += "\n";
  }
  return out;
}

void RunCase(const fs::path& dir) {
  std::string actual = Render(dir);
  const char* update = std::getenv("CRM_UPDATE_CASES");
  if (update && std::string(update) == "1") {
    std::ofstream(dir / "expected.txt", std::ios::binary) << actual;
  }
  std::string expected = ReadText(dir / "expected.txt");
  CHECK(actual == expected);
}

class CaseInvoker : public Catch::ITestInvoker {
 public:
  explicit CaseInvoker(fs::path dir) : dir_(std::move(dir)) {}
  void invoke() const override { RunCase(dir_); }

 private:
  fs::path dir_;
};

// Registers one test per case folder before Catch2 runs (Catch2 keeps the invokers; the names
// are StringRefs, so they live here for the whole run).
struct CaseRegistrar {
  CaseRegistrar() {
    fs::path root = fs::path(CRM_SOURCE_DIR) / "tests" / "cases" / "transforms";
    std::error_code ec;
    std::vector<fs::path> dirs;
    for (const auto& entry : fs::directory_iterator(root, ec)) {
      if (entry.is_directory()) dirs.push_back(entry.path());
    }
    std::sort(dirs.begin(), dirs.end());
    for (const fs::path& dir : dirs) {
      names.push_back("case: transforms/" + dir.filename().string());
      Catch::AutoReg(new CaseInvoker(dir), CATCH_INTERNAL_LINEINFO, Catch::StringRef(),
                     Catch::NameAndTags{names.back(), "[cases]"});
    }
  }
  std::deque<std::string> names;
};

const CaseRegistrar kCases;

}  // namespace
}  // namespace crm::transforms
