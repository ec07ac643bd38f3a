#include "reports/journal/rows.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Timestamp.h>

#include <cmath>

#include "core/db/cells.h"

namespace crm::reports {

std::vector<Row> QueryRows(db::Database& db, const std::string& what, const std::string& sql,
                           const std::vector<Param>& params) {
  std::vector<Row> rows;
  db.Guard("reading " + what, [&] {
    soci::row row;
    soci::statement st(db.session());
    std::vector<Param> bound = params;
    for (Param& p : bound) {
      if (auto* number = std::get_if<long long>(&p)) {
        st.exchange(soci::use(*number));
      } else {
        st.exchange(soci::use(std::get<std::string>(p)));
      }
    }
    st.exchange(soci::into(row));
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
    st.execute(false);
    while (st.fetch()) {
      Row out(row.size());
      for (size_t i = 0; i < row.size(); ++i) {
        if (row.get_indicator(i) != soci::i_null) out[i] = db::CellText(row, i);
      }
      rows.push_back(std::move(out));
    }
  });
  return rows;
}

std::string Text(const Row& row, size_t i) {
  return i < row.size() && row[i] ? *row[i] : std::string();
}

std::optional<int64_t> OptInteger(const Row& row, size_t i) {
  if (i >= row.size() || !row[i]) return std::nullopt;
  try {
    size_t used = 0;
    const long long v = std::stoll(*row[i], &used);
    if (used == row[i]->size()) return v;
    return static_cast<int64_t>(std::stod(*row[i]));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

int64_t Integer(const Row& row, size_t i) { return OptInteger(row, i).value_or(0); }

std::optional<double> EpochSeconds(const std::string& iso) {
  if (iso.empty()) return std::nullopt;
  Poco::DateTime parsed;
  int tz = 0;
  if (!Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, iso, parsed,
                                      tz) &&
      !Poco::DateTimeParser::tryParse(iso, parsed, tz)) {
    return std::nullopt;
  }
  return static_cast<double>(parsed.timestamp().epochMicroseconds()) / 1e6 - tz;
}

double RoundMillis(double seconds) { return std::round(seconds * 1000) / 1000; }

std::optional<double> DurationSeconds(const std::string& started_at,
                                      const std::string& finished_at) {
  std::optional<double> a = EpochSeconds(started_at), b = EpochSeconds(finished_at);
  if (!a || !b) return std::nullopt;
  return *b - *a;
}

}  // namespace crm::reports
