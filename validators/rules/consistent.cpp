// consistent: a condition over a record's own fields that every record must meet, e.g.
// `close_date >= open_date` or `phone_region(phone) = country`. The expression is parsed here
// and translated into SQL, so it runs inside the staging database like the other set rules:
//
//   expr     := and ('or' and)*            and := unary ('and' unary)*
//   unary    := 'not' unary | compare      compare := operand (op operand)?
//   operand  := field | phone_region(field) | country(field) | 'text' | number | '(' expr ')'
//   op       := = == != <> < <= > >=
//
// phone_region(f) is the region stage found when it parsed the phone f (its _crm_f__region
// fact); country(f) is the field itself (stage keeps countries as ISO 3166 alpha-2). Literals
// are bound, never spliced. A record with a NULL in any field the expression reads is not
// checked: that is the required rule's business.
#include <algorithm>
#include <cctype>

#include "core/common/text.h"
#include "core/db/text_stream.h"
#include "validators/rules/rule.h"

namespace crm::validate {
namespace {

struct Parsed {
  std::string sql;                    // over alias t, placeholders :c0, :c1, ...
  std::vector<std::string> literals;  // bound in order
  std::vector<std::string> columns;   // every column read (for the NOT NULL guard)
};

class Parser {
 public:
  Parser(const spec::Spec& spec, const spec::Rule& rule, const spec::Entity& entity,
         const std::vector<std::string>& table_columns, const db::Database& db)
      : spec_(spec),
        rule_(rule),
        entity_(entity),
        table_columns_(table_columns),
        db_(db),
        text_(rule.expect) {}

  Parsed Parse() {
    out_.sql = Or();
    Skip();
    if (at_ < text_.size()) Fail("unexpected '" + text_.substr(at_) + "'");
    return out_;
  }

 private:
  [[noreturn]] void Fail(const std::string& what) {
    RuleError(
        spec_, rule_,
        "expect: " + what + " at character " + std::to_string(at_ + 1) + " of '" + text_ + "'");
  }

  void Skip() {
    while (at_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[at_]))) ++at_;
  }

  std::string Word() {
    Skip();
    size_t end = at_;
    while (end < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[end])) || text_[end] == '_')) {
      ++end;
    }
    return text_.substr(at_, end - at_);
  }

  bool Keyword(const std::string& word) {
    size_t save = at_;
    if (ToLowerAscii(Word()) == word) {
      at_ += word.size();
      return true;
    }
    at_ = save;
    return false;
  }

  std::string Or() {
    std::string left = And();
    while (Keyword("or")) left = "(" + left + " OR " + And() + ")";
    return left;
  }

  std::string And() {
    std::string left = Unary();
    while (Keyword("and")) left = "(" + left + " AND " + Unary() + ")";
    return left;
  }

  std::string Unary() {
    if (Keyword("not")) return "(NOT " + Unary() + ")";
    return Compare();
  }

  std::string Compare() {
    std::string left = Operand();
    Skip();
    static const std::vector<std::pair<std::string, std::string>> kOps = {
        {"==", "="},  {"!=", "<>"}, {"<>", "<>"}, {"<=", "<="},
        {">=", ">="}, {"=", "="},   {"<", "<"},   {">", ">"}};
    for (const auto& [spelling, sql] : kOps) {
      if (text_.compare(at_, spelling.size(), spelling) == 0) {
        at_ += spelling.size();
        return "(" + left + " " + sql + " " + Operand() + ")";
      }
    }
    return left;
  }

  std::string Column(const std::string& column) {
    if (std::find(table_columns_.begin(), table_columns_.end(), column) == table_columns_.end()) {
      Fail("'" + column + "' is not a column of stg_" + entity_.name);
    }
    if (std::find(out_.columns.begin(), out_.columns.end(), column) == out_.columns.end()) {
      out_.columns.push_back(column);
    }
    return "t." + db_.Quote(column);
  }

  std::string Field(const std::string& name) {
    if (entity_.FindField(name) == nullptr) {
      std::vector<std::string> names;
      for (const spec::Field& f : entity_.fields) names.push_back(f.name);
      std::string close = ClosestMatch(name, names);
      Fail("unknown field '" + name + "' of entity '" + entity_.name + "'" +
           (close.empty() ? "" : " (did you mean '" + close + "'?)"));
    }
    return name;
  }

  std::string Operand() {
    Skip();
    if (at_ >= text_.size()) Fail("an operand is missing");
    const char c = text_[at_];
    if (c == '(') {
      ++at_;
      std::string inner = Or();
      Skip();
      if (at_ >= text_.size() || text_[at_] != ')') Fail("')' expected");
      ++at_;
      return "(" + inner + ")";
    }
    if (c == '\'') {
      size_t end = text_.find('\'', at_ + 1);
      if (end == std::string::npos) Fail("unterminated text");
      return Literal(text_.substr(at_ + 1, end - at_ - 1), end + 1);
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '-') {
      size_t end = at_ + 1;
      while (end < text_.size() &&
             (std::isdigit(static_cast<unsigned char>(text_[end])) || text_[end] == '.')) {
        ++end;
      }
      return Literal(text_.substr(at_, end - at_), end);
    }
    std::string word = Word();
    if (word.empty()) Fail("an operand is missing");
    at_ += word.size();
    Skip();
    if (at_ < text_.size() && text_[at_] == '(') {
      ++at_;
      std::string argument = Word();
      at_ += argument.size();
      Skip();
      if (at_ >= text_.size() || text_[at_] != ')') Fail("')' expected after " + word + "(");
      ++at_;
      const std::string field = Field(argument);
      if (word == "phone_region") {
        return Column(std::string(db::kLineagePrefix) + field + "__region");
      }
      if (word == "country") return "UPPER(" + Column(field) + ")";
      Fail("unknown function '" + word + "' (phone_region and country are available)");
    }
    return Column(Field(word));
  }

  std::string Literal(const std::string& value, size_t end) {
    at_ = end;
    out_.literals.push_back(value);
    return ":c" + std::to_string(out_.literals.size() - 1);
  }

  const spec::Spec& spec_;
  const spec::Rule& rule_;
  const spec::Entity& entity_;
  const std::vector<std::string>& table_columns_;
  const db::Database& db_;
  std::string text_;
  size_t at_ = 0;
  Parsed out_;
};

