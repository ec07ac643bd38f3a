// CSV and JSON Lines sources: the spec's options become reader options, marked as set only when
// the spec says something other than "auto", so the sniffer detects exactly what the user left
// open.
#include <algorithm>

#include "core/common/error.h"
#include "core/common/text.h"
#include "staging/landing/row_source.h"
#include "staging/readers/csv_reader.h"
#include "staging/readers/csv_sniffer.h"
#include "staging/readers/jsonl_reader.h"

namespace crm::staging {
namespace {

template <typename Reader>
class ReaderSource : public RowSource {
 public:
  // A header-less CSV without declared columns names its columns after its first row: that row
  // is read ahead so columns() is known before the first Next().
  explicit ReaderSource(std::unique_ptr<Reader> reader) : reader_(std::move(reader)) {
    if (reader_->columns().empty()) has_pending_ = reader_->Next(&pending_);
  }
  const std::vector<std::string>& columns() const override { return reader_->columns(); }
  bool Next(readers::Record* record) override {
    if (has_pending_) {
      has_pending_ = false;
      *record = pending_;
      return true;
    }
    return reader_->Next(record);
  }

 private:
  std::unique_ptr<Reader> reader_;
  readers::Record pending_;
  bool has_pending_ = false;
};

char OneChar(const spec::Source& source, const std::string& value, const char* key) {
  if (value.size() == 1) return value[0];
  if (value == "\\t") return '\t';
  if (value.empty() || value == "none") return '\0';
  throw Error(ErrorCategory::kSpec,
              "sources." + source.name + "." + key + ": '" + value + "' is not one character");
}

readers::Compression CompressionOf(const spec::Source& source) {
  if (source.compression == "gzip") return readers::Compression::kGzip;
  if (source.compression == "none") return readers::Compression::kNone;
  return readers::Compression::kAuto;
}

readers::CsvOptions CsvOptionsOf(const spec::Source& source) {
  readers::CsvOptions options;
  if (source.delimiter != "auto") {
    options.delimiter.Set(OneChar(source, source.delimiter, "delimiter"));
  }
  // Only delimiter and encoding have "auto" in the grammar; quote, escape and header always hold
  // a value (their defaults are RFC 4180's), so they are the user's and never sniffed.
  options.quote.Set(OneChar(source, source.quote, "quote"));
  options.escape.Set(OneChar(source, source.escape, "escape"));
  options.header.Set(source.header);
  if (source.encoding != "auto") {
    std::optional<readers::Encoding> encoding = readers::EncodingFromName(source.encoding);
    if (!encoding) {
      throw Error(ErrorCategory::kSpec, "sources." + source.name + ".encoding: unknown encoding '" +
                                            source.encoding + "'");
    }
    options.encoding.Set(*encoding);
  }
  options.columns = source.columns;
  options.skip_lines = static_cast<size_t>(source.skip_lines);
  options.compression = CompressionOf(source);
  return options;
}

std::string DescribeCsv(const readers::CsvOptions& o) {
  std::string s = "csv delimiter=" + std::to_string(o.delimiter.value()) +
                  " quote=" + std::to_string(o.quote.value()) +
                  " escape=" + std::to_string(o.escape.value()) +
                  " header=" + (o.header.value() ? "1" : "0") +
                  " encoding=" + std::string(readers::EncodingName(o.encoding.value())) +
                  " columns=" + Join(o.columns, ",") +
                  " skip_lines=" + std::to_string(o.skip_lines);
  return s;
}

void AddUnique(const std::string& name, std::vector<std::string>* out) {
  if (!name.empty() && std::find(out->begin(), out->end(), name) == out->end()) {
    out->push_back(name);
  }
}

bool IsWhereKeyword(const std::string& word) {
  static const char* const kKeywords[] = {"and", "or", "not", "in", "is", "null", "like"};
  const std::string lower = ToLowerAscii(word);
  return std::any_of(std::begin(kKeywords), std::end(kKeywords),
                     [&](const char* k) { return lower == k; });
}

// The identifiers of a `where` filter (grammar in staging/shaping/where.h): bare words that are
// not keywords or numbers, and "quoted" or `quoted` names; string literals are skipped.
void AddWhereColumns(const std::string& where, std::vector<std::string>* out) {
  for (size_t i = 0; i < where.size();) {
    const char c = where[i];
    if (c == '\'' || c == '"' || c == '`') {
      const size_t close = where.find(c, i + 1);
      const size_t end = close == std::string::npos ? where.size() : close;
      if (c != '\'') AddUnique(where.substr(i + 1, end - i - 1), out);
      i = end + 1;
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      size_t end = i;
      while (end < where.size() &&
             (std::isalnum(static_cast<unsigned char>(where[end])) ||
              std::string_view("_.[]").find(where[end]) != std::string_view::npos)) {
        ++end;
      }
      const std::string word = where.substr(i, end - i);
      if (!IsWhereKeyword(word)) AddUnique(word, out);
      i = end;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      while (i < where.size() &&
             (std::isalnum(static_cast<unsigned char>(where[i])) || where[i] == '.')) {
        ++i;
      }
    } else {
      ++i;
    }
  }
}

void AddTemplatePlaceholders(const std::string& templ, std::vector<std::string>* out) {
  for (size_t open = templ.find('{'); open != std::string::npos; open = templ.find('{', open)) {
    const size_t close = templ.find('}', open);
    if (close == std::string::npos) break;
    AddUnique(templ.substr(open + 1, close - open - 1), out);
    open = close;
  }
}

}  // namespace

std::vector<std::string> JsonlPaths(const spec::Spec& spec, const std::string& source) {
  std::vector<std::string> paths;
  for (const spec::Entity& entity : spec.entities) {
    for (const spec::SourceMapping& mapping : entity.from) {
      if (mapping.source != source) continue;
      for (const spec::FieldMapping& field : mapping.map) {
        AddUnique(field.from, &paths);
        for (const std::string& column : field.concat) AddUnique(column, &paths);
        AddTemplatePlaceholders(field.templ, &paths);
      }
      AddWhereColumns(mapping.where, &paths);
    }
  }
  if (const spec::Source* s = spec.FindSource(source); s != nullptr)
    AddUnique(s->id_column, &paths);
  return paths;
}

OpenedSource OpenFileSource(const spec::Spec& spec, const spec::Source& source,
                            const std::string& path) {
  OpenedSource opened;
  if (source.type == spec::SourceType::kJsonl) {
    readers::JsonlOptions options;
    options.paths = JsonlPaths(spec, source.name);
    options.compression = CompressionOf(source);
    opened.settings = "jsonl paths=" + Join(options.paths, ",");
    opened.decisions.push_back("columns: the " + std::to_string(options.paths.size()) +
                               " JSON paths the spec maps, plus the whole line in _crm_raw");
    if (options.paths.empty()) {
      // Nothing is mapped yet (a spec in progress): land the top-level keys so the raw table is
      // useful to look at; the whole line is in _crm_raw either way.
      options.paths = readers::SniffJsonlKeys(path);
      opened.settings += " keys=" + Join(options.paths, ",");
      opened.decisions.back() =
          "columns: the top-level keys of the first lines (the spec maps "
          "nothing from this source), plus the whole line in _crm_raw";
    }
    // A reader needs one path; a file without a single object line lands only _crm_raw values.
    if (options.paths.empty()) options.paths.push_back("_");
    opened.rows = std::make_unique<ReaderSource<readers::JsonlReader>>(
        readers::JsonlReader::Open(path, options));
    return opened;
  }
  readers::SniffResult sniffed = readers::SniffCsvFile(path, CsvOptionsOf(source));
  opened.decisions = sniffed.decisions;
  opened.settings = DescribeCsv(sniffed.options);
  auto reader = readers::CsvReader::Open(path, sniffed.options);
  for (const std::string& note : reader->notes()) opened.decisions.push_back(note);
  opened.rows = std::make_unique<ReaderSource<readers::CsvReader>>(std::move(reader));
  return opened;
}

}  // namespace crm::staging
