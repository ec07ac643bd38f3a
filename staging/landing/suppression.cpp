#include "staging/landing/suppression.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/common/error.h"
#include "core/common/text.h"
#include "staging/landing/hash.h"

namespace crm::staging {
namespace {

std::string ListPath(const spec::Spec& spec, const std::string& file) {
  std::filesystem::path path(file);
  if (path.is_relative() && !spec.base_dir.empty())
    path = std::filesystem::path(spec.base_dir) / path;
  return path.string();
}

std::string ReadList(const spec::Spec& spec, size_t i, std::string* path) {
  *path = ListPath(spec, spec.privacy.suppress[i].file);
  std::ifstream in(*path, std::ios::binary);
  if (!in) {
    throw Error(ErrorCategory::kSpec, "privacy.suppress[" + std::to_string(i) +
                                          "].file: cannot read '" + spec.privacy.suppress[i].file +
                                          "' (" + *path + ")");
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<size_t> MappedColumns(const spec::Spec& spec, const spec::Source& source,
                                  spec::FieldType type, const std::vector<std::string>& columns) {
  std::vector<size_t> found;
  for (const spec::Entity& entity : spec.entities) {
    for (const spec::SourceMapping& mapping : entity.from) {
      if (mapping.source != source.name) continue;
      for (const spec::FieldMapping& field : mapping.map) {
        const spec::Field* declared = entity.FindField(field.field);
        if (declared == nullptr || declared->type != type || field.from.empty()) continue;
        auto it = std::find(columns.begin(), columns.end(), field.from);
        if (it == columns.end()) continue;
        const size_t index = static_cast<size_t>(it - columns.begin());
        if (std::find(found.begin(), found.end(), index) == found.end()) found.push_back(index);
      }
    }
  }
  return found;
}

std::string ColumnList(const std::vector<size_t>& indexes,
                       const std::vector<std::string>& columns) {
  std::vector<std::string> names;
  for (size_t i : indexes) names.push_back(columns[i]);
  return names.empty() ? "none mapped" : Join(names, ", ");
}

}  // namespace

std::string NormalizeEmail(std::string_view value) { return ToLowerAscii(TrimView(value)); }

std::string NormalizePhone(std::string_view value) {
  value = TrimView(value);
  std::string out;
  if (!value.empty() && value[0] == '+') out += '+';
  for (char c : value) {
    if (c >= '0' && c <= '9') out += c;
  }
  return out;
}

Suppressor::Suppressor(const spec::Spec& spec, const spec::Source& source,
                       const std::vector<std::string>& columns) {
  uint64_t digest = 0;
  for (size_t i = 0; i < spec.privacy.suppress.size(); ++i) {
    const spec::Suppression& list = spec.privacy.suppress[i];
    std::string path;
    const std::string text = ReadList(spec, i, &path);
    Check check{Kind::kEmail, nullptr, {}};
    if (list.match == "phone") {
      check.kind = Kind::kPhone;
      check.columns = MappedColumns(spec, source, spec::FieldType::kPhone, columns);
    } else if (list.match == "id") {
      check.kind = Kind::kId;
      if (!list.source.empty() && list.source != source.name) continue;
      if (!source.id_column.empty()) {
        auto it = std::find(columns.begin(), columns.end(), source.id_column);
        if (it == columns.end()) {
          throw Error(ErrorCategory::kSpec, "sources." + source.name + ".id_column: column '" +
                                                source.id_column + "' is not in the source");
        }
        check.columns.push_back(static_cast<size_t>(it - columns.begin()));
      }
    } else {
      check.columns = MappedColumns(spec, source, spec::FieldType::kEmail, columns);
    }
    auto values = std::make_shared<std::unordered_set<std::string>>();
    for (const std::string& line : Split(text, '\n')) {
      std::string_view value = TrimView(line);
      if (value.empty() || value[0] == '#') continue;
      values->insert(check.kind == Kind::kEmail   ? NormalizeEmail(value)
                     : check.kind == Kind::kPhone ? NormalizePhone(value)
                                                  : std::string(value));
    }
    if (check.kind != Kind::kId && check.columns.empty()) continue;
    const std::string where = check.kind == Kind::kId && check.columns.empty()
                                  ? "the line number"
                                  : ColumnList(check.columns, columns);
    decisions_.push_back("suppress by " + list.match + ": " + std::to_string(values->size()) +
                         " values from " + list.file + ", column " + where);
    digest = CombineHash(digest, Hash64(text));
    digest = CombineHash(digest, Hash64(list.match + ":" + where));
    check.values = std::move(values);
    checks_.push_back(std::move(check));
  }
  if (!checks_.empty()) digest_ = Hex64(digest);
}

bool Suppressor::Matches(const readers::Record& record) const {
  std::string scratch;
  for (const Check& check : checks_) {
    if (check.kind == Kind::kId && check.columns.empty()) {
      if (check.values->count(std::to_string(record.line)) > 0) return true;
      continue;
    }
    for (size_t column : check.columns) {
      const readers::Field& field = record.fields[column];
      if (field.is_null) continue;
      switch (check.kind) {
        case Kind::kEmail:
          scratch = NormalizeEmail(field.value);
          break;
        case Kind::kPhone:
          scratch = NormalizePhone(field.value);
          break;
        case Kind::kId:
          scratch.assign(TrimView(field.value));
          break;
      }
      if (!scratch.empty() && check.values->count(scratch) > 0) return true;
    }
  }
  return false;
}

}  // namespace crm::staging
