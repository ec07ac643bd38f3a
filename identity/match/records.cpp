#include "identity/match/records.h"

#include <algorithm>
#include <functional>
#include <unordered_map>

#include "core/common/error.h"
#include "core/common/text.h"
#include "core/db/cells.h"
#include "core/db/staging_schema.h"
#include "identity/match/parallel.h"
#include "staging/transforms/text_transforms.h"

namespace crm::identity {
namespace {

// Rows read before their values are normalised on every core and interned.
constexpr size_t kBatch = 32768;

bool IsTextType(spec::FieldType type) {
  switch (type) {
    case spec::FieldType::kDate:
    case spec::FieldType::kDatetime:
    case spec::FieldType::kInteger:
    case spec::FieldType::kDecimal:
    case spec::FieldType::kBoolean:
      return false;
    default:
      return true;
  }
}

// Interns the normalised values of every field: an open-addressing table of value ids per field,
// compared through the field's pool, so a distinct value is stored once (a map keyed by strings
// would hold every value a second time, with a node around it).
class Interner {
 public:
  explicit Interner(RecordSet* set) : set_(set), slots_(set->fields.size()) {}

  void Add(size_t field, std::string_view value) {
    FieldValues& f = set_->fields[field];
    f.ids.push_back(value.empty() ? 0 : Find(field, value));
  }

 private:
  static uint64_t Hash(std::string_view v) { return std::hash<std::string_view>()(v); }

  uint32_t Find(size_t field, std::string_view value) {
    std::vector<uint32_t>& slots = slots_[field];
    StringPool& values = set_->fields[field].values;
    if (values.size() * 2 >= slots.size()) Grow(field);
    const size_t mask = slots.size() - 1;
    for (size_t i = Hash(value) & mask;; i = (i + 1) & mask) {
      const uint32_t id = slots[i];
      if (id == 0) {
        slots[i] = static_cast<uint32_t>(values.size());
        values.push_back(value);
        return slots[i];
      }
      if (values[id] == value) return id;
    }
  }

  void Grow(size_t field) {
    std::vector<uint32_t>& slots = slots_[field];
    const StringPool& values = set_->fields[field].values;
    std::vector<uint32_t> grown(std::max<size_t>(1024, slots.size() * 2), 0);
    const size_t mask = grown.size() - 1;
    for (uint32_t id = 1; id < values.size(); ++id) {
      size_t i = Hash(values[id]) & mask;
      while (grown[i] != 0) i = (i + 1) & mask;
      grown[i] = id;
    }
    slots.swap(grown);
  }

  RecordSet* set_;
  std::vector<std::vector<uint32_t>> slots_;  // per field; 0: free (id 0, the empty value, is
                                              // never stored)
};

}  // namespace

int RecordSet::FieldIndex(std::string_view name) const {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

std::string NormaliseValue(std::string_view raw, spec::FieldType type) {
  if (!IsTextType(type)) return std::string(crm::TrimView(raw));
  std::string out, error;
  if (transforms::TryMatchKey(raw, &out, &error)) return out;
  return ToLowerAscii(crm::TrimView(raw));
}

RecordSet LoadRecords(db::Database& staging, const spec::Entity& entity, int64_t load_id,
                      const std::vector<std::string>& fields, Progress& progress) {
  RecordSet set;
  for (const std::string& name : fields) {
    const spec::Field* field = entity.FindField(name);
    if (field == nullptr) {
      throw Error(ErrorCategory::kSpec,
                  "match of '" + entity.name + "': unknown field '" + name + "'");
    }
    set.fields.push_back({name, field->type, {}, {""}});
  }
  const auto q = [&](std::string_view name) { return staging.Quote(name); };
  std::string sql = "SELECT " + q(db::kColRow) + ", " + q(db::kColSource) + ", " + q(entity.key);
  for (const std::string& name : fields) sql += ", " + q(name);
  sql += " FROM " + q(db::StagedTableName(entity.name)) + " WHERE " + q(db::kColLoad) +
         " = :load ORDER BY " + q(db::kColRow);

  const size_t nf = fields.size();
  Interner interner(&set);
  std::unordered_map<std::string, uint32_t> source_index;
  std::vector<std::string> raw;  // kBatch rows x nf fields
  std::vector<char> is_null;
  raw.reserve(kBatch * nf);
  const auto flush = [&] {
    const size_t rows = nf == 0 ? 0 : raw.size() / nf;
    ParallelFor(rows, MatchThreads(), [&](size_t begin, size_t end, unsigned) {
      for (size_t r = begin; r < end; ++r) {
        for (size_t f = 0; f < nf; ++f) {
          std::string& cell = raw[r * nf + f];
          cell = is_null[r * nf + f] ? std::string() : NormaliseValue(cell, set.fields[f].type);
        }
      }
    });
    for (size_t i = 0; i < raw.size(); ++i) interner.Add(i % nf, raw[i]);
    progress.Advance(static_cast<int64_t>(rows));
    raw.clear();
    is_null.clear();
  };

  progress.Begin("identity: reading " + entity.name, -1);
  staging.Guard("reading the records of " + db::StagedTableName(entity.name), [&] {
    long long load = load_id;
    soci::rowset<soci::row> rows = (staging.session().prepare << sql, soci::use(load));
    for (const soci::row& row : rows) {
      set.rows.push_back(db::CellInteger(row, 0).value_or(0));
      const std::string source =
          row.get_indicator(1) == soci::i_null ? std::string() : db::CellText(row, 1);
      auto [it, added] =
          source_index.try_emplace(source, static_cast<uint32_t>(set.source_names.size()));
      if (added) set.source_names.push_back(source);
      set.sources.push_back(it->second);
      set.keys.push_back(row.get_indicator(2) == soci::i_null ? std::string()
                                                              : db::CellText(row, 2));
      for (size_t f = 0; f < nf; ++f) {
        const bool null = row.get_indicator(3 + f) == soci::i_null;
        is_null.push_back(null);
        raw.push_back(null ? std::string() : db::CellText(row, 3 + f));
      }
      if (raw.size() >= kBatch * nf && nf > 0) flush();
    }
    if (nf > 0) flush();
  });
  set.keys.shrink_to_fit();
  for (FieldValues& f : set.fields) {
    f.values.shrink_to_fit();
    f.ids.shrink_to_fit();
  }
  set.rows.shrink_to_fit();
  set.sources.shrink_to_fit();
  progress.End();
  return set;
}

}  // namespace crm::identity
