// The migration spec as a plain C++ model, and the functions that load and check it.
//
// One YAML file per migration (DESIGN.md); its grammar is the table in core/spec/grammar.h and
// nothing else. LoadSpec/ParseSpec return a Spec only when the file is valid YAML *and* every
// structural and semantic check passes, so a wrong spec never reaches a database. Every field
// below already holds its default from the grammar table when the spec does not set it.
//
// No yaml-cpp or Poco type appears here; phases depend on this header only.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/spec/diagnostic.h"
#include "core/spec/values.h"

namespace crm::spec {

enum class SourceType { kCsv, kJsonl, kSql };
enum class FieldType {
  kString,
  kText,
  kInteger,
  kDecimal,
  kBoolean,
  kDate,
  kDatetime,
  kEmail,
  kPhone,
  kCountry,
  kPostalCode,
  kUrl,
  kJson,
};
enum class PiiMode { kNone, kMask, kTokenize };  // spec: false | true | tokenize
enum class OnError { kReject, kNull };           // what a failing transform does to the row
enum class Unmapped { kKeep, kNull, kReject };   // a value a value_map does not list
enum class RuleCheck {
  kRequired,
  kFormat,
  kAllowed,
  kRange,
  kLength,
  kUnique,
  kReference,
  kConsistent,
  kStale,
  kConflict,
  kSql,
};
enum class Severity { kError, kWarning, kInfo };
enum class MatchMethod { kRules, kFellegiSunter };
enum class CutoverMode { kInsert, kUpsert, kTruncateInsert };
enum class CutoverOnError { kQuarantine, kAbort };
enum class IdStrategy { kExternal, kUuid5, kAutoincrement };

// Spec spelling of each enum value ("csv", "postal_code", "truncate-insert", ...).
std::string_view Name(SourceType v);
std::string_view Name(FieldType v);
std::string_view Name(PiiMode v);
std::string_view Name(OnError v);
std::string_view Name(Unmapped v);
std::string_view Name(RuleCheck v);
std::string_view Name(Severity v);
std::string_view Name(MatchMethod v);
std::string_view Name(CutoverMode v);
std::string_view Name(CutoverOnError v);
std::string_view Name(IdStrategy v);

struct Source {
  std::string name;
  Location location;  // of the source's name
  SourceType type = SourceType::kCsv;
  std::string description;
  // csv and jsonl
  std::string path;                  // as written; relative to Spec::base_dir
  std::string encoding = "auto";     // auto | utf-8 | windows-1252 | iso-8859-1 | ...
  std::string compression = "auto";  // auto | gzip | none
  // csv only; "auto" or exactly one character
  std::string delimiter = "auto";
  std::string quote = "\"";
  std::string escape = "\"";
  bool header = true;
  std::vector<std::string> columns;  // names when header is false
  int64_t skip_lines = 0;            // lines before the header (or the first row)
  // sql only
  std::string connect;  // after ${VAR} expansion
  std::string query;    // exactly one of query and table
  std::string table;
  int64_t fetch_size = 5000;
  // every type
  std::string id_column;  // the column that identifies a source record (suppression, crosswalk)
  Amount max_rejects;     // gate on rejected rows; count or percent
  std::string default_region;  // ISO 3166 alpha-2 for national phone numbers
  std::string timezone = "UTC";
  std::string locale = "C";
  std::vector<std::string> date_formats;
};

// Target columns set on every row a spec key makes, in spec order: (column, constant or
// template). Templates ({value}, {value_upper}, {value_lower}, {primary}) are allowed where the
// grammar says so; the loaders expand them.
using ColumnValues = std::vector<std::pair<std::string, std::string>>;

struct Link {  // many-to-many: one row per (this record, referenced record)
  std::string table;
  std::string column;      // holds this entity's target id
  std::string ref_column;  // holds the referenced entity's target id
  std::string id_column;   // the row's own id (UUIDv5 of the pair); empty: none
  ColumnValues set;        // constants
};

struct ValueJoin {  // joins a record to one of its value rows
  std::string table;
  std::string id_column;     // the row's own id (UUIDv5 of record id and value id); empty: none
  std::string column;        // holds the record's target id
  std::string value_column;  // holds the value row's id
  ColumnValues set;          // constants and templates, {primary} included
};

struct ValueRows {  // fields.*.values: every value of a multi field is a row of its own table
  std::string table;
  std::string id_column = "id";  // UUIDv5 of the lower-cased value
  std::string column;            // holds the value
  ColumnValues set;              // constants and templates
  ValueJoin join;
};

struct Field {
  std::string name;
  Location location;
  FieldType type = FieldType::kString;
  std::string column;  // target column; defaults to the field name (`<name>_id` for a ref)
  PiiMode pii = PiiMode::kNone;
  bool required = false;
  int64_t max_length = 0;  // 0: no limit
  int64_t precision = 18;  // decimal only
  int64_t scale = 2;       // decimal only
  std::string ref;         // referenced entity, empty when not a reference
  bool multi = false;      // several values per record (emails, phones, tags)
  std::optional<Link> link;
  std::optional<ValueRows> values;
  bool implicit = false;  // the entity key, added because `fields` does not declare it
  std::string description;
};

struct Lookup {       // a reference table: the value in `key` column is replaced by `value` column
  std::string file;   // a CSV beside the spec, or
  std::string table;  // a table of the target database
  std::string key;
  std::string value;
  Unmapped on_missing = Unmapped::kReject;
};

struct FieldMapping {
  std::string field;
  Location location;                 // of the field name under `map`
  std::string from;                  // source column or JSON path (address.city, tags[0])
  std::optional<std::string> value;  // constant
  std::string templ;                 // "L-{ID}"
  std::vector<std::string> concat;   // columns joined by `separator`
  std::string separator = " ";
  std::vector<std::string> transforms;
  OnError on_error = OnError::kReject;
  std::map<std::string, std::string> value_map;  // inline value map
  std::string value_map_file;                    // or a two-column CSV beside the spec
  Unmapped unmapped = Unmapped::kKeep;
  std::optional<Lookup> lookup;
  std::string default_region;        // empty: the source's
  std::vector<std::string> formats;  // empty: the source's date_formats
  std::string locale;                // empty: the source's
  std::string timezone;              // empty: the source's
  std::string part;                  // split_name: first | middle | last | title | suffix
  std::vector<std::string> true_values;
  std::vector<std::string> false_values;
};

struct SourceMapping {  // one item of entities.<e>.from
  std::string source;
  Location location;
  std::string where;  // scope filter; empty: every row
  std::vector<FieldMapping> map;
};

struct Compare {
  std::string field;
  std::string method = "exact";  // exact | jaro_winkler | levenshtein | token_set | date | numeric
  double threshold = 0.9;        // similarity counted as agreement
  double tolerance = 0;          // days (date) or absolute difference (numeric)
  std::optional<double> m;       // Fellegi-Sunter; estimated by EM when absent
  std::optional<double> u;
};

struct MatchRule {  // one item of match.when
  std::vector<std::string> same;
  std::vector<std::string> similar;
  double min = 0.9;
  std::vector<std::string> different;
  std::string then = "match";  // match | possible | non_match
};

struct Survivorship {
  std::string field;  // "default" for the default rule
  std::string rule = "most_recent_non_empty";
  std::vector<std::string> order;  // source names for source_priority / custom
  std::string by;                  // field that dates a record (most_recent)
  bool keep_others = false;
};

struct Match {
  Location location;
  MatchMethod method = MatchMethod::kRules;
  std::vector<std::string> block;  // blocking key expressions
  int64_t max_block_size = 1000;
  std::vector<Compare> compare;
  std::vector<MatchRule> when;
  bool em = true;
  int64_t em_max_iterations = 50;
  double match_threshold = 0.9;
  double possible_threshold = 0.5;
  int64_t max_cluster_size = 50;
  double min_cohesion = 0.5;
  std::string on_chain = "flag";  // flag | split
  std::vector<Survivorship> survivorship;
  std::string review;  // decisions file beside the spec; empty: none
};

struct Entity {
  std::string name;
  Location location;
  std::string table;  // defaults to the entity name
  std::string key;
  std::string description;
  std::vector<std::string> depends_on;
  std::optional<IdStrategy> id_strategy;  // empty: cutover.id_strategy
  std::string id_column = "id";
  bool store_key = true;  // false: no target column holds the key; rows are found by their id
  ColumnValues set;       // constant target columns
  std::vector<Field> fields;  // in spec order; the implicit key field last
  std::vector<SourceMapping> from;
  std::optional<Match> match;

