#include "staging/shaping/where.h"

#include <charconv>
#include <cstdlib>
#include <utility>

#include "core/common/text.h"

namespace crm::staging {

enum class Tri { kFalse, kTrue, kUnknown };

struct Operand {
  int column = -1;  // index into WhereFilter::columns(), or -1 for a literal
  std::string literal;
  bool is_number = false;  // a numeric literal (written without quotes)
};

struct WhereNode {
  enum class Kind { kOr, kAnd, kNot, kCompare, kIn, kIsNull, kLike } kind = Kind::kOr;
  std::string op;  // kCompare: = != < <= > >=
  bool negated = false;
  std::vector<std::unique_ptr<WhereNode>> children;
  std::vector<Operand> operands;  // kCompare/kLike: 2, kIsNull: 1, kIn: 1 + the list
};

namespace {

struct Token {
  enum class Kind { kIdent, kQuotedIdent, kString, kNumber, kSymbol, kEnd } kind = Kind::kEnd;
  std::string text;
  size_t pos = 0;  // 0-based offset in the expression
};

bool Tokenize(std::string_view s, std::vector<Token>* tokens, std::string* error) {
  size_t i = 0;
  auto fail = [&](size_t at, const std::string& message) {
    *error = "at " + std::to_string(at + 1) + ": " + message;
    return false;
  };
  while (i < s.size()) {
    char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    Token t;
    t.pos = i;
    if (c == '\'' || c == '"' || c == '`') {
      // Quotes inside are doubled, as in SQL.
      size_t j = i + 1;
      std::string text;
      while (true) {
        if (j >= s.size()) return fail(i, std::string("unterminated ") + c + " quote");
        if (s[j] == c) {
          if (j + 1 < s.size() && s[j + 1] == c) {
            text += c;
            j += 2;
            continue;
          }
          break;
        }
        text += s[j++];
      }
      t.kind = c == '\'' ? Token::Kind::kString : Token::Kind::kQuotedIdent;
      t.text = std::move(text);
      i = j + 1;
    } else if ((c >= '0' && c <= '9') || (c == '-' && i + 1 < s.size() && s[i + 1] >= '0' &&
                                          s[i + 1] <= '9') ||
               (c == '.' && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9')) {
      size_t j = i + 1;
      while (j < s.size() && ((s[j] >= '0' && s[j] <= '9') || s[j] == '.')) ++j;
      t.kind = Token::Kind::kNumber;
      t.text = std::string(s.substr(i, j - i));
      i = j;
    } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
               static_cast<unsigned char>(c) >= 0x80) {
      size_t j = i + 1;
      while (j < s.size() && ((s[j] >= 'A' && s[j] <= 'Z') || (s[j] >= 'a' && s[j] <= 'z') ||
                              (s[j] >= '0' && s[j] <= '9') || s[j] == '_' || s[j] == '.' ||
                              s[j] == '[' || s[j] == ']' || static_cast<unsigned char>(s[j]) >= 0x80)) {
        ++j;
      }
      t.kind = Token::Kind::kIdent;
      t.text = std::string(s.substr(i, j - i));
      i = j;
    } else {
      static const char* const kSymbols[] = {"<=", ">=", "<>", "!=", "=", "<", ">", "(", ")", ","};
      bool found = false;
      for (const char* sym : kSymbols) {
        std::string_view v(sym);
        if (s.substr(i, v.size()) == v) {
          t.kind = Token::Kind::kSymbol;
          t.text = std::string(v);
          i += v.size();
          found = true;
          break;
        }
      }
      if (!found) return fail(i, std::string("unexpected character '") + c + "'");
    }
    tokens->push_back(std::move(t));
  }
  Token end;
  end.pos = s.size();
  tokens->push_back(end);
  return true;
}

class Parser {
 public:
  Parser(std::vector<Token> tokens, std::vector<std::string>* columns)
      : tokens_(std::move(tokens)), columns_(columns) {}

  std::unique_ptr<WhereNode> ParseAll(std::string* error) {
    auto node = ParseOr();
    if (node && Peek().kind != Token::Kind::kEnd) Fail("unexpected '" + Peek().text + "'");
    if (!error_.empty()) {
      *error = error_;
      return nullptr;
    }
    return node;
  }

