// Scope filters (`entities.<e>.from[i].where`): a small SQL-like boolean expression over source
// columns, parsed once and evaluated in C++ on each raw row.
//
//   expr     := or
//   or       := and (OR and)*          and := not (AND not)*        not := NOT not | primary
//   primary  := '(' expr ')' | operand cmp operand | operand [NOT] IN '(' literal, ... ')'
//             | operand IS [NOT] NULL | operand [NOT] LIKE operand
//   cmp      := = | != | <> | < | <= | > | >=
//   operand  := identifier | "quoted identifier" | `quoted identifier` | 'string' | number
//
// Keywords are case-insensitive; identifiers are source column names exactly as the source spells
// them. Semantics are SQL's, so a filter means the same thing it would in a database:
//   - three-valued logic: a comparison with NULL is unknown, and a row is in scope only when the
//     whole expression is true (`Status != 'deleted'` leaves rows with no Status out of scope);
//   - raw values are text: two operands that both read as numbers compare numerically, anything
//     else compares as bytes (UTF-8 order = code point order);
//   - LIKE: `%` any run, `_` one character (code point), case-sensitive, no escape character.
// Evaluation is in C++ rather than compiled to SQL because the stage reads every raw row anyway
// (out-of-scope rows must be counted), and so LIKE and comparisons behave the same on SQLite,
// PostgreSQL and MySQL, whose text comparisons and LIKE case rules differ.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm::staging {

struct WhereNode;

class WhereFilter {
 public:
  WhereFilter();
  ~WhereFilter();
  WhereFilter(WhereFilter&&) noexcept;
  WhereFilter& operator=(WhereFilter&&) noexcept;

  // Parses `text`. On failure returns false with `error` set to a message that names the
  // 1-based character position ("at 12: expected ')'").
  static bool TryParse(std::string_view text, WhereFilter* out, std::string* error);

  // Distinct identifiers in order of first use; Matches() reads values[i] for columns()[i].
  const std::vector<std::string>& columns() const { return columns_; }

  // True when the expression is true for the row (unknown and false are both out of scope).
  // `values[i]` is the value of columns()[i], std::nullopt for NULL.
  bool Matches(const std::vector<std::optional<std::string_view>>& values) const;

  // The parsed tree in a canonical, fully parenthesised form, for tests.
  std::string ToString() const;

 private:
  std::unique_ptr<WhereNode> root_;
  std::vector<std::string> columns_;
};

// SQL LIKE with '%' and '_' over UTF-8 text, case-sensitive.
bool LikeMatch(std::string_view text, std::string_view pattern);

}  // namespace crm::staging