  const Field* FindField(std::string_view field_name) const;
};

struct Rule {
  std::string name;  // explicit or "<check>:<field or entity>"
  Location location;
  RuleCheck check = RuleCheck::kRequired;
  Severity severity = Severity::kError;
  Amount max_fail;
  std::string entity;
  std::vector<std::string> fields;  // qualified entity.field; `field` is fields[0]
  std::string description;
  int64_t samples = 20;
  std::vector<std::string> empty_values;  // required
  std::string format;                     // format: email | phone | date | ...
  std::string pattern;                    // format: a regular expression
  std::vector<std::string> phone_types;   // format: phone
  std::string domains_file;               // format: email
  std::string country_field;              // format: postal_code
  std::vector<std::string> values;        // allowed
  std::string values_file;                // allowed
  std::optional<std::string> min, max;    // range, length, format (dates)
  bool normalize = false;                 // unique
  std::string to;                         // reference: entity or entity.field
  std::string expect;                     // consistent
  std::optional<Duration> older_than;     // stale
  std::string by;                         // conflict: the identity field
  std::string query;                      // sql
};

struct Subset {
  std::string name;
  Location location;
  double fraction = 0;
  int64_t seed = 0;
  std::string stratify = "none";      // none | source
  std::vector<std::string> entities;  // empty: every entity
};

struct Cutover {
  CutoverMode mode = CutoverMode::kUpsert;
  int64_t batch = 5000;
  CutoverOnError on_error = CutoverOnError::kQuarantine;
  Amount max_errors;
  bool create_target = false;
  IdStrategy id_strategy = IdStrategy::kExternal;
  std::string id_namespace;
  std::string crosswalk = "out/crosswalk.csv";
};

struct Report {
  std::string output = "reports";
  std::string title;
  int64_t max_samples = 20;
};

struct Suppression {
  std::string file;
  std::string match = "email";  // email | phone | id
  std::string source;           // for id: whose ids; empty: every source
};

struct Privacy {
  std::vector<Suppression> suppress;
  std::string token_key_env = "CRM_TOKEN_KEY";
};

struct Spec {
  std::string path;      // as given
  std::string base_dir;  // absolute folder of the spec; relative paths resolve against it
  std::string sha256;    // hex of the file bytes
  int64_t version = 1;
  std::string name;
  std::string owner;
  std::string description;
  std::map<std::string, std::string> roles;  // role -> person
  std::string staging_url;  // after ${VAR} expansion; relative sqlite:/csv: paths as written
  std::string target_url;
  std::vector<Source> sources;
  std::vector<Entity> entities;
  std::vector<Rule> rules;
  std::vector<Subset> subsets;
  Cutover cutover;
  Report report;
  Privacy privacy;