 private:
  const Token& Peek() const { return tokens_[pos_]; }
  bool IsKeyword(const Token& t, std::string_view word) const {
    return t.kind == Token::Kind::kIdent && ToLowerAscii(t.text) == word;
  }
  bool IsSymbol(const Token& t, std::string_view sym) const {
    return t.kind == Token::Kind::kSymbol && t.text == sym;
  }
  std::unique_ptr<WhereNode> Fail(const std::string& message) {
    if (error_.empty()) error_ = "at " + std::to_string(Peek().pos + 1) + ": " + message;
    return nullptr;
  }
  static bool IsReserved(const std::string& word) {
    std::string w = ToLowerAscii(word);
    return w == "and" || w == "or" || w == "not" || w == "in" || w == "is" || w == "null" ||
           w == "like";
  }

  std::unique_ptr<WhereNode> Binary(WhereNode::Kind kind, std::string_view word,
                                    std::unique_ptr<WhereNode> (Parser::*next)()) {
    auto left = (this->*next)();
    if (!left) return nullptr;
    if (!IsKeyword(Peek(), word)) return left;
    auto node = std::make_unique<WhereNode>();
    node->kind = kind;
    node->children.push_back(std::move(left));
    while (IsKeyword(Peek(), word)) {
      ++pos_;
      auto right = (this->*next)();
      if (!right) return nullptr;
      node->children.push_back(std::move(right));
    }
    return node;
  }
  std::unique_ptr<WhereNode> ParseOr() { return Binary(WhereNode::Kind::kOr, "or", &Parser::ParseAnd); }
  std::unique_ptr<WhereNode> ParseAnd() {
    return Binary(WhereNode::Kind::kAnd, "and", &Parser::ParseNot);
  }
  std::unique_ptr<WhereNode> ParseNot() {
    if (!IsKeyword(Peek(), "not")) return ParsePrimary();
    ++pos_;
    auto child = ParseNot();
    if (!child) return nullptr;
    auto node = std::make_unique<WhereNode>();
    node->kind = WhereNode::Kind::kNot;
    node->children.push_back(std::move(child));
    return node;
  }

  bool ParseOperand(Operand* out) {
    const Token& t = Peek();
    if (t.kind == Token::Kind::kString || t.kind == Token::Kind::kNumber) {
      out->literal = t.text;
      out->is_number = t.kind == Token::Kind::kNumber;
      ++pos_;
      return true;
    }
    if (t.kind == Token::Kind::kQuotedIdent ||
        (t.kind == Token::Kind::kIdent && !IsReserved(t.text))) {
      size_t i = 0;
      while (i < columns_->size() && (*columns_)[i] != t.text) ++i;
      if (i == columns_->size()) columns_->push_back(t.text);
      out->column = static_cast<int>(i);
      ++pos_;
      return true;
    }
    Fail(t.kind == Token::Kind::kEnd ? "expected a column or a value at the end"
                                     : "expected a column or a value, not '" + t.text + "'");
    return false;
  }

