#include "staging/readers/json_scanner.h"

#include "core/common/error.h"
#include "staging/readers/encoding.h"

namespace crm::readers {
namespace {

// Deep enough for any CRM export; bounds the recursion on hostile input.
constexpr int kMaxDepth = 200;

[[noreturn]] void BadPath(const std::string& path, const std::string& why) {
  throw Error(ErrorCategory::kSpec, "jsonl: path '" + path + "': " + why);
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

JsonScanner::JsonScanner(const std::vector<std::string>& paths) : path_count_(paths.size()) {
  nodes_.emplace_back();
  for (size_t p = 0; p < paths.size(); ++p) {
    const std::string& path = paths[p];
    int node = 0;
    size_t i = 0;
    const auto child = [&](auto& list, const auto& label) {
      for (const auto& [l, index] : list) {
        if (l == label) return index;
      }
      const int index = static_cast<int>(nodes_.size());
      list.emplace_back(label, index);
      nodes_.emplace_back();
      return index;
    };
    while (i < path.size()) {
      if (path[i] == '[') {
        const size_t close = path.find(']', i);
        if (close == std::string::npos || close == i + 1) BadPath(path, "unclosed or empty [ ]");
        size_t index = 0;
        for (size_t k = i + 1; k < close; ++k) {
          if (path[k] < '0' || path[k] > '9') BadPath(path, "an array index must be a number");
          index = index * 10 + static_cast<size_t>(path[k] - '0');
        }
        node = child(nodes_[node].indices, index);
        i = close + 1;
        if (i < path.size() && path[i] == '.') {
          if (++i == path.size()) BadPath(path, "ends with '.'");
        }
        continue;
      }
      const size_t stop = path.find_first_of(".[]", i);
      const std::string key = path.substr(i, stop == std::string::npos ? stop : stop - i);
      if (key.empty()) BadPath(path, "empty key");
      node = child(nodes_[node].keys, key);
      i = stop == std::string::npos ? path.size() : stop;
      if (i < path.size() && path[i] == ']') BadPath(path, "unexpected ']'");
      if (i < path.size() && path[i] == '.' && ++i == path.size()) BadPath(path, "ends with '.'");
    }
    if (node == 0) BadPath(path, "empty path");
    nodes_[node].outputs.push_back(p);
  }
}

class JsonScanner::Parser {
 public:
  Parser(const JsonScanner& scanner, std::string_view line, std::vector<Field>* fields,
         std::string* scratch, std::vector<std::string>* top_level_keys)
      : scanner_(scanner), s_(line), fields_(fields), scratch_(scratch), keys_(top_level_keys) {}

  bool Run() {
    SkipSpace();
    if (pos_ == s_.size()) return Fail("empty line");
    if (s_[pos_] != '{') {
      const char c = s_[pos_];
      return Fail(c == '[' ? "the line is a JSON array, not an object"
                  : c == '"' ? "the line is a JSON string, not an object"
                             : "the line is not a JSON object");
    }
    if (!Value(0, 0)) return false;
    SkipSpace();
    return pos_ == s_.size() || Fail("unexpected text after the object");
  }

  size_t error_pos() const { return pos_; }
  const std::string& message() const { return message_; }

 private:
  bool Fail(const char* message) {
    if (message_.empty()) message_ = message;
    return false;
  }
  bool Peek(char c) const { return pos_ < s_.size() && s_[pos_] == c; }
  void SkipSpace() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\r' || s_[pos_] == '\n')) {
      ++pos_;
    }
  }

  bool Value(int node, int depth) {
    if (depth > kMaxDepth) return Fail("nesting too deep");
    SkipSpace();
    if (pos_ == s_.size()) return Fail("unexpected end of the line");
    const size_t start = pos_;
    const bool wanted = node >= 0 && !scanner_.nodes_[node].outputs.empty();
    std::string_view decoded;
    bool is_null = false;
    bool ok;
    switch (s_[pos_]) {
      case '{':
        ok = Object(node, depth);
        break;
      case '[':
        ok = Array(node, depth);
        break;
      case '"':
        ok = String(wanted ? &decoded : nullptr, scratch_);
        break;
      case 't':
        ok = Literal("true");
        break;
      case 'f':
        ok = Literal("false");
        break;
      case 'n':
        ok = is_null = Literal("null");
        break;
      default:
        ok = Number();
    }
    if (!ok || !wanted) return ok;
    const std::string_view text =
        s_[start] == '"' ? decoded : s_.substr(start, pos_ - start);
    for (size_t output : scanner_.nodes_[node].outputs) {
      (*fields_)[output] = Field{is_null ? std::string_view() : text, is_null};
    }
    return true;
  }

  int Child(int node, std::string_view key) const {
    if (node < 0) return -1;
    for (const auto& [k, index] : scanner_.nodes_[node].keys) {
      if (k == key) return index;
    }
    return -1;
  }

  bool Object(int node, int depth) {
    ++pos_;
    SkipSpace();
    if (Peek('}')) return ++pos_, true;
    const bool track_keys = (node >= 0 && !scanner_.nodes_[node].keys.empty()) ||
                            (depth == 0 && keys_ != nullptr);
    for (;;) {
      SkipSpace();
      if (!Peek('"')) return Fail("expected a quoted key");
      std::string_view key;
      key_.clear();
      if (!String(track_keys ? &key : nullptr, &key_)) return false;
      if (depth == 0 && keys_ != nullptr) keys_->emplace_back(key);
      SkipSpace();
      if (!Peek(':')) return Fail("expected ':' after a key");
      ++pos_;
      if (!Value(Child(node, key), depth + 1)) return false;
      SkipSpace();
      if (Peek(',')) {
        ++pos_;
        continue;
      }
      if (Peek('}')) return ++pos_, true;
      return Fail("expected ',' or '}' in an object");
    }
  }

