#include "validators/text_cursor.h"

namespace crm::validate {
namespace {

constexpr size_t kBatchRows = 1000;

}  // namespace

void StreamText(db::Database& db, const std::string& sql, size_t columns,
                const std::vector<std::string>& params, const std::string& doing,
                const std::function<void(const TextRow&)>& row,
                const std::function<void(size_t)>& batch) {
  db.Guard(doing, [&] {
    std::vector<std::vector<std::string>> values(columns, std::vector<std::string>(kBatchRows));
    std::vector<std::vector<soci::indicator>> inds(columns,
                                                   std::vector<soci::indicator>(kBatchRows));
    soci::statement st(db.session());
    for (size_t c = 0; c < columns; ++c) st.exchange(soci::into(values[c], inds[c]));
    for (const std::string& p : params) st.exchange(soci::use(p));
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
    st.execute();
    TextRow current(columns);
    while (st.fetch()) {
      const size_t n = values.empty() ? 0 : values[0].size();
      for (size_t r = 0; r < n; ++r) {
        for (size_t c = 0; c < columns; ++c) {
          if (inds[c][r] == soci::i_ok) {
            current[c] = std::move(values[c][r]);
          } else {
            current[c].reset();
          }
        }
        row(current);
      }
      if (batch) batch(n);
      // SOCI shrinks the vectors to the rows a fetch returned: grow them back for the next one.
      for (size_t c = 0; c < columns; ++c) {
        values[c].resize(kBatchRows);
        inds[c].resize(kBatchRows);
      }
    }
  });
}

}  // namespace crm::validate