  std::unique_ptr<WhereNode> ParsePrimary() {
    if (IsSymbol(Peek(), "(")) {
      ++pos_;
      auto inner = ParseOr();
      if (!inner) return nullptr;
      if (!IsSymbol(Peek(), ")")) return Fail("expected ')'");
      ++pos_;
      return inner;
    }
    auto node = std::make_unique<WhereNode>();
    Operand left;
    if (!ParseOperand(&left)) return nullptr;
    node->operands.push_back(std::move(left));
    if (IsKeyword(Peek(), "is")) {
      ++pos_;
      node->kind = WhereNode::Kind::kIsNull;
      if (IsKeyword(Peek(), "not")) {
        node->negated = true;
        ++pos_;
      }
      if (!IsKeyword(Peek(), "null")) return Fail("expected NULL after IS");
      ++pos_;
      return node;
    }
    if (IsKeyword(Peek(), "not")) {
      node->negated = true;
      ++pos_;
      if (!IsKeyword(Peek(), "in") && !IsKeyword(Peek(), "like")) {
        return Fail("expected IN or LIKE after NOT");
      }
    }
    if (IsKeyword(Peek(), "in")) {
      ++pos_;
      node->kind = WhereNode::Kind::kIn;
      if (!IsSymbol(Peek(), "(")) return Fail("expected '(' after IN");
      ++pos_;
      while (true) {
        const Token& t = Peek();
        if (t.kind != Token::Kind::kString && t.kind != Token::Kind::kNumber) {
          return Fail("expected a value in the IN list");
        }
        Operand value;
        if (!ParseOperand(&value)) return nullptr;
        node->operands.push_back(std::move(value));
        if (IsSymbol(Peek(), ",")) {
          ++pos_;
          continue;
        }
        if (!IsSymbol(Peek(), ")")) return Fail("expected ',' or ')' in the IN list");
        ++pos_;
        return node;
      }
    }
    if (IsKeyword(Peek(), "like")) {
      ++pos_;
      node->kind = WhereNode::Kind::kLike;
    } else if (Peek().kind == Token::Kind::kSymbol && Peek().text != "(" && Peek().text != ")" &&
               Peek().text != ",") {
      node->kind = WhereNode::Kind::kCompare;
      node->op = Peek().text == "<>" ? "!=" : Peek().text;
      ++pos_;
    } else {
      return Fail(Peek().kind == Token::Kind::kEnd
                      ? "expected an operator (=, !=, <, IN, IS NULL, LIKE, ...) at the end"
                      : "expected an operator (=, !=, <, IN, IS NULL, LIKE, ...), not '" +
                            Peek().text + "'");
    }
    Operand right;
    if (!ParseOperand(&right)) return nullptr;
    node->operands.push_back(std::move(right));
    return node;
  }

