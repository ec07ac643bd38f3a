#include "identity/golden/review_file.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "core/common/error.h"
#include "core/common/text.h"
#include "staging/readers/csv_reader.h"

namespace crm::identity {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kFixedColumns = {"decision", "score",    "rule", "a_source",
                                                "a_key",    "b_source", "b_key"};

[[noreturn]] void Malformed(const std::string& path, uint64_t line, const std::string& message) {
  throw Error(ErrorCategory::kSpec, path + ":" + std::to_string(line) + ": " + message);
}

void AppendCsvField(std::string_view value, std::string* out) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos &&
      (value.empty() || (value.front() != ' ' && value.back() != ' '))) {
    *out += value;
    return;
  }
  *out += '"';
  for (char c : value) {
    if (c == '"') *out += '"';
    *out += c;
  }
  *out += '"';
}

}  // namespace

std::string ReviewPath(const spec::Spec& spec, const std::string& review) {
  fs::path path(review);
  if (path.is_relative()) path = fs::path(spec.base_dir) / path;
  return path.string();
}

ReviewFile ReadReviewFile(const spec::Spec& spec, const std::string& path) {
  ReviewFile file;
  std::error_code ec;
  if (!fs::exists(path, ec)) return file;
  readers::CsvOptions options;
  options.compression = readers::Compression::kNone;
  std::unique_ptr<readers::CsvReader> reader = readers::CsvReader::Open(path, options);
  const std::vector<std::string>& columns = reader->columns();
  std::map<std::string, size_t> at;
  for (size_t i = 0; i < columns.size(); ++i) at.emplace(columns[i], i);
  for (const char* required : {"decision", "a_source", "a_key", "b_source", "b_key"}) {
    if (!at.count(required)) {
      Malformed(path, 1, "missing column '" + std::string(required) + "' (the header needs " +
                             "decision, a_source, a_key, b_source and b_key)");
    }
  }
  std::map<std::pair<RecordKey, RecordKey>, std::pair<bool, uint64_t>> seen;
  readers::Record record;
  while (reader->Next(&record)) {
    if (record.is_reject) {
      Malformed(path, record.line, std::string(RejectKindName(record.kind)) + ": " +
                                       record.message);
    }
    auto cell = [&](const std::string& column) {
      return std::string(TrimView(record.fields[at.at(column)].value));
    };
    ReviewLine line;
    line.decision = ToLowerAscii(cell("decision"));
    if (line.decision.empty()) continue;  // not decided yet: the next run lists it again
    if (line.decision != kDecisionAccept && line.decision != kDecisionReject) {
      Malformed(path, record.line, "decision: '" + cell("decision") +
                                       "' is not accept, reject or empty");
    }
    line.a = {cell("a_source"), cell("a_key")};
    line.b = {cell("b_source"), cell("b_key")};
    for (const char* side : {"a", "b"}) {
      const RecordKey& r = std::string(side) == "a" ? line.a : line.b;
      const std::string source_column = std::string(side) + "_source";
      if (spec.FindSource(r.source) == nullptr) {
        Malformed(path, record.line, source_column + ": '" + r.source +
                                         "' is not a source of the spec");
      }
      if (r.key.empty()) Malformed(path, record.line, std::string(side) + "_key: empty");
    }
    if (line.a == line.b) {
      Malformed(path, record.line, "a_key: the pair names the same record twice");
    }
    const bool swapped = line.b < line.a;
    if (swapped) std::swap(line.a, line.b);
    const bool accept = line.decision == kDecisionAccept;
    auto previous = seen.emplace(std::make_pair(line.a, line.b),
                                 std::make_pair(accept, record.line));
    if (!previous.second) {
      if (previous.first->second.first != accept) {
        Malformed(path, record.line,
                  "decision: this pair was decided the other way on line " +
                      std::to_string(previous.first->second.second));
      }
      continue;  // the same decision twice: one is enough
    }
    if (at.count("score")) line.score = cell("score");
    if (at.count("rule")) line.rule = cell("rule");
    for (size_t i = 0; i < columns.size(); ++i) {
      if (std::find(kFixedColumns.begin(), kFixedColumns.end(), columns[i]) !=
          kFixedColumns.end()) {
        continue;
      }
      // Value columns follow their record: <field>_a and <field>_b trade places with a and b.
      std::string column = columns[i];
      const size_t n = column.size();
      if (swapped && n > 2 && column[n - 2] == '_' && (column[n - 1] == 'a' || column[n - 1] == 'b')) {
        column[n - 1] = column[n - 1] == 'a' ? 'b' : 'a';
      }
      line.values[column] = std::string(record.fields[i].value);
    }
    file.decisions.push_back({line.a, line.b, accept});
    file.decided.push_back(std::move(line));
  }
  return file;
}

void WriteReviewFile(const std::string& path, const std::vector<std::string>& value_columns,
                     const std::vector<ReviewLine>& lines) {
  std::error_code ec;
  const fs::path target(path);
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  const fs::path part(path + ".part");
  std::ofstream out(part, std::ios::binary | std::ios::trunc);
  if (!out) throw Error(ErrorCategory::kIo, "cannot write the review file " + part.string());
  std::string text;
  std::vector<std::string> header = kFixedColumns;
  header.insert(header.end(), value_columns.begin(), value_columns.end());
  for (size_t i = 0; i < header.size(); ++i) {
    if (i > 0) text += ',';
    AppendCsvField(header[i], &text);
  }
  text += "\r\n";
  for (const ReviewLine& l : lines) {
    for (const std::string* v : {&l.decision, &l.score, &l.rule, &l.a.source, &l.a.key,
                                 &l.b.source, &l.b.key}) {
      if (v != &l.decision) text += ',';
      AppendCsvField(*v, &text);
    }
    for (const std::string& column : value_columns) {
      text += ',';
      auto it = l.values.find(column);
      if (it != l.values.end()) AppendCsvField(it->second, &text);
    }
    text += "\r\n";
  }
  out << text;
  out.close();
  if (!out) throw Error(ErrorCategory::kIo, "cannot write the review file " + part.string());
  fs::rename(part, target, ec);
  if (ec) {
    throw Error(ErrorCategory::kIo,
                "cannot move the review file into place at " + path + ": " + ec.message());
  }
}

}  // namespace crm::identity
