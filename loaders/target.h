// One lifecycle for every target kind: Begin → Write… → Commit or Rollback (and savepoints, for
// the dry run and for isolating refused rows inside one outer transaction). Each kind lives in
// its own folder (sql/, postgres/, mysql/, csv_export/); what differs between databases is data
// in its TargetTraits (sql/target_traits.h), not conditionals in the cutover.
//
// Values cross this interface as text (std::nullopt is NULL), already in the form the target
// takes (ids made, references resolved, timestamps formatted by FormatForTarget). Reads return
// text too, in the canonical form of values.h, so the cutover compares like with like.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/db/dialect.h"
#include "core/db/url.h"

namespace crm::loaders {

using Value = std::optional<std::string>;
using Row = std::vector<Value>;

// A refused row or statement: data or constraint errors the target reports for what was sent
// (as opposed to crm::Error kIo: the target could not be reached or the connection broke).
class RowsRefused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
  // A target that can tell, before writing any of them, which rows it refuses names them: the
  // index of each in the Write's `rows` → the reason. Nothing of that Write was sent, and the
  // caller may write the others again without them instead of isolating them one by one.
  RowsRefused(const std::string& message, std::map<size_t, std::string> rows)
      : std::runtime_error(message), rows_(std::move(rows)) {}
  // Empty when the Write was refused as a whole.
  const std::map<size_t, std::string>& rows() const { return rows_; }

 private:
  std::map<size_t, std::string> rows_;
};

struct TargetColumn {
  std::string name;
  std::string type;         // as the target declares it, lower case ("varchar", "text", "uuid")
  bool not_null = false;
  bool has_default = false;  // a default or an auto-numbered column: may be left unfilled
  int64_t max_length = 0;    // declared character length; 0 when none
};

struct TargetTable {
  bool exists = false;
  std::vector<TargetColumn> columns;
  std::vector<std::vector<std::string>> unique_keys;  // primary key and unique indexes

  const TargetColumn* Find(const std::string& column) const;  // case-insensitive
  bool IsUnique(const std::vector<std::string>& columns) const;
};

// What one Write does with rows whose conflict key exists already.
struct WriteSpec {
  std::string table;
  std::vector<std::string> columns;
  std::vector<std::string> conflict_keys;   // a unique key among columns
  std::vector<std::string> update_columns;  // set from the new row on conflict; empty: keep
  // Every row written is new to the table (the first load into a table that was empty): a
  // target may then write without conflict handling; a conflict is refused like any other.
  bool all_new = false;
};

// A table to create (--create-target): columns with logical types, a primary key, unique keys.
struct CreateSpec {
  std::string table;
  std::vector<std::pair<std::string, db::LogicalType>> columns;
  std::vector<std::string> primary_key;
  std::vector<std::vector<std::string>> unique_keys;
  std::vector<std::string> not_null;
};

class Target {
 public:
  virtual ~Target() = default;

  virtual const std::string& masked_url() const = 0;
  // The SQL dialect for DDL, or nullptr for a target without SQL (CSV export).
  virtual const db::DialectTraits* dialect() const = 0;
  // False for CSV export: nothing to introspect, read back or refuse.
  virtual bool is_database() const { return true; }

  virtual TargetTable Describe(const std::string& table) = 0;
  virtual void Create(const CreateSpec& table) = 0;
  // Called once per WriteSpec before the first transaction (temporary tables, statements).
  virtual void Prepare(const WriteSpec& spec) { (void)spec; }

  virtual void Begin() = 0;
  virtual void Commit() = 0;
  virtual void Rollback() = 0;  // never throws
  virtual void Savepoint(const std::string& name) = 0;
  virtual void ReleaseSavepoint(const std::string& name) = 0;
  virtual void RollbackToSavepoint(const std::string& name) = 0;

  // Inserts `rows` (each with spec.columns.size() values); a row whose conflict key exists is
  // updated in spec.update_columns, or left alone when that list is empty. Throws RowsRefused
  // when the target refuses the data (naming the rows when it knows them before writing),
  // crm::Error(kIo) when it cannot be reached.
  virtual void Write(const WriteSpec& spec, const std::vector<Row>& rows) = 0;

  // Rows of `table` whose `key_column` is one of `keys`, each as text: the key, then the values
  // of `columns`. Several rows may share a key (link tables). Empty for CSV export.
  virtual std::vector<Row> Read(const std::string& table, const std::string& key_column,
                                const std::vector<std::string>& columns,
                                const std::vector<std::string>& keys) = 0;
  // Deletes the rows of `table` whose `key_columns` equal one of `keys` (one value per column).
  virtual void Delete(const std::string& table, const std::vector<std::string>& key_columns,
                      const std::vector<std::vector<std::string>>& keys) = 0;
  virtual void DeleteAll(const std::string& table) = 0;
  virtual int64_t Count(const std::string& table) = 0;

  // CSV export: moves finished files into place. Databases: nothing.
  virtual void Finish(bool keep) { (void)keep; }
};

struct TargetOptions {
  bool dry_run = false;  // CSV export writes no file at all
  bool create = false;   // --create-target: a missing SQLite file is created (else exit 3)
};

// Connects to the target named by `url` (relative paths against base_dir). Throws
// crm::Error(kIo) naming the masked URL when it cannot be reached, kSpec for a bad URL.
std::unique_ptr<Target> OpenTarget(std::string_view url, std::string_view base_dir,
                                   const TargetOptions& options);

}  // namespace crm::loaders
