#include "planner/init/suggest.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "core/common/text.h"
#include "planner/init/column_name.h"
#include "planner/init/field_dictionary.h"
#include "staging/transforms/boolean.h"

namespace crm::plan::init {
namespace {

// Words in a source's name that say it holds no customer data of its own: staff tables, and the
// lines of an order or invoice (the order itself is the deal).
const std::vector<std::string>& NotCustomerDataWords() {
  static const std::vector<std::string> kWords = {
      "employee",  "employees", "staff", "medewerker", "medewerkers", "mitarbeiter", "empleado",
      "empleados", "user",      "users", "line",       "lines",       "item",        "items",
      "detail",    "details",   "log",   "logs",       "audit",       "migration",   "migrations"};
  return kWords;
}

bool Contains(const std::vector<std::string>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

std::string Percent(double share) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f%%", share * 100);
  return buf;
}

// How well a column's name says it is `field`: 0.9 a usual name of the field, 0.8 one after a
// leading qualifier ("customer_email", "address.city"), 0.75 one with a number after it
// ("Telefoon2"), 0.6 one of its words ("total_eur" has "total"), 0 none.
double NameScore(const std::vector<std::string>& words, const TargetField& field,
                 std::string* how) {
  if (words.empty()) return 0;
  auto known = [&field](const std::string& compact) { return Contains(field.names, compact); };
  if (known(Compact(words))) {
    *how = "a usual name of " + field.name;
    return 0.9;
  }
  if (field.exact_only) return 0;
  for (size_t skip = 1; skip < words.size(); ++skip) {
    std::vector<std::string> rest(words.begin() + static_cast<std::ptrdiff_t>(skip), words.end());
    if (known(Compact(rest))) {
      *how = "'" + Join(rest, " ") + "' is a usual name of " + field.name;
      return 0.8;
    }
  }
  if (words.size() > 1 && std::all_of(words.back().begin(), words.back().end(),
                                      [](char c) { return c >= '0' && c <= '9'; })) {
    std::vector<std::string> head(words.begin(), words.end() - 1);
    if (known(Compact(head))) {
      *how = "a usual name of " + field.name + " with a number";
      return 0.75;
    }
  }
  for (const std::string& word : words) {
    if (word.size() >= 3 && known(word)) {
      *how = "its word '" + word + "' is a usual name of " + field.name;
      return 0.6;
    }
  }
  return 0;
}

bool KindsAgree(ValueKind expected, ValueKind seen) {
  if (expected == seen) return true;
  bool expected_date = expected == ValueKind::kDate || expected == ValueKind::kDateTime;
  bool seen_date = seen == ValueKind::kDate || seen == ValueKind::kDateTime;
  if (expected_date && seen_date) return true;
  return expected == ValueKind::kDecimal && seen == ValueKind::kInteger;
}

double ShareOf(const ColumnKind& kind, ValueKind wanted) {
  if (KindsAgree(wanted, kind.kind)) return kind.share;
  if (KindsAgree(wanted, kind.closest)) return kind.closest_share;
  return 0;
}

std::string ContentSentence(const ColumnKind& kind) {
  if (kind.checked == 0) return "no values in the sample";
  std::string kind_name(Name(kind.kind));
  if (kind.kind == ValueKind::kText) {
    return kind.closest == ValueKind::kText ? "the sample is free text"
                                            : "the sample is text (" + Percent(kind.closest_share) +
                                                  " " + std::string(Name(kind.closest)) + ")";
  }
  std::string out = Percent(kind.share) + " of " + std::to_string(kind.checked) +
                    " sampled values are " + kind_name;
  if (!kind.date_formats.empty()) out += " (" + Join(kind.date_formats, ", ") + ")";
  return out;
}

struct Candidate {
  const TargetField* field = nullptr;
  const ColumnEvidence* column = nullptr;
  double confidence = 0;
  std::string evidence;
};

// Scores one column for one field: its name, corrected by its content where the field has a
// content of its own (an email column full of emails gains, one with none loses).
Candidate Score(const TargetField& field, const ColumnEvidence& column,
                const std::vector<std::string>& words) {
  Candidate c{&field, &column, 0, ""};
  std::string how;
  double name = NameScore(words, field, &how);
  const ColumnKind& kind = column.kind;
  bool has_content = field.content != ValueKind::kText && kind.checked > 0;
  double share = has_content ? ShareOf(kind, field.content) : 0;
  if (name > 0) {
    c.confidence = name;
    c.evidence = "name '" + column.name + "': " + how + "; " + ContentSentence(kind);
    if (has_content && share >= 0.5) {
      c.confidence = std::min(0.98, name + 0.08);
    } else if (has_content && field.content != ValueKind::kPhone) {
      // Phones written without a country code do not parse until the source's default_region
      // is set, so their content is no evidence against the name.
      c.confidence = name - 0.3;
      c.evidence += ", not " + std::string(Name(field.content));
    }
    if (kind.checked == 0) c.confidence -= 0.1;
    return c;
  }
  // Content alone speaks only for the kinds that are unmistakable.
  bool unmistakable = field.content == ValueKind::kEmail || field.content == ValueKind::kPhone ||
                      field.content == ValueKind::kCountry;
  if (unmistakable && has_content && share >= 0.8 && KindsAgree(field.content, kind.kind)) {
    c.confidence = 0.4 + 0.3 * share;
    c.evidence = "content of '" + column.name + "': " + ContentSentence(kind);
  }
  return c;
}

struct EntityChoice {
  const TargetEntity* entity = nullptr;
  std::string evidence;
};

double BestNameScore(const TargetEntity& entity, const char* field,
                     const std::vector<std::vector<std::string>>& words) {
  const TargetField* f = entity.FindField(field);
  double best = 0;
  std::string how;
  for (const std::vector<std::string>& w : words) best = std::max(best, NameScore(w, *f, &how));
  return best;
}

EntityChoice ChooseEntity(const InventoriedSource& source,
                          const std::vector<std::vector<std::string>>& words) {
  std::vector<std::string> source_words = NameWords(source.name);
  for (const std::string& w : NameWords(source.table)) source_words.push_back(w);
  const std::string shown = source.table.empty() ? source.name : source.table;
  for (const std::string& w : source_words) {
    if (Contains(NotCustomerDataWords(), w)) {
      return {nullptr, "the name '" + shown + "' says '" + w + "': not customer data"};
    }
  }
  // The more specific entities first: "customer_orders" holds deals, not contacts.
  for (const char* name : {"activity", "deal", "lead", "account", "contact"}) {
    const TargetEntity* entity = FindStandardEntity(name);
    for (const std::string& w : source_words) {
      if (Contains(entity->source_words, w)) {
        return {entity, "the name '" + shown + "' says '" + w + "'"};
      }
    }
  }
  const TargetEntity* contact = FindStandardEntity("contact");
  const TargetEntity* account = FindStandardEntity("account");
  if (std::max(BestNameScore(*contact, "first_name", words),
               BestNameScore(*contact, "last_name", words)) >= 0.75) {
    return {contact, "it has a person's first or last name"};
  }
  if (BestNameScore(*account, "name", words) >= 0.9 &&
      BestNameScore(*contact, "company", words) >= 0.9) {
    return {account, "it has a company name and no person's first or last name"};
  }
  if (BestNameScore(*contact, "email", words) >= 0.75) {
    return {contact, "it has an email address"};
  }
  for (const ColumnEvidence& c : source.columns) {
    if (c.kind.kind == ValueKind::kEmail) {
      return {contact, "its column '" + c.name + "' holds email addresses"};
    }
  }
  return {nullptr, "neither its name nor its columns say which entity it holds"};
}

// The column that identifies a record: an id-like name, unique in the sample, preferring one
// named after the source or entity ("CustomerId" in Customer) or plain "id".
const ColumnEvidence* ChooseKey(const InventoriedSource& source, const TargetEntity& entity,
                                const std::vector<std::vector<std::string>>& words,
                                std::string* evidence) {
  std::vector<std::string> own = NameWords(source.name);
  for (const std::string& w : NameWords(source.table)) own.push_back(w);
  own.push_back(entity.name);
  const ColumnEvidence* best = nullptr;
  int best_rank = 0;
  for (size_t i = 0; i < source.columns.size(); ++i) {
    const ColumnEvidence& c = source.columns[i];
    if (!IsIdName(words[i])) continue;
    bool unique = c.kind.checked > 0 && c.kind.empty == 0 && c.distinct_in_sample == c.kind.checked;
    if (!unique) continue;
    const std::vector<std::string>& w = words[i];
    bool plain = w.size() == 1;
    bool named_after =
        w.size() > 1 && std::any_of(own.begin(), own.end(), [&w](const std::string& o) {
          return o == w.front() || o == w.front() + "s";
        });
    int rank = plain || named_after ? 3 : i == 0 ? 2 : 1;
    if (rank > best_rank) {
      best = &c;
      best_rank = rank;
    }
  }
  if (best) {
    *evidence = "'" + best->name + "' is named as an identifier and its " +
                std::to_string(best->kind.checked) + " sampled values are all different";
  } else {
    *evidence = "no column is named as an identifier with values all different in the sample";
  }
  return best;
}

void ShapeMapping(const ColumnEvidence& column, FieldSuggestion* s) {
  const ColumnKind& kind = column.kind;
  if (s->type == "date" || s->type == "datetime") {
    if (kind.kind == ValueKind::kDateTime) s->type = "datetime";
    if (kind.kind == ValueKind::kDate) s->type = "date";
    s->transforms = {s->type};
    s->date_formats = kind.date_formats;
    s->null_on_error = true;
  } else if (s->type == "email") {
    s->transforms = {"trim", "lower"};
  } else if (s->type == "phone") {
    s->transforms = {"phone_e164"};
    s->null_on_error = true;
  } else if (s->type == "country") {
    s->transforms = {"country_iso2"};
    s->null_on_error = true;
  } else if (s->type == "postal_code") {
    s->transforms = {"trim", "upper"};
  } else if (s->type == "decimal") {
    s->transforms = {"number"};
    if (kind.number_locale == "de") s->locale = "de_DE";
  } else if (s->type == "boolean") {
    s->transforms = {"boolean"};
    for (const std::string& v : column.first_values) {
      bool value = false;
      if (!transforms::TryParseBoolean(v, &value)) continue;
      (value ? s->true_values : s->false_values).push_back(v);
    }
  } else if (s->field == "first_name" || s->field == "last_name") {
    s->transforms = {"trim"};
  }
}

}  // namespace

SourceSuggestion Suggest(const InventoriedSource& source) {
  SourceSuggestion out;
  std::vector<std::vector<std::string>> words;
  for (const ColumnEvidence& c : source.columns) words.push_back(NameWords(c.name));
  EntityChoice choice = ChooseEntity(source, words);
  out.entity_evidence = choice.evidence;
  if (choice.entity == nullptr) return out;
  const TargetEntity& entity = *choice.entity;
  out.entity = entity.name;

  const ColumnEvidence* key = ChooseKey(source, entity, words, &out.key_evidence);
  if (key) out.key_column = key->name;

  std::vector<Candidate> candidates;
  for (size_t i = 0; i < source.columns.size(); ++i) {
    if (&source.columns[i] == key) continue;
    for (const TargetField& field : entity.fields) {
      Candidate c = Score(field, source.columns[i], words[i]);
      if (c.confidence >= kMinConfidence) candidates.push_back(std::move(c));
    }
  }
  // Best first; on a tie the column that comes first in the source.
  std::stable_sort(
      candidates.begin(), candidates.end(),
      [](const Candidate& a, const Candidate& b) { return a.confidence > b.confidence; });
  std::map<const TargetField*, FieldSuggestion> chosen;
  std::map<const ColumnEvidence*, bool> used;
  for (const Candidate& c : candidates) {
    auto it = chosen.find(c.field);
    if (it != chosen.end()) {
      if (!used[c.column]) it->second.alternatives.push_back(c.column->name);
      continue;
    }
    if (used[c.column]) continue;
    used[c.column] = true;
    FieldSuggestion s;
    s.field = c.field->name;
    s.type = c.field->type;
    s.pii = c.field->pii;
    s.column = c.column->name;
    s.confidence = c.confidence;
    s.evidence = c.evidence;
    ShapeMapping(*c.column, &s);
    chosen.emplace(c.field, std::move(s));
  }
  // A full name fills first and last name through split_name when no column holds them apart.
  const TargetField* full = entity.FindField("full_name");
  const TargetField* first = entity.FindField("first_name");
  const TargetField* last = entity.FindField("last_name");
  if (full && chosen.count(full)) {
    FieldSuggestion whole = chosen.at(full);
    chosen.erase(full);
    if (!chosen.count(first) && !chosen.count(last)) {
      for (const TargetField* part : {first, last}) {
        FieldSuggestion s = whole;
        s.field = part->name;
        s.part = part == first ? "first" : "last";
        s.transforms = {"split_name"};
        s.evidence = whole.evidence + "; a full name, split";
        s.confidence = whole.confidence - 0.1;
        chosen.emplace(part, std::move(s));
      }
    } else {
      for (const ColumnEvidence& c : source.columns) {
        if (c.name == whole.column) used[&c] = false;
      }
    }
  }
  for (const TargetField& field : entity.fields) {
    auto it = chosen.find(&field);
    if (it != chosen.end()) out.fields.push_back(std::move(it->second));
  }
  for (const ColumnEvidence& c : source.columns) {
    if (&c == key || used[&c]) continue;
    out.unmapped.push_back(c.name + " (" + std::string(Name(c.kind.kind)) + ")");
  }
  return out;
}

}  // namespace crm::plan::init
