// The suggested mapping of one inventoried source: which standard entity it feeds, which column
// identifies a record, and which column fills which field, each with a confidence and the
// evidence behind it (the column's name in the field dictionary, the content of its sample).
#pragma once

#include <string>
#include <vector>

#include "planner/init/source_inventory.h"

namespace crm::plan::init {

struct FieldSuggestion {
  std::string field;  // target field ("email", "first_name")
  std::string type;   // spec field type, from the dictionary and the content ("datetime")
  bool pii = false;
  std::string column;                     // source column or JSON path
  double confidence = 0;                  // 0–1
  std::string evidence;                   // one sentence: why
  std::vector<std::string> transforms;    // [trim, lower], [phone_e164], [split_name], ...
  bool null_on_error = false;             // on_error: "null" (phones, countries)
  std::vector<std::string> date_formats;  // date/datetime: the formats the sample reads with
  std::string part;                       // split_name: first | last
  std::string locale;                     // number: "de_DE" when the sample uses 1.234,56
  std::vector<std::string> true_values;   // boolean: the sample's spellings
  std::vector<std::string> false_values;
  std::vector<std::string> alternatives;  // other columns that could fill the field
};

struct SourceSuggestion {
  std::string entity;           // "contact"; empty when the source fits no standard entity
  std::string entity_evidence;  // why this entity, or why none
  std::string key_column;       // empty when no column identifies a record
  std::string key_evidence;
  std::vector<FieldSuggestion> fields;  // in the dictionary's field order
  std::vector<std::string> unmapped;    // "Notitie (text)": columns nothing maps
};

// Names below this confidence are not suggested.
constexpr double kMinConfidence = 0.5;

SourceSuggestion Suggest(const InventoriedSource& source);

}  // namespace crm::plan::init
