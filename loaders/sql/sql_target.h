// A target reached through SOCI: SQLite, and any ODBC data source (with the traits of the product
// behind the driver). PostgreSQL (postgres/) and MySQL/MariaDB (mysql/) derive from it and
// replace only Write with their fast paths; introspection, reads, deletes and transactions are
// the same SQL for all, shaped by TargetTraits and core/db's DialectTraits.
#pragma once

#include <memory>

#include "core/db/database.h"
#include "loaders/sql/target_traits.h"
#include "loaders/target.h"

namespace crm::loaders {

class SqlTarget : public Target {
 public:
  // Runs the traits' session setup. Throws crm::Error(kIo) when it fails.
  SqlTarget(std::unique_ptr<db::Database> db, const TargetTraits& traits);

  const std::string& masked_url() const override { return db_->masked_url(); }
  const db::DialectTraits* dialect() const override { return &db_->traits(); }
  const TargetTraits& traits() const { return traits_; }

  TargetTable Describe(const std::string& table) override;
  void Create(const CreateSpec& table) override;

  void Begin() override;
  void Commit() override;
  void Rollback() override;
  void Savepoint(const std::string& name) override;
  void ReleaseSavepoint(const std::string& name) override;
  void RollbackToSavepoint(const std::string& name) override;

  // One statement executed with SOCI's bulk binding (a vector per column).
  void Write(const WriteSpec& spec, const std::vector<Row>& rows) override;
  std::vector<Row> Read(const std::string& table, const std::string& key_column,
                        const std::vector<std::string>& columns,
                        const std::vector<std::string>& keys) override;
  void Delete(const std::string& table, const std::vector<std::string>& key_columns,
              const std::vector<std::vector<std::string>>& keys) override;
  void DeleteAll(const std::string& table) override;
  int64_t Count(const std::string& table) override;

 protected:
  db::Database& db() { return *db_; }
  // INSERT … (one row of placeholders) with the dialect's conflict clause for `spec`.
  std::string InsertSql(const WriteSpec& spec, size_t rows = 1) const;
  // Turns a driver exception into RowsRefused (the data was refused) or crm::Error(kIo).
  [[noreturn]] void Fail(const std::exception& e, std::string_view doing);
  // Runs `fn`, translating driver exceptions through Fail.
  template <typename Fn>
  auto Run(std::string_view doing, Fn&& fn) -> decltype(fn()) {
    try {
      return fn();
    } catch (const Error&) {
      throw;
    } catch (const RowsRefused&) {
      throw;
    } catch (const std::exception& e) {
      Fail(e, doing);
    }
  }

 private:
  std::unique_ptr<db::Database> db_;
  const TargetTraits& traits_;
};

// A cell of a result row as text (numbers and dates formatted), std::nullopt for NULL.
Value CellText(const soci::row& row, size_t i);

std::unique_ptr<Target> MakePostgresTarget(std::unique_ptr<db::Database> db);
std::unique_ptr<Target> MakeMysqlTarget(std::unique_ptr<db::Database> db);
std::unique_ptr<Target> MakeCsvTarget(const db::DatabaseUrl& url, const TargetOptions& options);

}  // namespace crm::loaders
