#include "planner/init/source_inventory.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <set>

#include "core/common/error.h"
#include "core/common/text.h"
#include "core/db/database.h"
#include "core/db/url.h"
#include "core/spec/env.h"
#include "core/spec/spec.h"
#include "staging/landing/row_source.h"
#include "staging/readers/csv_reader.h"
#include "staging/readers/csv_sniffer.h"
#include "staging/readers/jsonl_reader.h"

namespace crm::plan::init {
namespace fs = std::filesystem;
namespace {

bool IsSourceName(std::string_view name) {
  if (name.empty() || name.size() > 63) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

// A table name as part of a source name: lower case, anything but letters and digits as '_'.
std::string NamePart(std::string_view table) {
  std::string out;
  for (char c : table) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    out.push_back(alnum ? static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c) : '_');
  }
  return out;
}

// `path` as the draft should name it: relative to the scaffold folder, so the folder can move
// with its data; absolute when they share no root.
std::string PathFromScaffold(const std::string& path, const std::string& scaffold_dir) {
  fs::path target = fs::absolute(path).lexically_normal();
  fs::path base = fs::absolute(scaffold_dir.empty() ? "." : scaffold_dir).lexically_normal();
  fs::path relative = target.lexically_relative(base);
  return relative.empty() ? target.string() : relative.string();
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

enum class Kind { kCsv, kJsonl, kSqliteFile, kUrl };

Kind KindOf(const std::string& location) {
  for (const char* scheme : {"sqlite:", "postgresql://", "postgres://", "mysql://", "mariadb://",
                             "odbc:", "DSN=", "DRIVER=", "FILEDSN="}) {
    if (StartsWith(location, scheme)) return Kind::kUrl;
  }
  std::string lower = ToLowerAscii(location);
  if (EndsWith(lower, ".gz")) lower.resize(lower.size() - 3);
  for (const char* ext : {".csv", ".tsv", ".txt", ".tab"}) {
    if (EndsWith(lower, ext)) return Kind::kCsv;
  }
  for (const char* ext : {".jsonl", ".ndjson", ".json"}) {
    if (EndsWith(lower, ext)) return Kind::kJsonl;
  }
  for (const char* ext : {".db", ".sqlite", ".sqlite3", ".db3"}) {
    if (EndsWith(lower, ext)) return Kind::kSqliteFile;
  }
  throw Error(ErrorCategory::kUsage,
              "--source " + location +
                  ": cannot tell the source type from the name: give a .csv, .tsv, .txt, "
                  ".jsonl, .ndjson, .db, .sqlite file or a database URL (sqlite:, "
                  "postgresql://, mysql://, odbc:)");
}

void RequireFile(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    throw Error(ErrorCategory::kIo, path + ": no such file");
  }
}

// Content evidence for columns fed one row at a time.
class Sampler {
 public:
  Sampler(const std::vector<std::string>& columns, const std::string& region) {
    ColumnKindOptions options;
    options.default_region = region;
    options.then_every = 1;  // a sample is small: every value gets every parser
    for (size_t i = 0; i < columns.size(); ++i) counters_.emplace_back(options);
    distinct_.resize(columns.size());
    first_.resize(columns.size());
  }
  void Add(size_t column, std::string_view value) {
    if (column >= counters_.size()) return;
    counters_[column].Add(value);
    std::string_view v = TrimView(value);
    if (distinct_[column].size() < 100000 && distinct_[column].emplace(v).second &&
        first_[column].size() < kKeptValues && v.size() <= 40 && !v.empty()) {
      first_[column].emplace_back(v);
    }
  }
  void Finish(const std::vector<std::string>& columns, InventoriedSource* out) {
    for (size_t i = 0; i < columns.size(); ++i) {
      ColumnEvidence c;
      c.name = columns[i];
      c.kind = counters_[i].Result();
      c.distinct_in_sample = static_cast<int64_t>(distinct_[i].size());
      c.first_values = first_[i];
      out->columns.push_back(std::move(c));
    }
  }

