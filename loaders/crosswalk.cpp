// The crosswalk CSV: one line per staged record — entity, source, source line, the staged key,
// the golden record it went into and the target table and id it was loaded as — so the
// integrations that pointed at the old systems can be repointed. In golden key order (the
// records merged into one golden record together, by source and line): xref_<entity> is read in
// the order of its (load, golden key) index, and the target ids that the load put in _crosswalk
// are read alongside it a key range at a time and looked up in memory. A join looked each id up
// in _crosswalk's B-tree, which took two thirds of the pass. Written to a .part file, moved
// into place.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <unordered_map>

#include "core/common/error.h"
#include "core/db/staging_schema.h"
#include "core/db/text_stream.h"
#include "loaders/plan.h"
#include "loaders/target.h"

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

// The staged records of one golden record: source, line, source key.
struct Member {
  std::string source;
  std::optional<long long> line;
  std::string source_key;
};

// Writes the crosswalk lines of one entity.
class EntityCrosswalk {
 public:
  EntityCrosswalk(db::Database& staging, const EntityPlan& plan, int64_t load_id,
                  std::ofstream& out)
      : staging_(staging), plan_(plan), load_id_(load_id), out_(out) {}

  void Write() {
    // Ranges of up to kIdsPerRange target ids; the last range is open.
    std::optional<std::string> after, last;
    do {
      last = ReadIds(after);
      WriteRange(after, last);
      after = last;
    } while (last);
    Send();
  }

 private:
  std::string Q(std::string_view name) const { return staging_.Quote(name); }

  // The target ids of the golden keys after `after`, kIdsPerRange of them; the last key read,
  // or nullopt when they were the last.
  std::optional<std::string> ReadIds(const std::optional<std::string>& after) {
    ids_.clear();
    ids_.reserve(kIdsPerRange);
    std::string sql = "SELECT " + Q("gold_key") + ", " + Q("target_id") + " FROM " +
                      Q("_crosswalk") + " WHERE " + Q("load_id") + " = " +
                      std::to_string(load_id_) + " AND " + Q("entity") + " = :e";
    std::vector<std::string> params{plan_.entity->name};
    if (after) {
      sql += " AND " + Q("gold_key") + " > :a";
      params.push_back(*after);
    }
    sql += " ORDER BY " + Q("gold_key") + " LIMIT " + std::to_string(kIdsPerRange);
    std::optional<std::string> last;
    db::StreamText(staging_, sql, 2, params, "reading the target ids of " + plan_.entity->name,
                   [&](const db::TextRow& r) {
                     last = r[0].value_or("");
                     ids_[*last] = r[1];
                   });
    if (ids_.size() < kIdsPerRange) return std::nullopt;
    return last;
  }

  // The lines of the staged records whose golden key is in (after, last].
  void WriteRange(const std::optional<std::string>& after,
                  const std::optional<std::string>& last) {
    std::string sql = "SELECT " + Q("_crm_gold_key") + ", " + Q(db::kColSource) + ", " +
                      db::AsText(staging_, Q(db::kColLine)) + ", " + Q("_crm_source_key") +
                      " FROM " + Q(db::XrefTableName(plan_.entity->name)) + " WHERE " +
                      Q(db::kColLoad) + " = " + std::to_string(load_id_);
    std::vector<std::string> params;
    if (after) {
      sql += " AND " + Q("_crm_gold_key") + " > :a";
      params.push_back(*after);
    }
    if (last) {
      sql += " AND " + Q("_crm_gold_key") + " <= :l";
      params.push_back(*last);
    }
    sql += " ORDER BY " + Q("_crm_gold_key");
    db::StreamText(staging_, sql, 4, params, "reading the crosswalk of " + plan_.entity->name,
                   [&](const db::TextRow& r) {
                     const std::string& gold = r[0].value_or("");
                     if (gold != gold_) Flush();
                     if (members_.empty()) gold_ = gold;
                     members_.push_back({r[1].value_or(""),
                                         r[2] ? std::optional<long long>(std::stoll(*r[2]))
                                              : std::nullopt,
                                         r[3].value_or("")});
                   });
    Flush();
  }

  // The lines of the golden record gold_, its members by source and line.
  void Flush() {
    if (members_.empty()) return;
    std::sort(members_.begin(), members_.end(), [](const Member& a, const Member& b) {
      return std::tie(a.source, a.line) < std::tie(b.source, b.line);
    });
    auto id = ids_.find(gold_);
    const Value no_id;
    const Value& target_id = id == ids_.end() ? no_id : id->second;
    if (entity_field_.empty()) {
      Field(plan_.entity->name, &entity_field_);
      Field(plan_.table, &table_field_);
    }
    for (const Member& m : members_) {
      lines_ += entity_field_;
      lines_ += ',';
      Field(m.source, &lines_);
      lines_ += ',';
      if (m.line) lines_ += std::to_string(*m.line);
      lines_ += ',';
      Field(m.source_key, &lines_);
      lines_ += ',';
      Field(gold_, &lines_);
      lines_ += ',';
      lines_ += table_field_;
      lines_ += ',';
      Field(target_id, &lines_);
      lines_ += "\r\n";
    }
    members_.clear();
    if (lines_.size() >= kFlushBytes) Send();
  }

  void Send() {
    out_.write(lines_.data(), static_cast<std::streamsize>(lines_.size()));
    lines_.clear();
  }

  db::Database& staging_;
  const EntityPlan& plan_;
  int64_t load_id_;
  std::ofstream& out_;
  std::unordered_map<std::string, Value> ids_;  // golden key → target id, of one range
  std::string gold_;                             // the golden key of members_
  std::vector<Member> members_;
  std::string entity_field_, table_field_;  // the entity's and its table's CSV fields
  std::string lines_;                       // lines not yet written, up to kFlushBytes
};

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
  for (const EntityPlan& plan : plans) EntityCrosswalk(staging, plan, load_id, out).Write();
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
