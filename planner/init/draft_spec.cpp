#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "core/common/text.h"
#include "planner/init/draft.h"
#include "planner/init/field_dictionary.h"

namespace crm::plan::init {
namespace {

std::string Confidence(double c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", c);
  return buf;
}

// Comments hold data (column names, sample formats): one line, whatever they contain.
std::string OneLine(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return text;
}

std::string FlowList(const std::vector<std::string>& items) {
  std::vector<std::string> quoted;
  for (const std::string& item : items) quoted.push_back(YamlScalar(item));
  return "[" + Join(quoted, ", ") + "]";
}

// Tables of a database that feed no entity stay out of the draft (a CRM database has dozens);
// files given on the command line always stay in.
bool Included(const InventoriedSource& source, const SourceSuggestion& suggestion) {
  return source.type != "sql" || !suggestion.entity.empty();
}

void WriteSource(const InventoriedSource& s, const SourceSuggestion& suggestion,
                 const std::string& region, std::ostringstream& out) {
  out << "  " << s.name << ":\n";
  out << "    type: " << s.type << "\n";
  if (s.type == "sql") {
    out << "    connect: " << YamlScalar(s.connect) << "\n";
    out << "    table: " << YamlScalar(s.table) << "\n";
  } else {
    out << "    path: " << YamlScalar(s.path) << "\n";
    out << "    encoding: " << s.encoding << "\n";
  }
  if (s.type == "csv") {
    out << "    delimiter: " << YamlScalar(s.delimiter) << "\n";
    out << "    quote: " << YamlScalar(s.quote.empty() ? std::string("\"") : s.quote) << "\n";
    out << "    header: " << (s.header ? "true" : "false") << "\n";
  }
  if (!suggestion.key_column.empty()) {
    out << "    id_column: " << YamlScalar(suggestion.key_column) << "\n";
  }
  if (!region.empty()) out << "    default_region: " << region << "\n";
  for (const std::string& decision : s.decisions) out << "    # " << OneLine(decision) << "\n";
  out << "    # " << s.sampled_rows << (s.sample_is_whole_source ? " rows (all)" : " rows sampled")
      << ", " << s.columns.size() << " columns\n";
  for (const std::string& var : s.env_vars) {
    out << "    # the password comes from the environment: export " << var << "=...\n";
  }
}

// `types`: the entity's declared field types; a date column mapped into a datetime field is read
// with the datetime transform, and the other way round.
void WriteMapping(const InventoriedSource& s, const SourceSuggestion& suggestion,
                  const std::map<std::string, std::string>& types, std::ostringstream& out) {
  out << "      - source: " << s.name << "\n";
  out << "        # " << OneLine(suggestion.entity_evidence) << "\n";
  out << "        map:\n";
  if (!suggestion.key_column.empty()) {
    out << "          # " << OneLine(suggestion.key_evidence) << "\n";
    out << "          external_id: {template: "
        << YamlScalar(s.name + "-{" + suggestion.key_column + "}") << "}\n";
  } else {
    out << "          # " << OneLine(suggestion.key_evidence)
        << ": map external_id from columns that identify a record\n";
  }
  for (const FieldSuggestion& f : suggestion.fields) {
    out << "          # confidence " << Confidence(f.confidence) << ": " << OneLine(f.evidence);
    if (!f.alternatives.empty()) out << "; also possible: " << OneLine(Join(f.alternatives, ", "));
    out << "\n";
    std::vector<std::string> parts = {"from: " + YamlScalar(f.column)};
    std::vector<std::string> steps = f.transforms;
    if (steps.size() == 1 && (steps[0] == "date" || steps[0] == "datetime")) {
      steps[0] = types.at(f.field);
    }
    if (!steps.empty()) parts.push_back("transform: " + FlowList(steps));
    if (!f.part.empty()) parts.push_back("part: " + f.part);
    if (!f.date_formats.empty()) parts.push_back("formats: " + FlowList(f.date_formats));
    if (!f.locale.empty()) parts.push_back("locale: " + f.locale);
    if (!f.true_values.empty()) parts.push_back("true_values: " + FlowList(f.true_values));
    if (!f.false_values.empty()) parts.push_back("false_values: " + FlowList(f.false_values));
    if (f.null_on_error) parts.push_back("on_error: \"null\"");
    out << "          " << f.field << ": {" << Join(parts, ", ") << "}\n";
  }
  if (!suggestion.unmapped.empty()) {
    out << "        # not mapped: " << OneLine(Join(suggestion.unmapped, ", ")) << "\n";
  }
}

}  // namespace

std::string YamlScalar(const std::string& text) {
  bool plain = !text.empty() && text.size() <= 80;
  for (size_t i = 0; plain && i < text.size(); ++i) {
    char c = text[i];
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    bool digit = c >= '0' && c <= '9';
    plain = letter || (i > 0 && (digit || c == '.' || c == '/' || c == '-'));
  }
  static const std::set<std::string> kReserved = {"y",    "n",     "yes",  "no",  "on", "off",
                                                  "true", "false", "null", "nan", "inf"};
  if (plain && !kReserved.count(ToLowerAscii(text))) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string RenderDraftSpec(const DraftInput& input) {
  std::ostringstream out;
  out << "# Draft migration spec written by `crm-migrate init`. Every entity and mapping below is "
         "a\n"
         "# suggestion from the sources' column names and a sample of their values, with its\n"
         "# evidence and confidence: check each one, fill in the owner and roles, point `target` "
         "at\n"
         "# the new CRM's database, then run `crm-migrate plan` (see README.md beside this "
         "file).\n";
  out << "version: 1\n";
  out << "name: " << input.name << "\n";
  out << "# owner: Name <email>            # who answers for the data\n";
  out << "# roles: {data_steward: Name <email>, approver: Name <email>}\n";
  out << "staging: sqlite:work/staging.db\n";
  out << "target: sqlite:work/crm.db       # the new CRM's database: change this to it\n\n";

  out << "sources:\n";
  std::vector<std::string> left_out;
  for (size_t i = 0; i < input.sources.size(); ++i) {
    const InventoriedSource& s = input.sources[i];
    if (!Included(s, input.suggestions[i])) {
      left_out.push_back(s.table);
      continue;
    }
    WriteSource(s, input.suggestions[i], input.default_region, out);
  }
  if (!left_out.empty()) {
    out << "  # tables left out (they fit no standard entity; add them as sources when they hold\n"
        << "  # customer data): " << OneLine(Join(left_out, ", ")) << "\n";
  }

  // Entities in the dictionary's order, each with the union of the fields its mappings fill.
  out << "\nentities:\n";
  bool any_entity = false;
  for (const TargetEntity& entity : StandardEntities()) {
    std::vector<size_t> feeding;
    for (size_t i = 0; i < input.sources.size(); ++i) {
      if (input.suggestions[i].entity == entity.name) feeding.push_back(i);
    }
    if (feeding.empty()) continue;
    any_entity = true;
    out << "  " << entity.name << ":\n";
    out << "    table: " << entity.table << "\n";
    out << "    key: external_id\n";
    out << "    fields:\n";
    out << "      external_id: {type: string, required: true}\n";
    std::map<std::string, std::string> types;  // the first mapping's type wins
    for (const TargetField& field : entity.fields) {
      for (size_t i : feeding) {
        for (const FieldSuggestion& f : input.suggestions[i].fields) {
          if (f.field != field.name || types.count(f.field)) continue;
          types[f.field] = f.type;
          out << "      " << f.field << ": {type: " << f.type << (f.pii ? ", pii: true" : "")
              << "}\n";
        }
      }
    }
    out << "    from:\n";
    for (size_t i : feeding) WriteMapping(input.sources[i], input.suggestions[i], types, out);
  }
  if (!any_entity) {
    // The spec needs one entity: a bare contact is the most common start.
    out << "  # no source fits a standard entity (account, contact, lead, deal, activity) by its\n"
           "  # name or columns: this contact is a starting point; add fields and a `from` per\n"
           "  # source.\n"
           "  contact:\n"
           "    table: contacts\n"
           "    key: external_id\n"
           "    fields:\n"
           "      external_id: {type: string, required: true}\n";
  }
  out << "\n# references between entities (contact.account, deal.contact) are not suggested: add "
         "a\n"
         "# ref field and map it with the key template of the referenced source.\n";
  return out.str();
}

}  // namespace crm::plan::init
