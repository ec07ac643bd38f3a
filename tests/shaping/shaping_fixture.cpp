#include "tests/shaping/shaping_fixture.h"

#include <filesystem>
#include <map>
#include <sstream>

#include "core/common/text.h"
#include "core/db/staging_schema.h"

namespace crm::testing {
namespace {

std::string RawColumnName(const std::string& source_name) {
  std::string out;
  for (char c : source_name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    out += ok ? c : '_';
  }
  if (out.empty() || (out[0] >= '0' && out[0] <= '9')) out = "c_" + out;
  return out;
}

struct RawBlock {
  std::string source;
  std::map<std::string, int64_t> counts;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

std::vector<RawBlock> ParseRaw(const std::string& text) {
  std::vector<RawBlock> blocks;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (line[0] == '[') {
      RawBlock b;
      size_t close = line.find(']');
      b.source = line.substr(1, close - 1);
      for (const std::string& part : Split(line.substr(close + 1), ' ')) {
        size_t eq = part.find('=');
        if (eq != std::string::npos) b.counts[part.substr(0, eq)] = std::stoll(part.substr(eq + 1));
      }
      blocks.push_back(std::move(b));
    } else if (blocks.back().header.empty()) {
      blocks.back().header = Split(line, '|');
    } else {
      blocks.back().rows.push_back(Split(line, '|'));
    }
  }
  return blocks;
}

}  // namespace

ShapingDb OpenShapingDb(const std::string& name) {
  auto path = std::filesystem::temp_directory_path() / ("crm_shaping_" + name + ".db");
  std::filesystem::remove(path);
  ShapingDb s;
  s.db = db::OpenStaging("sqlite:" + path.string(), "");
  s.journal = std::make_unique<db::Journal>(*s.db);
  db::RunStart start;
  start.command = "stage";
  s.run_id = s.journal->BeginRun(start);
  return s;
}

int64_t LandRawText(ShapingDb& s, const std::string& raw_text, const std::string& subset) {
  int64_t load = s.journal->CreateLoad(s.run_id, subset, "test");
  soci::session& sql = s.db->session();
  for (const RawBlock& b : ParseRaw(raw_text)) {
    std::vector<std::string> raw_columns;
    for (const std::string& h : b.header) raw_columns.push_back(RawColumnName(h));
    db::CreateTable(*s.db, db::RawTableDef(b.source, raw_columns));
    std::vector<std::string> columns = {"_crm_load", "_crm_run", "_crm_line", "_crm_offset",
                                        "_crm_hash"};
    columns.insert(columns.end(), raw_columns.begin(), raw_columns.end());
    std::string insert = db::InsertSql(s.db->traits(), db::RawTableName(b.source), columns);
    for (size_t r = 0; r < b.rows.size(); ++r) {
      soci::statement st(sql);
      std::vector<std::string> values = {std::to_string(load), std::to_string(s.run_id),
                                         std::to_string(r + 2), std::to_string(100 * (r + 2)),
                                         "h" + std::to_string(r + 2)};
      for (size_t c = 0; c < raw_columns.size(); ++c) {
        values.push_back(c < b.rows[r].size() ? b.rows[r][c] : "\\N");
      }
      std::vector<soci::indicator> ind(values.size(), soci::i_ok);
      for (size_t c = 0; c < values.size(); ++c) {
        if (values[c] == "\\N") ind[c] = soci::i_null;
        st.exchange(soci::use(values[c], ind[c]));
      }
      st.alloc();
      st.prepare(insert);
      st.define_and_bind();
      st.execute(true);
    }
    for (size_t c = 0; c < b.header.size(); ++c) {
      long long pos = static_cast<long long>(c), raw_load = load;
      sql << "INSERT INTO _source_columns (raw_load_id, source, position, source_name, "
             "raw_column) VALUES (:a, :b, :c, :d, :e)",
          soci::use(raw_load), soci::use(b.source), soci::use(pos), soci::use(b.header[c]),
          soci::use(raw_columns[c]);
    }
    auto count = [&](const char* name, int64_t def) {
      auto it = b.counts.find(name);
      return static_cast<long long>(it == b.counts.end() ? def : it->second);
    };
    long long landed = static_cast<long long>(b.rows.size());
    long long extracted = count("extracted", landed), suppressed = count("suppressed", 0),
              rejected = count("rejected", 0), load_ll = load;
    sql << "INSERT INTO _load_sources (load_id, source, fingerprint, raw_load_id, extracted, "
           "suppressed, rejected, landed) VALUES (:l, :s, 'fp', :r, :e, :su, :re, :la)",
        soci::use(load_ll), soci::use(b.source), soci::use(load_ll), soci::use(extracted),
        soci::use(suppressed), soci::use(rejected), soci::use(landed);
  }
  return load;
}

std::string RenderStaged(ShapingDb& s, const spec::Spec& spec, int64_t load_id,
                         bool with_bucket) {
  std::string out;
  for (const spec::Entity& e : spec.entities) {
    std::string table = db::StagedTableName(e.name);
    if (!s.db->HasTable(table)) continue;
    out += table + "\n";
    long long load = load_id;
    soci::rowset<soci::row> rs = (s.db->session().prepare
                                      << "SELECT * FROM " + table +
                                             " WHERE _crm_load = :l ORDER BY _crm_source, "
                                             "_crm_line",
                                  soci::use(load));
    for (const soci::row& row : rs) {
      std::string line = " ";
      for (size_t i = 0; i < row.size(); ++i) {
        std::string name = row.get_properties(i).get_name();
        if (name == "_crm_row" || name == "_crm_load" || name == "_crm_run" ||
            name == "_crm_hash" || name == "_crm_offset" || (name == "_crm_bucket" && !with_bucket)) {
          continue;
        }
        std::string value;
        if (row.get_indicator(i) == soci::i_null) {
          continue;  // NULLs are left out: a line shows what was staged
        }
        switch (row.get_properties(i).get_data_type()) {
          case soci::dt_string:
            value = row.get<std::string>(i);
            break;
          case soci::dt_integer:
            value = std::to_string(row.get<int>(i));
            break;
          case soci::dt_long_long:
            value = std::to_string(row.get<long long>(i));
            break;
          case soci::dt_double: {
            std::ostringstream d;
            d << row.get<double>(i);
            value = d.str();
            break;
          }
          default:
            value = "?";
        }
        if (name == "_crm_source") name = "src";
        if (name == "_crm_line") name = "line";
        line += " " + name + "=" + value;
      }
      out += line + "\n";
    }
  }
  return out;
}

std::string RenderRejects(ShapingDb& s) {
  std::string out = "rejects\n";
  soci::rowset<soci::row> rs =
      (s.db->session().prepare << "SELECT source, entity, line, byte_offset, column_name, kind, "
                                  "raw_text, message FROM _rejects ORDER BY id");
  for (const soci::row& row : rs) {
    auto text = [&](size_t i) {
      return row.get_indicator(i) == soci::i_null ? std::string("NULL") : row.get<std::string>(i);
    };
    auto number = [&](size_t i) {
      if (row.get_indicator(i) == soci::i_null) return std::string("NULL");
      return row.get_properties(i).get_data_type() == soci::dt_integer
                 ? std::to_string(row.get<int>(i))
                 : std::to_string(row.get<long long>(i));
    };
    out += "  " + text(0) + "/" + text(1) + " line " + number(2) + " @" + number(3) + " [" +
           text(4) + "] " + text(5) + " raw='" + text(6) + "': " + text(7) + "\n";
  }
  return out;
}

std::string RenderResult(const staging::ShapeResult& result) {
  std::string out;
  for (const staging::SourceFunnel& f : result.funnel) {
    out += "funnel " + f.source + "/" + f.entity + ": extracted=" + std::to_string(f.extracted) +
           " out_of_scope=" + std::to_string(f.out_of_scope) +
           " suppressed=" + std::to_string(f.suppressed) +
           " rejected=" + std::to_string(f.rejected) +
           " not_in_subset=" + std::to_string(f.not_in_subset) +
           " staged=" + std::to_string(f.staged) + (f.Balanced() ? " balanced" : " UNBALANCED") +
           "\n";
  }
  for (const std::string& w : result.warnings) out += "warning " + w + "\n";
  for (const std::string& d : result.decisions) out += "decision " + d + "\n";
  return out;
}

}  // namespace crm::testing