class ConsistentRule : public SetRule {
 public:
  ConsistentRule(const spec::Rule& rule, Parsed parsed)
      : SetRule(rule), parsed_(std::move(parsed)) {}

  void Run(const RuleContext& context, Tally* tally) const override {
    db::Database& db = context.db;
    const EntityScope& scope = context.scope.Of(entity());
    std::string filled;
    for (const std::string& c : parsed_.columns) {
      filled += std::string(filled.empty() ? "" : " AND ") + "t." + db.Quote(c) + " IS NOT NULL";
    }
    if (filled.empty()) filled = "1 = 1";
    CountChecked(context, entity(), filled, tally);
    std::string shown;
    for (const std::string& c : parsed_.columns) {
      shown += std::string(shown.empty() ? "" : " || ' | ' || ") + AsText(db, "t." + db.Quote(c));
    }
    if (db.traits().dialect == db::Dialect::kMysql) {
      shown = "CONCAT_WS(' | '";
      for (const std::string& c : parsed_.columns) shown += ", " + AsText(db, "t." + db.Quote(c));
      shown += ")";
    }
    if (shown.empty()) shown = "NULL";
    std::string sql = "SELECT " + AsText(db, "t." + db.Quote(scope.entity->key)) + ", t." +
                      db.Quote(db::kColSource) + ", " + AsText(db, "t." + db.Quote(db::kColLine)) +
                      ", " + shown + " FROM " + db.Quote(scope.table) + " t WHERE " +
                      context.scope.Where(db, entity(), "t") + " AND " + filled + " AND NOT " +
                      parsed_.sql + " ORDER BY t." + db.Quote(db::kColRow);
    FailRows(context, sql, "checking " + spec().name, "expected " + spec().expect, tally,
             parsed_.literals);
  }

 private:
  Parsed parsed_;
};

}  // namespace

std::unique_ptr<Rule> MakeConsistentRule(const spec::Spec& spec, const spec::Rule& rule,
                                         db::Database& db) {
  const spec::Entity* entity = spec.FindEntity(rule.entity);
  const std::vector<std::string> columns = db.ListColumns(db::StagedTableName(rule.entity));
  Parsed parsed = Parser(spec, rule, *entity, columns, db).Parse();
  if (parsed.columns.empty()) RuleError(spec, rule, "expect: the condition reads no field");
  return std::make_unique<ConsistentRule>(rule, std::move(parsed));
}

}  // namespace crm::validate