 private:
  std::vector<ColumnKindCounter> counters_;
  std::vector<std::set<std::string, std::less<>>> distinct_;
  std::vector<std::vector<std::string>> first_;
};

// Reads up to `limit` rows of `next` (a reader's Next) into `sampler`; rejects are skipped.
template <typename Reader>
void SampleRows(Reader& reader, size_t limit, Sampler* sampler, InventoriedSource* out) {
  readers::Record record;
  int64_t rows = 0;
  bool more = true;
  while (static_cast<size_t>(rows) < limit && (more = reader.Next(&record))) {
    if (record.is_reject) continue;
    for (size_t i = 0; i < record.fields.size(); ++i) {
      if (!record.fields[i].is_null) sampler->Add(i, record.fields[i].value);
    }
    ++rows;
  }
  out->sampled_rows = rows;
  out->sample_is_whole_source = !more || !reader.Next(&record);
}

InventoriedSource InventoryCsv(const SourceArg& arg, const InventoryOptions& options) {
  RequireFile(arg.location);
  InventoriedSource out;
  out.name = arg.name;
  out.type = "csv";
  out.path = PathFromScaffold(arg.location, options.scaffold_dir);
  readers::CsvOptions csv;
  csv.allow_ragged_rows = true;
  readers::SniffResult sniffed = readers::SniffCsvFile(arg.location, csv);
  out.decisions = sniffed.decisions;
  out.encoding = std::string(readers::EncodingName(sniffed.options.encoding.value()));
  out.delimiter = std::string(1, sniffed.options.delimiter.value());
  char quote = sniffed.options.quote.value();
  out.quote = quote ? std::string(1, quote) : std::string();
  out.header = sniffed.options.header.value();
  auto reader = readers::CsvReader::Open(arg.location, sniffed.options);
  Sampler sampler(reader->columns(), options.default_region);
  SampleRows(*reader, options.sample_rows, &sampler, &out);
  // A header-less file names its columns only after the first row.
  sampler.Finish(reader->columns(), &out);
  for (const std::string& note : reader->notes()) out.decisions.push_back(note);
  return out;
}

// Top-level keys whose values are objects become dotted paths one level down ("address" →
// "address.city", "address.country"), the paths a mapping names; other values stay as they are.
std::vector<std::string> JsonlPaths(const std::string& path, size_t sample_rows) {
  std::vector<std::string> keys = readers::SniffJsonlKeys(path, sample_rows);
  if (keys.empty()) return keys;
  readers::JsonlOptions options;
  options.paths = keys;
  readers::JsonlReader reader(readers::ByteSource::OpenFile(path), options);
  std::vector<std::vector<std::string>> nested(keys.size());
  readers::Record record;
  Poco::JSON::Parser parser;
  for (size_t rows = 0; rows < sample_rows && reader.Next(&record); ++rows) {
    if (record.is_reject) continue;
    for (size_t i = 0; i < record.fields.size(); ++i) {
      std::string_view v = record.fields[i].value;
      if (record.fields[i].is_null || v.empty() || v.front() != '{') continue;
      try {
        parser.reset();
        auto object = parser.parse(std::string(v)).extract<Poco::JSON::Object::Ptr>();
        for (const std::string& sub : object->getNames()) {
          if (std::find(nested[i].begin(), nested[i].end(), sub) == nested[i].end()) {
            nested[i].push_back(sub);
          }
        }
      } catch (const Poco::Exception&) {
        // Not an object after all: the column stays whole.
      }
    }
  }
  std::vector<std::string> paths;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (nested[i].empty()) {
      paths.push_back(keys[i]);
      continue;
    }
    for (const std::string& sub : nested[i]) paths.push_back(keys[i] + "." + sub);
  }
  return paths;
}

InventoriedSource InventoryJsonl(const SourceArg& arg, const InventoryOptions& options) {
  RequireFile(arg.location);
  InventoriedSource out;
  out.name = arg.name;
  out.type = "jsonl";
  out.path = PathFromScaffold(arg.location, options.scaffold_dir);
  out.encoding = "utf-8";
  std::vector<std::string> paths = JsonlPaths(arg.location, options.sample_rows);
  if (paths.empty()) {
    throw Error(ErrorCategory::kIo, arg.location + ": no line of the first " +
                                        std::to_string(options.sample_rows) +
                                        " is a JSON object, so there are no columns to map");
  }
  out.decisions.push_back("columns: the keys of the first " + std::to_string(options.sample_rows) +
                          " objects, nested objects as dotted paths");
  readers::JsonlOptions jsonl;
  jsonl.paths = paths;
  readers::JsonlReader reader(readers::ByteSource::OpenFile(arg.location), jsonl);
  Sampler sampler(paths, options.default_region);
  SampleRows(reader, options.sample_rows, &sampler, &out);
  sampler.Finish(paths, &out);
  return out;
}