  std::vector<Token> tokens_;
  std::vector<std::string>* columns_;
  size_t pos_ = 0;
  std::string error_;
};

bool ReadNumber(std::string_view s, double* out) {
  s = TrimView(s);
  if (s.empty()) return false;
  const char* end = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(s.data(), end, *out);
  return ec == std::errc() && ptr == end;
}

// <0, 0, >0; numbers compare as numbers when both sides read as one.
int CompareValues(std::string_view a, std::string_view b) {
  double x = 0, y = 0;
  if (ReadNumber(a, &x) && ReadNumber(b, &y)) return x < y ? -1 : (x > y ? 1 : 0);
  int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

using Values = std::vector<std::optional<std::string_view>>;

std::optional<std::string_view> Resolve(const Operand& o, const Values& values) {
  if (o.column < 0) return std::string_view(o.literal);
  return values[static_cast<size_t>(o.column)];
}

Tri FromBool(bool b) { return b ? Tri::kTrue : Tri::kFalse; }
Tri Negate(Tri t) { return t == Tri::kUnknown ? t : FromBool(t == Tri::kFalse); }

Tri Eval(const WhereNode& n, const Values& values) {
  switch (n.kind) {
    case WhereNode::Kind::kOr: {
      Tri result = Tri::kFalse;
      for (const auto& c : n.children) {
        Tri t = Eval(*c, values);
        if (t == Tri::kTrue) return t;
        if (t == Tri::kUnknown) result = t;
      }
      return result;
    }
    case WhereNode::Kind::kAnd: {
      Tri result = Tri::kTrue;
      for (const auto& c : n.children) {
        Tri t = Eval(*c, values);
        if (t == Tri::kFalse) return t;
        if (t == Tri::kUnknown) result = t;
      }
      return result;
    }
    case WhereNode::Kind::kNot:
      return Negate(Eval(*n.children[0], values));
    case WhereNode::Kind::kIsNull: {
      bool is_null = !Resolve(n.operands[0], values).has_value();
      return FromBool(is_null != n.negated);
    }
    case WhereNode::Kind::kCompare: {
      auto a = Resolve(n.operands[0], values);
      auto b = Resolve(n.operands[1], values);
      if (!a || !b) return Tri::kUnknown;
      int c = CompareValues(*a, *b);
      const std::string& op = n.op;
      if (op == "=") return FromBool(c == 0);
      if (op == "!=") return FromBool(c != 0);
      if (op == "<") return FromBool(c < 0);
      if (op == "<=") return FromBool(c <= 0);
      if (op == ">") return FromBool(c > 0);
      return FromBool(c >= 0);
    }
    case WhereNode::Kind::kIn: {
      auto a = Resolve(n.operands[0], values);
      if (!a) return Tri::kUnknown;
      bool found = false;
      for (size_t i = 1; i < n.operands.size() && !found; ++i) {
        found = CompareValues(*a, n.operands[i].literal) == 0;
      }
      return FromBool(found != n.negated);
    }
    case WhereNode::Kind::kLike: {
      auto a = Resolve(n.operands[0], values);
      auto b = Resolve(n.operands[1], values);
      if (!a || !b) return Tri::kUnknown;
      return FromBool(LikeMatch(*a, *b) != n.negated);
    }
  }
  return Tri::kUnknown;
}

std::string Render(const WhereNode& n, const std::vector<std::string>& columns) {
  auto operand = [&](const Operand& o) {
    if (o.column >= 0) return "\"" + columns[static_cast<size_t>(o.column)] + "\"";
    return o.is_number ? o.literal : "'" + o.literal + "'";
  };
  std::string not_word = n.negated ? "NOT " : "";
  switch (n.kind) {
    case WhereNode::Kind::kOr:
    case WhereNode::Kind::kAnd: {
      std::vector<std::string> parts;
      for (const auto& c : n.children) parts.push_back(Render(*c, columns));
      return "(" + Join(parts, n.kind == WhereNode::Kind::kOr ? " OR " : " AND ") + ")";
    }
    case WhereNode::Kind::kNot:
      return "(NOT " + Render(*n.children[0], columns) + ")";
    case WhereNode::Kind::kIsNull:
      return "(" + operand(n.operands[0]) + " IS " + not_word + "NULL)";
    case WhereNode::Kind::kCompare:
      return "(" + operand(n.operands[0]) + " " + n.op + " " + operand(n.operands[1]) + ")";
    case WhereNode::Kind::kIn: {
      std::vector<std::string> items;
      for (size_t i = 1; i < n.operands.size(); ++i) items.push_back(operand(n.operands[i]));
      return "(" + operand(n.operands[0]) + " " + not_word + "IN (" + Join(items, ", ") + "))";
    }
    case WhereNode::Kind::kLike:
      return "(" + operand(n.operands[0]) + " " + not_word + "LIKE " + operand(n.operands[1]) +
             ")";
  }
  return "";
}

size_t Utf8Length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

}  // namespace

bool LikeMatch(std::string_view text, std::string_view pattern) {
  // Iterative matching with one backtrack point (the last '%'), linear in practice.
  size_t t = 0, p = 0;
  size_t star_p = std::string_view::npos, star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '%') {
      star_p = ++p;
      star_t = t;
    } else if (p < pattern.size() && pattern[p] == '_') {
      t += Utf8Length(static_cast<unsigned char>(text[t]));
      ++p;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++t;
      ++p;
    } else if (star_p != std::string_view::npos) {
      p = star_p;
      star_t += Utf8Length(static_cast<unsigned char>(text[star_t]));
      t = star_t;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '%') ++p;
  return p == pattern.size();
}

WhereFilter::WhereFilter() = default;
WhereFilter::~WhereFilter() = default;
WhereFilter::WhereFilter(WhereFilter&&) noexcept = default;
WhereFilter& WhereFilter::operator=(WhereFilter&&) noexcept = default;

bool WhereFilter::TryParse(std::string_view text, WhereFilter* out, std::string* error) {
  std::vector<Token> tokens;
  if (!Tokenize(text, &tokens, error)) return false;
  if (tokens.size() == 1) {
    *error = "empty filter";
    return false;
  }
  WhereFilter filter;
  Parser parser(std::move(tokens), &filter.columns_);
  filter.root_ = parser.ParseAll(error);
  if (!filter.root_) return false;
  *out = std::move(filter);
  return true;
}

bool WhereFilter::Matches(const std::vector<std::optional<std::string_view>>& values) const {
  return !root_ || Eval(*root_, values) == Tri::kTrue;
}

std::string WhereFilter::ToString() const { return root_ ? Render(*root_, columns_) : ""; }

}  // namespace crm::staging
