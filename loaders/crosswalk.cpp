#include "loaders/crosswalk.h"

#include <filesystem>

#include "core/common/error.h"
#include "core/db/staging_schema.h"
#include "core/db/text_stream.h"
#include "loaders/plan.h"
#include "loaders/target.h"
#include "loaders/sql/target_traits.h"

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

CrosswalkWriter::CrosswalkWriter(const spec::Spec& spec, db::Database& staging, int64_t load_id)
    : staging_(staging), load_id_(load_id) {
  namespace fs = std::filesystem;
  fs::path path(spec.cutover.crosswalk);
  if (path.is_relative()) path = fs::path(spec.base_dir) / path;
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  path_ = path.string();
  part_ = path_ + ".part";
  out_.open(part_, std::ios::binary | std::ios::trunc);
  if (!out_) throw Error(ErrorCategory::kIo, "cannot write the crosswalk " + part_);
  out_ << "entity,source,source_line,source_key,golden_key,target_table,target_id\r\n";
}

CrosswalkWriter::~CrosswalkWriter() {
  if (committed_) return;
  out_.close();
  std::error_code ec;
  std::filesystem::remove(part_, ec);
}

void CrosswalkWriter::Write(const EntityPlan& plan, const std::optional<std::string>& after,
                            const std::optional<std::string>& last) {
  db::Database& staging = staging_;
  auto q = [&](std::string_view name) { return staging.Quote(name); };
  // Every column as text, which StreamText reads (the line number is an integer).
  const TargetTraits& traits = TargetTraitsFor(staging.traits().dialect);
  auto text = [&](const std::string& expr) {
    return std::string(traits.text_cast_open) + expr + std::string(traits.text_cast_close);
  };
  const std::string& entity = plan.entity->name;
  std::string sql =
      "SELECT x." + q(db::kColSource) + ", " + text("x." + q(db::kColLine)) + ", x." +
      q("_crm_source_key") + ", x." + q("_crm_gold_key") + ", c." + q("target_id") + " FROM " +
      q(db::XrefTableName(entity)) + " x LEFT JOIN " + q("_crosswalk") + " c ON c." +
      q("load_id") + " = x." + q(db::kColLoad) + " AND c." + q("entity") + " = :e AND c." +
      q("gold_key") + " = x." + q("_crm_gold_key") + " WHERE x." + q(db::kColLoad) + " = " +
      std::to_string(load_id_);
  std::vector<std::string> params{entity};
  if (after) {
    sql += " AND x." + q("_crm_gold_key") + " > :after";
    params.push_back(*after);
  }
  if (last) {
    sql += " AND x." + q("_crm_gold_key") + " <= :last";
    params.push_back(*last);
  }
  sql += " ORDER BY x." + q("_crm_gold_key") + ", x." + q(db::kColSource) + ", x." +
         q(db::kColLine);
  std::string line;
  db::StreamText(staging, sql, 5, params, "reading the crosswalk of " + entity,
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
    out_ << line;
  });
  if (!out_) throw Error(ErrorCategory::kIo, "cannot write the crosswalk " + part_);
}

std::string CrosswalkWriter::Commit() {
  out_.close();
  if (!out_) throw Error(ErrorCategory::kIo, "cannot write the crosswalk " + part_);
  std::error_code ec;
  std::filesystem::rename(part_, path_, ec);
  if (ec) {
    throw Error(ErrorCategory::kIo, "cannot move the crosswalk into place at " + path_ + ": " +
                                        ec.message());
  }
  committed_ = true;
  return path_;
}

std::string WriteCrosswalk(const spec::Spec& spec, db::Database& staging,
                           const std::vector<EntityPlan>& plans, int64_t load_id) {
  CrosswalkWriter writer(spec, staging, load_id);
  for (const EntityPlan& plan : plans) writer.Write(plan, std::nullopt, std::nullopt);
  return writer.Commit();
}

}  // namespace crm::loaders