// The URL as the draft writes it: a relative SQLite path made relative to the scaffold folder,
// and every password replaced by ${<NAME>_PASSWORD} (credentials never live in the spec).
std::string UrlForDraft(const SourceArg& arg, const db::DatabaseUrl& url,
                        const InventoryOptions& options, std::vector<std::string>* env_vars) {
  if (url.dialect == db::Dialect::kSqlite) {
    if (url.path == ":memory:") return arg.location;
    return "sqlite:" + PathFromScaffold(url.path, options.scaffold_dir);
  }
  std::string written = arg.location;
  std::string var;
  for (char c : arg.name) var.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c);
  var += "_PASSWORD";
  for (const std::string& secret : url.secrets) {
    for (size_t at = written.find(secret); !secret.empty() && at != std::string::npos;
         at = written.find(secret, at)) {
      written.replace(at, secret.size(), "${" + var + "}");
      at += var.size() + 3;
    }
  }
  if (written != arg.location) env_vars->push_back(var);
  return written;
}

std::vector<InventoriedSource> InventoryDatabase(const SourceArg& arg, const std::string& url_text,
                                                 const InventoryOptions& options) {
  std::string expanded;
  std::string error;
  if (!spec::ExpandEnv(url_text, spec::ProcessEnv(), &expanded, &error)) {
    throw Error(ErrorCategory::kUsage, "--source " + arg.name + ": " + error);
  }
  const std::string cwd = fs::current_path().string();
  db::DatabaseUrl url = db::ParseDatabaseUrl(expanded, cwd);
  if (url.dialect == db::Dialect::kSqlite && url.path != ":memory:") RequireFile(url.path);
  std::unique_ptr<db::Database> db =
      db::Database::Connect(url, {.create = false, .read_only = true});
  std::vector<std::string> tables = db->ListTables();
  if (tables.empty()) {
    throw Error(ErrorCategory::kIo,
                "--source " + arg.name + ": " + db->masked_url() + " has no tables to read");
  }
  SourceArg written_arg{arg.name, url_text};
  std::vector<std::string> env_vars;
  const std::string connect = UrlForDraft(written_arg, url, options, &env_vars);
  spec::Spec spec;
  spec.base_dir = cwd;
  std::vector<InventoriedSource> out;
  for (const std::string& table : tables) {
    InventoriedSource s;
    // A source name is at most 63 characters (it names raw_<name>).
    s.name = tables.size() == 1 ? arg.name : (arg.name + "_" + NamePart(table)).substr(0, 63);
    s.type = "sql";
    s.connect = connect;
    s.table = table;
    s.env_vars = env_vars;
    spec::Source source;
    source.name = s.name;
    source.type = spec::SourceType::kSql;
    source.connect = expanded;
    source.table = table;
    staging::OpenedSource opened = staging::OpenSqlSource(spec, source);
    Sampler sampler(opened.rows->columns(), options.default_region);
    SampleRows(*opened.rows, options.sample_rows, &sampler, &s);
    sampler.Finish(opened.rows->columns(), &s);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

SourceArg ParseSourceArg(const std::string& text) {
  size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size()) {
    throw Error(ErrorCategory::kUsage, "--source '" + text +
                                           "': expected NAME=PATH or NAME=URL, e.g. "
                                           "legacy=data/contacts.csv or shop=sqlite:data/shop.db");
  }
  SourceArg arg{text.substr(0, eq), text.substr(eq + 1)};
  if (!IsSourceName(arg.name)) {
    throw Error(ErrorCategory::kUsage,
                "--source '" + text + "': the name '" + arg.name +
                    "' is not an identifier (a letter or '_', then letters, digits or '_')");
  }
  return arg;
}

std::vector<InventoriedSource> Inventory(const SourceArg& arg, const InventoryOptions& options) {
  switch (KindOf(arg.location)) {
    case Kind::kCsv:
      return {InventoryCsv(arg, options)};
    case Kind::kJsonl:
      return {InventoryJsonl(arg, options)};
    case Kind::kSqliteFile:
      RequireFile(arg.location);
      return InventoryDatabase(arg, "sqlite:" + arg.location, options);
    case Kind::kUrl:
      return InventoryDatabase(arg, arg.location, options);
  }
  return {};
}

}  // namespace crm::plan::init
