// The crosswalk CSV: one line per staged record — entity, source, source line, the staged key,
// the golden record it went into and the target table and id it was loaded as — so the
// integrations that pointed at the old systems can be repointed. Read from xref_<entity> and the
// _crosswalk the load filled batch by batch, in golden key order (the records merged into one
// golden record together): the order of xref_'s index and of _crosswalk, so nothing is sorted
// and each id is looked up next to the one before. Written to a .part file, moved into place.
#include <filesystem>
#include <fstream>

#include "core/common/error.h"
#include "core/db/staging_schema.h"
#include "core/db/text_stream.h"
#include "loaders/plan.h"
#include "loaders/target.h"

namespace crm::loaders {
namespace {

void Field(const Value& value, std::string* out) {
  if (!value) return;
  const std::string& s = *value;
  if (!s.empty() && s.find_first_of(",\"\r\n") == std::string::npos) {
    *out += s;
    return;
  }
  *out += '"';
  for (char c : s) {
    if (c == '"') *out += '"';
    *out += c;
  }
  *out += '"';
}

}  // namespace

std::string WriteCrosswalk(const spec::Spec& spec, db::Database& staging,
                           const std::vector<EntityPlan>& plans, int64_t load_id) {
  namespace fs = std::filesystem;
  fs::path path(spec.cutover.crosswalk);
  if (path.is_relative()) path = fs::path(spec.base_dir) / path;
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  const fs::path part(path.string() + ".part");
  std::ofstream out(part, std::ios::binary | std::ios::trunc);
  if (!out) {
    throw Error(ErrorCategory::kIo, "cannot write the crosswalk " + part.string());
  }
  out << "entity,source,source_line,source_key,golden_key,target_table,target_id\r\n";
  auto q = [&](std::string_view name) { return staging.Quote(name); };
  for (const EntityPlan& plan : plans) {
    const std::string& entity = plan.entity->name;
    const std::string sql =
        "SELECT x." + q(db::kColSource) + ", " + db::AsText(staging, "x." + q(db::kColLine)) + ", x." +
        q("_crm_source_key") + ", x." + q("_crm_gold_key") + ", c." + q("target_id") + " FROM " +
        q(db::XrefTableName(entity)) + " x LEFT JOIN " + q("_crosswalk") + " c ON c." +
        q("load_id") + " = x." + q(db::kColLoad) + " AND c." + q("entity") + " = :e AND c." +
        q("gold_key") + " = x." + q("_crm_gold_key") + " WHERE x." + q(db::kColLoad) + " = " +
        std::to_string(load_id) + " ORDER BY x." + q("_crm_gold_key") + ", x." + q(db::kColSource) + ", x." +
        q(db::kColLine);
    std::string line;
    db::StreamText(staging, sql, 5, {entity}, "reading the crosswalk of " + entity,
                   [&](const db::TextRow& r) {
      line.clear();
      Field(entity, &line);
      for (size_t i = 0; i < 4; ++i) {
        line += ',';
        Field(r[i], &line);
      }
      line += ',';
      Field(plan.table, &line);
      line += ',';
      Field(r[4], &line);
      line += "\r\n";
      out << line;
    });
  }
  out.close();
  if (!out) throw Error(ErrorCategory::kIo, "cannot write the crosswalk " + part.string());
  fs::rename(part, path, ec);
  if (ec) {
    throw Error(ErrorCategory::kIo, "cannot move the crosswalk into place at " + path.string() +
                                        ": " + ec.message());
  }
  return path.string();
}

}  // namespace crm::loaders
