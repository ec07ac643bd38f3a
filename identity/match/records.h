// The compact records one resolution works on: for each staged record of the load its _crm_row,
// source and key, and for each field that blocking, comparisons or rules use an id into that
// field's dictionary of distinct normalised values. Equal values share one id, so a million
// records with six fields hold six id columns and the distinct values, never the rows.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/progress.h"
#include "core/db/database.h"
#include "core/spec/spec.h"
#include "identity/match/string_pool.h"

namespace crm::identity {

// One field's values: ids[record] indexes values; id 0 is the empty value (NULL or blank).
struct FieldValues {
  std::string name;
  spec::FieldType type = spec::FieldType::kString;
  std::vector<uint32_t> ids;
  StringPool values = {""};
};

struct RecordSet {
  std::vector<int64_t> rows;      // _crm_row, ascending
  std::vector<uint32_t> sources;  // index into source_names
  std::vector<std::string> source_names;
  StringPool keys;                // the entity key as text, per record
  std::vector<FieldValues> fields;

  size_t size() const { return rows.size(); }
  // Index of `name` in fields; -1 when it was not loaded.
  int FieldIndex(std::string_view name) const;
  std::string_view Value(int field, uint32_t record) const {
    const FieldValues& f = fields[static_cast<size_t>(field)];
    return f.values[f.ids[record]];
  }
};

// The match form of a value: text is trimmed, case-folded, accents stripped and punctuation
// turned into single spaces (transforms::TryMatchKey: "  Müller-Lüdenscheidt" ->
// "muller ludenscheidt"); dates, numbers and booleans are only trimmed. Invalid UTF-8 is
// lower-cased byte by byte rather than lost.
std::string NormaliseValue(std::string_view raw, spec::FieldType type);

// Reads the records of `load_id` from stg_<entity>, with `fields` (names of the entity's fields,
// deduplicated by the caller). Database errors are crm::Error(kIo).
RecordSet LoadRecords(db::Database& staging, const spec::Entity& entity, int64_t load_id,
                      const std::vector<std::string>& fields, Progress& progress);

}  // namespace crm::identity