  const Source* FindSource(std::string_view source_name) const;
  const Entity* FindEntity(std::string_view entity_name) const;
  // The entities in load order: every entity after those it depends on (depends_on and ref
  // fields), otherwise in spec order. Stage shapes and cutover loads in this order.
  std::vector<const Entity*> EntitiesInLoadOrder() const;
  const Subset* FindSubset(std::string_view subset_name) const;
};

// Looks an environment variable up; std::nullopt when it is not set.
using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

// The process environment.
EnvLookup ProcessEnv();

// Reads `path` and parses it with the process environment. A missing or unreadable file throws
// crm::Error(kUsage, "<path>: cannot read spec: <reason>"); an invalid spec throws
// crm::Error(kSpec, every diagnostic, one a line, sorted by line then column).
Spec LoadSpec(const std::string& path);

// Parses a spec held in memory; `path_for_messages` names it in messages and sets Spec::path and
// Spec::base_dir. Throws like LoadSpec.
Spec ParseSpec(std::string_view yaml, const std::string& path_for_messages, const EnvLookup& env);

// Every diagnostic of a spec held in memory, sorted by line then column; empty when it is valid.
std::vector<Diagnostic> CheckSpec(std::string_view yaml, const std::string& path_for_messages,
                                  const EnvLookup& env);

// Markdown reference of every key (path, type, default, allowed values, doc, example), generated
// from the grammar table; MIGRATION.md embeds it.
std::string RenderSpecReference();

// The model as readable text, one line per setting, defaults included (tests compare it; the
// plan's text summary may print it). Omits base_dir, which depends on the machine.
std::string DescribeSpec(const Spec& spec);

}  // namespace crm::spec
