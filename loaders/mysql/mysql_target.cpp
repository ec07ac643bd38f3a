// MySQL/MariaDB target: multi-row INSERT … ON DUPLICATE KEY UPDATE, up to
// TargetTraits::rows_per_statement rows a statement, every value bound. SOCI's bulk binding
// would send one statement per row to MySQL; one statement for hundreds of rows is what makes
// the server fast (one parse, one round trip, one index maintenance pass).
#include "loaders/sql/sql_target.h"

namespace crm::loaders {
namespace {

class MysqlTarget : public SqlTarget {
 public:
  explicit MysqlTarget(std::unique_ptr<db::Database> db)
      : SqlTarget(std::move(db), TargetTraitsFor(db::Dialect::kMysql)) {}

  void Write(const WriteSpec& spec, const std::vector<Row>& rows) override {
    const size_t per = traits().rows_per_statement;
    for (size_t start = 0; start < rows.size(); start += per) {
      const size_t end = std::min(rows.size(), start + per);
      // Stable storage for the bound values: SOCI keeps references until execute().
      std::vector<std::string> values;
      std::vector<soci::indicator> indicators;
      values.reserve((end - start) * spec.columns.size());
      indicators.reserve(values.capacity());
      for (size_t r = start; r < end; ++r) {
        for (const Value& v : rows[r]) {
          values.push_back(v.value_or(std::string()));
          indicators.push_back(v ? soci::i_ok : soci::i_null);
        }
      }
      const std::string sql = InsertSql(spec, end - start);
      Run("writing " + spec.table, [&] {
        soci::statement st(db().session());
        for (size_t i = 0; i < values.size(); ++i) st.exchange(soci::use(values[i], indicators[i]));
        st.alloc();
        st.prepare(sql);
        st.define_and_bind();
        st.execute(true);
      });
    }
  }
};

}  // namespace

std::unique_ptr<Target> MakeMysqlTarget(std::unique_ptr<db::Database> db) {
  return std::make_unique<MysqlTarget>(std::move(db));
}

}  // namespace crm::loaders
