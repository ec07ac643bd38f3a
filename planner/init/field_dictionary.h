// The standard CRM entities `init` knows (account, contact, lead, deal, activity), their usual
// fields, and the names those fields go by in exports: English, German, Dutch, French, Spanish,
// Italian and Portuguese, in any case or separator convention ("EMail", "e_mail", "correo",
// "Telefoon", "Nachname", "CompanyName"). A table in code rather than a data file, so the binary
// needs nothing installed beside it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "planner/profile/value_kind.h"

namespace crm::plan::init {

struct TargetField {
  std::string name;  // field name in the draft spec ("first_name")
  std::string type;  // spec field type ("string", "email", "phone", "date", ...)
  bool pii = false;  // personal data: `pii: true` in the draft
  // What the values look like when the content is evidence for this field; kText when it is not
  // (a name looks like any text).
  ValueKind content = ValueKind::kText;
  // Synonyms as compact words (column_name.h): "email", "emailaddress", "correo".
  std::vector<std::string> names;
  // Names so generic that only an exact match counts ("name", "id"), never a word inside a
  // longer name ("ContactName" is not the account's name).
  bool exact_only = false;
};

struct TargetEntity {
  std::string name;   // "contact"
  std::string table;  // target table in the draft ("contacts")
  // Words in a source's name (file or table) that say the source holds this entity.
  std::vector<std::string> source_words;
  std::vector<TargetField> fields;

  const TargetField* FindField(std::string_view field) const;
};

// account, contact, lead, deal, activity, in that order. Built once.
const std::vector<TargetEntity>& StandardEntities();
const TargetEntity* FindStandardEntity(std::string_view name);

// True for the name of a record's identifier: "ID", "Key", "klantnummer", or a name whose last
// word is "id" ("CustomerID", "account_id"). Takes the words of column_name.h.
bool IsIdName(const std::vector<std::string>& words);

}  // namespace crm::plan::init
