#include "staging/shaping/extra_transforms.h"

#include <utf8proc.h>

#include <cstdlib>
#include <fstream>
#include <unordered_map>

#include "core/common/error.h"
#include "core/common/text.h"
#include "core/db/cells.h"
#include "core/db/database.h"

namespace crm::staging {
namespace {

using transforms::RowContext;
using transforms::Transform;
using transforms::TransformResult;

class SimpleTransform : public Transform {
 public:
  explicit SimpleTransform(std::string name) : name_(std::move(name)) {}
  std::string_view name() const override { return name_; }

 private:
  std::string name_;
};

class StripAccents : public SimpleTransform {
 public:
  StripAccents() : SimpleTransform("strip_accents") {}
  bool Apply(std::string_view in, const RowContext&, TransformResult* out,
             std::string* error) const override {
    out->facts.clear();
    out->is_null = false;
    std::string text(in);
    utf8proc_uint8_t* mapped = nullptr;
    // Decompose, drop the marks, then compose what is left (NFC) in a second pass: utf8proc
    // refuses STRIPMARK together with COMPOSE on some inputs.
    utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.c_str()),
                                      0, &mapped,
                                      static_cast<utf8proc_option_t>(UTF8PROC_NULLTERM |
                                                                     UTF8PROC_STABLE |
                                                                     UTF8PROC_DECOMPOSE |
                                                                     UTF8PROC_STRIPMARK));
    if (n < 0) {
      *error = utf8proc_errmsg(n);
      return false;
    }
    utf8proc_uint8_t* composed = utf8proc_NFC(mapped);
    std::free(mapped);
    if (composed == nullptr) {
      *error = "not valid UTF-8";
      return false;
    }
    out->value = reinterpret_cast<const char*>(composed);
    std::free(composed);
    return true;
  }
};

class Digits : public SimpleTransform {
 public:
  Digits() : SimpleTransform("digits") {}
  bool Apply(std::string_view in, const RowContext&, TransformResult* out,
             std::string*) const override {
    out->facts.clear();
    out->value.clear();
    for (char c : in) {
      if (c >= '0' && c <= '9') out->value += c;
    }
    out->is_null = out->value.empty();
    return true;
  }
};

class NullIfEmpty : public SimpleTransform {
 public:
  NullIfEmpty() : SimpleTransform("null_if_empty") {}
  bool Apply(std::string_view in, const RowContext&, TransformResult* out,
             std::string*) const override {
    out->facts.clear();
    out->is_null = TrimView(in).empty();
    out->value = out->is_null ? std::string() : std::string(in);
    return true;
  }
};

class Integer : public SimpleTransform {
 public:
  explicit Integer(std::unique_ptr<Transform> number)
      : SimpleTransform("integer"), number_(std::move(number)) {}
  bool Apply(std::string_view in, const RowContext& row, TransformResult* out,
             std::string* error) const override {
    if (!number_->Apply(in, row, out, error)) return false;
    if (out->is_null) return true;
    size_t dot = out->value.find('.');
    if (dot != std::string::npos) {
      if (out->value.find_first_not_of('0', dot + 1) != std::string::npos) {
        *error = "'" + std::string(in) + "' is not a whole number";
        return false;
      }
      out->value.resize(dot);
    }
    if (out->value == "-0") out->value = "0";
    return true;
  }

 private:
  std::unique_ptr<Transform> number_;
};

class Boolean : public SimpleTransform {
 public:
  Boolean(const std::vector<std::string>& trues, const std::vector<std::string>& falses)
      : SimpleTransform("boolean") {
    for (const auto& t : trues) values_[ToLowerAscii(TrimView(t))] = "true";
    for (const auto& f : falses) values_[ToLowerAscii(TrimView(f))] = "false";
  }
  bool Apply(std::string_view in, const RowContext&, TransformResult* out,
             std::string* error) const override {
    out->facts.clear();
    std::string key = ToLowerAscii(TrimView(in));
    out->is_null = key.empty();
    if (out->is_null) {
      out->value.clear();
      return true;
    }
    auto it = values_.find(key);
    if (it == values_.end()) {
      *error = "'" + std::string(in) + "' is neither a true nor a false value";
      return false;
    }
    out->value = it->second;
    return true;
  }

 private:
  std::unordered_map<std::string, std::string> values_;
};

// One line of a simple CSV (commas, double quotes doubled inside quoted fields).
std::vector<std::string> SplitCsvLine(std::string_view line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c != '\r') {
      fields.back() += c;
    }
  }
  return fields;
}

class LookupTransform : public SimpleTransform {
 public:
  // `where` names the reference in messages: "users.login", "reps.csv column legacy_rep".
  LookupTransform(std::unordered_map<std::string, std::string> values, spec::Unmapped on_missing,
                  std::string where)
      : SimpleTransform("lookup"), values_(std::move(values)), on_missing_(on_missing),
        where_(std::move(where)) {}
  bool Apply(std::string_view in, const RowContext&, TransformResult* out,
             std::string* error) const override {
    out->facts.clear();
    out->is_null = false;
    auto it = values_.find(std::string(TrimView(in)));
    if (it != values_.end()) {
      out->value = it->second;
      return true;
    }
    switch (on_missing_) {
      case spec::Unmapped::kKeep:
        out->value = std::string(in);
        return true;
      case spec::Unmapped::kNull:
        out->value.clear();
        out->is_null = true;
        return true;
      case spec::Unmapped::kReject:
        break;
    }
    *error = "'" + std::string(TrimView(in)) + "' is not in " + where_;
    return false;
  }

