#include "identity/golden/survivorship.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <numeric>

#include "core/common/error.h"
#include "core/common/text.h"

namespace crm::identity {
namespace {

const spec::Survivorship* EntryFor(const spec::Match& match, const std::string& field) {
  for (const spec::Survivorship& s : match.survivorship) {
    if (s.field == field) return &s;
  }
  return nullptr;
}

size_t Utf8Length(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

// Booleans read back from staging as 1/0 (SQLite, MySQL) or t/f (PostgreSQL).
std::optional<bool> AsBoolean(const std::string& text) {
  const std::string v = ToLowerAscii(TrimView(text));
  if (v == "0" || v == "f" || v == "false" || v == "n" || v == "no") return false;
  if (v == "1" || v == "t" || v == "true" || v == "y" || v == "yes") return true;
  return std::nullopt;
}

bool IsNumericType(spec::FieldType type) {
  return type == spec::FieldType::kInteger || type == spec::FieldType::kDecimal;
}

}  // namespace

bool IsEmptyValue(const std::optional<std::string>& value) {
  return !value || TrimView(*value).empty();
}

SurvivorshipRules::SurvivorshipRules(const spec::Spec& spec, const spec::Entity& entity) {
  static const spec::Match kNoMatch;
  const spec::Match& match = entity.match ? *entity.match : kNoMatch;
  const spec::Survivorship* fallback = EntryFor(match, "default");
  for (size_t i = 0; i < entity.fields.size(); ++i) {
    const spec::Field& field = entity.fields[i];
    if (field.name == entity.key) key_index_ = i;
    const spec::Survivorship* entry = EntryFor(match, field.name);
    const spec::Survivorship* used = entry ? entry : fallback;
    FieldRule rule;
    if (used) {
      rule.rule = used->rule;
      rule.order = used->order;
      rule.keep_others = entry ? entry->keep_others : false;
      if (!used->by.empty()) {
        for (size_t b = 0; b < entity.fields.size(); ++b) {
          if (entity.fields[b].name != used->by) continue;
          rule.by = static_cast<int>(b);
          rule.by_numeric = IsNumericType(entity.fields[b].type);
        }
      }
    } else {
      rule.rule = "most_recent_non_empty";
    }
    rule.boolean = field.type == spec::FieldType::kBoolean;
    if (rule.rule == "most_restrictive" && !rule.boolean && rule.order.empty()) {
      spec::Diagnostic d{spec.path, match.location.line, match.location.column,
                         "entities." + entity.name + ".match.survivorship." +
                             (entry ? field.name : std::string("default")) + ".rule",
                         "most_restrictive on field '" + field.name + "' of type " +
                             std::string(spec::Name(field.type)) +
                             " needs 'order' (its values, the most restrictive first); "
                             "without it only boolean fields can be merged this way"};
      throw Error(ErrorCategory::kSpec, d.ToString());
    }
    rules_.push_back(std::move(rule));
  }
}

std::vector<SurvivingValue> SurvivorshipRules::Apply(
    const std::vector<MemberRecord>& members) const {
  std::vector<SurvivingValue> out;
  out.reserve(rules_.size());
  for (size_t i = 0; i < rules_.size(); ++i) {
    if (i == key_index_) {
      out.push_back({members.front().values[i], size_t{0}, {}});
    } else {
      out.push_back(ApplyOne(i, rules_[i], members));
    }
  }
  return out;
}

SurvivingValue SurvivorshipRules::ApplyOne(size_t field, const FieldRule& rule,
                                           const std::vector<MemberRecord>& members) const {
  // The tie-break order: the source listed first in `from`, then the smaller record key.
  std::vector<size_t> rank(members.size());
  std::iota(rank.begin(), rank.end(), size_t{0});
  std::sort(rank.begin(), rank.end(), [&](size_t a, size_t b) {
    if (members[a].source_rank != members[b].source_rank) {
      return members[a].source_rank < members[b].source_rank;
    }
    return members[a].record < members[b].record;
  });
  auto value = [&](size_t m) -> const std::optional<std::string>& {
    return members[m].values[field];
  };
  // Each rule reorders the members by preference (stable: ties keep the tie-break order); the
  // golden value is the first non-empty one in that order (most_recent: the first, empty or not).
  auto prefer = [&](auto better) { std::stable_sort(rank.begin(), rank.end(), better); };
  // Position of a value in `order`; unlisted values after every listed one.
  auto order_position = [&](size_t m) {
    if (IsEmptyValue(value(m))) return rule.order.size() + 1;
    auto it = std::find(rule.order.begin(), rule.order.end(), std::string(TrimView(*value(m))));
    return static_cast<size_t>(it - rule.order.begin());
  };
  const std::string& r = rule.rule;
  if (r == "most_recent" || r == "most_recent_non_empty") {
    if (rule.by >= 0) {
      const size_t by = static_cast<size_t>(rule.by);
      prefer([&](size_t a, size_t b) {
        const std::optional<std::string>& va = members[a].values[by];
        const std::optional<std::string>& vb = members[b].values[by];
        if (IsEmptyValue(vb)) return !IsEmptyValue(va);
        if (IsEmptyValue(va)) return false;
        if (rule.by_numeric) return std::strtod(va->c_str(), nullptr) > std::strtod(vb->c_str(), nullptr);
        return *va > *vb;
      });
    }
  } else if (r == "most_complete") {
    auto filled = [&](size_t m) {
      return std::count_if(members[m].values.begin(), members[m].values.end(),
                           [](const std::optional<std::string>& v) { return !IsEmptyValue(v); });
    };
    prefer([&](size_t a, size_t b) { return filled(a) > filled(b); });
  } else if (r == "source_priority") {
    auto position = [&](size_t m) {
      auto it = std::find(rule.order.begin(), rule.order.end(), members[m].record.source);
      return it - rule.order.begin();
    };
    prefer([&](size_t a, size_t b) { return position(a) < position(b); });
  } else if (r == "longest") {
    auto length = [&](size_t m) { return IsEmptyValue(value(m)) ? 0 : Utf8Length(*value(m)); };
    prefer([&](size_t a, size_t b) { return length(a) > length(b); });
  } else if (r == "most_frequent") {
    std::map<std::string, size_t> frequency;
    for (size_t m = 0; m < members.size(); ++m) {
      if (!IsEmptyValue(value(m))) ++frequency[*value(m)];
    }
    auto count = [&](size_t m) { return IsEmptyValue(value(m)) ? 0 : frequency[*value(m)]; };
    prefer([&](size_t a, size_t b) { return count(a) > count(b); });
  } else if (r == "most_restrictive" && rule.order.empty()) {
    // An opt-out (false) first, then an opt-in, then values that are no answer.
    auto restrictive = [&](size_t m) {
      if (IsEmptyValue(value(m))) return 3;
      std::optional<bool> b = AsBoolean(*value(m));
      return !b ? 2 : (*b ? 1 : 0);
    };
    prefer([&](size_t a, size_t b) { return restrictive(a) < restrictive(b); });
  } else if (r == "most_restrictive" || r == "custom") {
    prefer([&](size_t a, size_t b) { return order_position(a) < order_position(b); });
  }

  SurvivingValue out;
  if (r == "most_recent") {
    out.member = rank.front();
    if (!IsEmptyValue(value(rank.front()))) out.value = value(rank.front());
  } else {
    for (size_t m : rank) {
      if (IsEmptyValue(value(m))) continue;
      out.member = m;
      out.value = value(m);
      break;
    }
  }
  if (rule.keep_others) {
    std::vector<std::string> seen;
    if (out.value) seen.push_back(*out.value);
    for (size_t m : rank) {
      if (IsEmptyValue(value(m))) continue;
      if (std::find(seen.begin(), seen.end(), *value(m)) != seen.end()) continue;
      seen.push_back(*value(m));
      out.others.push_back({*value(m), m});
    }
  }
  return out;
}

}  // namespace crm::identity
