// The crosswalk CSV, a golden key range at a time: xref_<entity> is read in the order of its
// (load, golden key) index and the range's target ids, which the load put in _crosswalk, are
// looked up in memory. A join looked each id up in _crosswalk's B-tree, which took two thirds
// of the pass.
#include "loaders/crosswalk.h"

#include <algorithm>
#include <filesystem>

#include "core/common/error.h"
#include "core/db/staging_schema.h"
#include "core/db/text_stream.h"

namespace crm::loaders {
namespace {

// Target ids read per range: one range's ids are held at a time.
constexpr size_t kIdsPerRange = 10000;
constexpr size_t kFlushBytes = 64u << 10;

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

// Adds "AND column > :a AND column <= :l" to `sql` for the bounds given, and their values.
void KeyRange(const std::string& column, const std::optional<std::string>& after,
              const std::optional<std::string>& last, std::string* sql,
              std::vector<std::string>* params) {
  if (after) {
    *sql += " AND " + column + " > :a";
    params->push_back(*after);
  }
  if (last) {
    *sql += " AND " + column + " <= :l";
    params->push_back(*last);
  }
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
  lines_ = "entity,source,source_line,source_key,golden_key,target_table,target_id\r\n";
}

CrosswalkWriter::~CrosswalkWriter() {
  if (committed_) return;
  out_.close();
  std::error_code ec;
  std::filesystem::remove(part_, ec);
}

void CrosswalkWriter::Write(const EntityPlan& plan, const std::optional<std::string>& after,
                            const std::optional<std::string>& last) {
  ReadIds(plan, after, last, 0);
  WriteMembers(plan, after, last);
}

void CrosswalkWriter::WriteAll(const EntityPlan& plan) {
  std::optional<std::string> after, last;
  do {
    last = ReadIds(plan, after, std::nullopt, kIdsPerRange);
    // Fewer ids than asked for: they were the last, and the range stays open.
    if (ids_.size() < kIdsPerRange) last.reset();
    WriteMembers(plan, after, last);
    after = last;
  } while (last);
}

std::string CrosswalkWriter::Commit() {
  Send();
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

std::optional<std::string> CrosswalkWriter::ReadIds(const EntityPlan& plan,
                                                    const std::optional<std::string>& after,
                                                    const std::optional<std::string>& last,
                                                    size_t limit) {
  auto q = [&](std::string_view name) { return staging_.Quote(name); };
  ids_.clear();
  std::string sql = "SELECT " + q("gold_key") + ", " + q("target_id") + " FROM " +
                    q("_crosswalk") + " WHERE " + q("load_id") + " = " +
                    std::to_string(load_id_) + " AND " + q("entity") + " = :e";
  std::vector<std::string> params{plan.entity->name};
  KeyRange(q("gold_key"), after, last, &sql, &params);
  if (limit > 0) sql += " ORDER BY " + q("gold_key") + " LIMIT " + std::to_string(limit);
  std::optional<std::string> read;
  db::StreamText(staging_, sql, 2, params, "reading the target ids of " + plan.entity->name,
                 [&](const db::TextRow& r) {
                   read = r[0].value_or("");
                   ids_[*read] = r[1];
                 });
  return read;
}

void CrosswalkWriter::WriteMembers(const EntityPlan& plan,
                                   const std::optional<std::string>& after,
                                   const std::optional<std::string>& last) {
  auto q = [&](std::string_view name) { return staging_.Quote(name); };
  std::string sql = "SELECT " + q("_crm_gold_key") + ", " + q(db::kColSource) + ", " +
                    db::AsText(staging_, q(db::kColLine)) + ", " + q("_crm_source_key") +
                    " FROM " + q(db::XrefTableName(plan.entity->name)) + " WHERE " +
                    q(db::kColLoad) + " = " + std::to_string(load_id_);
  std::vector<std::string> params;
  KeyRange(q("_crm_gold_key"), after, last, &sql, &params);
  sql += " ORDER BY " + q("_crm_gold_key");
  db::StreamText(staging_, sql, 4, params, "reading the crosswalk of " + plan.entity->name,
                 [&](const db::TextRow& r) {
                   const std::string& gold = r[0].value_or("");
                   if (gold != gold_) Flush(plan);
                   if (members_.empty()) gold_ = gold;
                   members_.push_back({r[1].value_or(""),
                                       r[2] ? std::optional<long long>(std::stoll(*r[2]))
                                            : std::nullopt,
                                       r[3].value_or("")});
                 });
  Flush(plan);
  if (lines_.size() >= kFlushBytes) Send();
  if (!out_) throw Error(ErrorCategory::kIo, "cannot write the crosswalk " + part_);
}

// The lines of the golden record gold_, its members by source and line.
void CrosswalkWriter::Flush(const EntityPlan& plan) {
  if (members_.empty()) return;
  std::sort(members_.begin(), members_.end(), [](const Member& a, const Member& b) {
    return std::tie(a.source, a.line) < std::tie(b.source, b.line);
  });
  auto id = ids_.find(gold_);
  const Value no_id;
  const Value& target_id = id == ids_.end() ? no_id : id->second;
  for (const Member& m : members_) {
    Field(plan.entity->name, &lines_);
    lines_ += ',';
    Field(m.source, &lines_);
    lines_ += ',';
    if (m.line) lines_ += std::to_string(*m.line);
    lines_ += ',';
    Field(m.source_key, &lines_);
    lines_ += ',';
    Field(gold_, &lines_);
    lines_ += ',';
    Field(plan.table, &lines_);
    lines_ += ',';
    Field(target_id, &lines_);
    lines_ += "\r\n";
  }
  members_.clear();
}

void CrosswalkWriter::Send() {
  out_.write(lines_.data(), static_cast<std::streamsize>(lines_.size()));
  lines_.clear();
}

}  // namespace crm::loaders