 private:
  std::unordered_map<std::string, std::string> values_;
  spec::Unmapped on_missing_;
  std::string where_;
};

// The key → value pairs of a CSV file beside the spec (a header row names the columns).
std::unordered_map<std::string, std::string> ReadLookupFile(const spec::Lookup& l,
                                                            const std::string& base_dir) {
  std::string path = l.file[0] == '/' ? l.file : base_dir + "/" + l.file;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCategory::kSpec, "lookup: cannot read " + path);
  std::string line;
  std::getline(in, line);
  if (line.size() >= 3 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
  std::vector<std::string> header = SplitCsvLine(line);
  auto column = [&](const std::string& name) -> size_t {
    for (size_t i = 0; i < header.size(); ++i) {
      if (TrimView(header[i]) == name) return i;
    }
    throw Error(ErrorCategory::kSpec, "lookup: " + path + " has no column '" + name + "'");
  };
  size_t key = column(l.key), value = column(l.value);
  std::unordered_map<std::string, std::string> values;
  while (std::getline(in, line)) {
    if (TrimView(line).empty()) continue;
    std::vector<std::string> fields = SplitCsvLine(line);
    if (fields.size() <= std::max(key, value)) continue;
    values.emplace(std::string(TrimView(fields[key])), fields[value]);
  }
  return values;
}

// The key → value pairs of a table of the target database (legacy sales rep → the target's user
// id), read once when the mapping is built. Rows with a NULL key or value are left out.
std::unordered_map<std::string, std::string> ReadLookupTable(const spec::Lookup& l,
                                                             const spec::Spec& spec) {
  if (spec.target_url.empty()) {
    throw Error(ErrorCategory::kSpec,
                "lookup: table '" + l.table + "' is in the target database, and the spec has no "
                "target");
  }
  std::unique_ptr<db::Database> target =
      db::Database::Connect(spec.target_url, spec.base_dir, {.create = false, .read_only = true});
  std::unordered_map<std::string, std::string> values;
  target->Guard(
      "reading the lookup table " + l.table,
      [&] {
        soci::rowset<soci::row> rows =
            (target->session().prepare << "SELECT " + target->Quote(l.key, "lookup key") + ", " +
                                              target->Quote(l.value, "lookup value") + " FROM " +
                                              target->Quote(l.table, "lookup table"));
        for (const soci::row& row : rows) {
          if (row.get_indicator(0) == soci::i_null || row.get_indicator(1) == soci::i_null) continue;
          values.emplace(std::string(TrimView(db::CellText(row, 0))), db::CellText(row, 1));
        }
      },
      ErrorCategory::kSpec);
  return values;
}

std::unique_ptr<Transform> MakeLookup(const spec::FieldMapping& m, const spec::Spec& spec) {
  if (!m.lookup) {
    throw Error(ErrorCategory::kSpec, m.field + ": lookup: the mapping has no 'lookup' settings");
  }
  const spec::Lookup& l = *m.lookup;
  if (l.file.empty()) {
    return std::make_unique<LookupTransform>(ReadLookupTable(l, spec), l.on_missing,
                                             "the target's " + l.table + "." + l.key);
  }
  return std::make_unique<LookupTransform>(ReadLookupFile(l, spec.base_dir), l.on_missing,
                                           l.file + " column " + l.key);
}

}  // namespace

const std::vector<std::string>& ShapingTransformNames() {
  static const std::vector<std::string> kNames = {"strip_accents", "digits", "null_if_empty",
                                                  "integer", "boolean", "lookup"};
  return kNames;
}

std::unique_ptr<Transform> MakeShapingTransform(std::string_view name,
                                                const spec::FieldMapping& mapping,
                                                const std::string& locale,
                                                const spec::Spec& spec) {
  if (name == "strip_accents") return std::make_unique<StripAccents>();
  if (name == "digits") return std::make_unique<Digits>();
  if (name == "null_if_empty") return std::make_unique<NullIfEmpty>();
  if (name == "integer") {
    transforms::TransformParams params;
    if (!locale.empty()) params["locale"] = transforms::ParamValue::Scalar(locale);
    return std::make_unique<Integer>(transforms::MakeTransform("number", params));
  }
  if (name == "boolean") {
    // A list the mapping leaves out keeps the grammar's default spellings.
    static const std::vector<std::string> kTrue = {"true", "yes", "y", "1", "ja", "oui", "si"};
    static const std::vector<std::string> kFalse = {"false", "no", "n", "0", "nein", "non"};
    return std::make_unique<Boolean>(mapping.true_values.empty() ? kTrue : mapping.true_values,
                                     mapping.false_values.empty() ? kFalse : mapping.false_values);
  }
  if (name == "lookup") return MakeLookup(mapping, spec);
  throw Error(ErrorCategory::kInternal, "not a shaping transform: " + std::string(name));
}

}  // namespace crm::staging