  bool Array(int node, int depth) {
    ++pos_;
    SkipSpace();
    if (Peek(']')) return ++pos_, true;
    for (size_t index = 0;; ++index) {
      int child = -1;
      if (node >= 0) {
        for (const auto& [i, n] : scanner_.nodes_[node].indices) {
          if (i == index) child = n;
        }
      }
      if (!Value(child, depth + 1)) return false;
      SkipSpace();
      if (Peek(',')) {
        ++pos_;
        continue;
      }
      if (Peek(']')) return ++pos_, true;
      return Fail("expected ',' or ']' in an array");
    }
  }

  // Scans a string; with `out`, also stores its unescaped text (a view into the line when it has
  // no escapes, else appended to `buffer`).
  bool String(std::string_view* out, std::string* buffer) {
    const size_t begin = ++pos_;
    bool escaped = false;
    while (pos_ < s_.size() && s_[pos_] != '"') {
      const auto c = static_cast<unsigned char>(s_[pos_]);
      if (c < 0x20) return Fail("control character inside a string");
      if (c == '\\') {
        escaped = true;
        if (++pos_ == s_.size()) break;
      }
      ++pos_;
    }
    if (pos_ == s_.size()) return Fail("unterminated string");
    const size_t end = pos_++;
    if (!escaped) {
      if (out != nullptr) *out = s_.substr(begin, end - begin);
      return true;
    }
    const size_t start = buffer->size();
    for (size_t i = begin; i < end; ++i) {
      if (s_[i] != '\\') {
        buffer->push_back(s_[i]);
        continue;
      }
      const char e = s_[++i];
      char simple = '\0';
      switch (e) {
        case '"':
        case '\\':
        case '/':
          simple = e;
          break;
        case 'b':
          simple = '\b';
          break;
        case 'f':
          simple = '\f';
          break;
        case 'n':
          simple = '\n';
          break;
        case 'r':
          simple = '\r';
          break;
        case 't':
          simple = '\t';
          break;
        default:
          break;
      }
      if (simple != '\0') {
        buffer->push_back(simple);
        continue;
      }
      pos_ = i;
      if (e != 'u') return Fail("invalid escape in a string");
      char32_t cp = 0;
      if (!Hex4(i + 1, &cp)) return Fail("invalid \\u escape");
      i += 4;
      if (cp >= 0xD800 && cp <= 0xDBFF) {
        char32_t low = 0;
        if (i + 6 >= end || s_[i + 1] != '\\' || s_[i + 2] != 'u' || !Hex4(i + 3, &low) ||
            low < 0xDC00 || low > 0xDFFF) {
          return Fail("unpaired surrogate in a \\u escape");
        }
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        i += 6;
      } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
        return Fail("unpaired surrogate in a \\u escape");
      }
      AppendUtf8(cp, buffer);
    }
    pos_ = end + 1;
    if (out != nullptr) *out = std::string_view(*buffer).substr(start);
    return true;
  }

  bool Hex4(size_t at, char32_t* value) const {
    if (at + 4 > s_.size()) return false;
    *value = 0;
    for (size_t k = 0; k < 4; ++k) {
      const int digit = HexValue(s_[at + k]);
      if (digit < 0) return false;
      *value = *value * 16 + static_cast<char32_t>(digit);
    }
    return true;
  }

  bool Literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return Fail("invalid literal");
    pos_ += word.size();
    return true;
  }

  bool Digits() {
    const size_t start = pos_;
    while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
    return pos_ > start;
  }

  bool Number() {
    if (Peek('-')) ++pos_;
    if (Peek('0')) {
      ++pos_;
    } else if (!Digits()) {
      return Fail("invalid value");
    }
    if (Peek('.')) {
      ++pos_;
      if (!Digits()) return Fail("invalid number");
    }
    if (Peek('e') || Peek('E')) {
      ++pos_;
      if (Peek('+') || Peek('-')) ++pos_;
      if (!Digits()) return Fail("invalid number");
    }
    return true;
  }

  const JsonScanner& scanner_;
  std::string_view s_;
  std::vector<Field>* fields_;
  std::string* scratch_;
  std::vector<std::string>* keys_;
  std::string key_;
  size_t pos_ = 0;
  std::string message_;
};

bool JsonScanner::Scan(std::string_view line, std::vector<Field>* fields, std::string* scratch,
                       size_t* error_pos, std::string* message,
                       std::vector<std::string>* top_level_keys) {
  fields->assign(path_count_, Field{std::string_view(), true});
  // Unescaped text is never longer than its escaped form, so this reserve keeps every view into
  // `scratch` valid for the whole line.
  scratch->clear();
  scratch->reserve(line.size());
  Parser parser(*this, line, fields, scratch, top_level_keys);
  if (parser.Run()) return true;
  *error_pos = parser.error_pos();
  *message = parser.message();
  return false;
}

}  // namespace crm::readers
