#include "samples/generator/truth.h"

#include <algorithm>
#include <stdexcept>

#include "samples/generator/text.h"

namespace crm::generator {
namespace {

uint64_t Pack(const RecordRef& ref) {
  return static_cast<uint64_t>(ref.source) << 56 | static_cast<uint64_t>(ref.index);
}
RecordRef Unpack(uint64_t key) {
  return {static_cast<uint8_t>(key >> 56), static_cast<int64_t>(key & ((1ULL << 56) - 1))};
}

std::FILE* OpenOrThrow(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) throw std::runtime_error(path + ": cannot open for writing");
  return f;
}

void WriteOrThrow(std::FILE* f, const std::string& text, const std::string& path) {
  if (std::fwrite(text.data(), 1, text.size(), f) != text.size()) {
    throw std::runtime_error(path + ": write failed");
  }
}

void AppendCounts(const std::map<std::string, int64_t>& counts, std::string* out) {
  out->push_back('{');
  bool first = true;
  for (const auto& [name, n] : counts) {
    if (!first) out->append(", ");
    first = false;
    AppendJsonString(name, out);
    out->append(": ");
    out->append(std::to_string(n));
  }
  out->push_back('}');
}

}  // namespace

Truth::Truth(std::string dir, const GenerateOptions& options)
    : dir_(std::move(dir)), options_(options) {
  defects_ = OpenOrThrow(dir_ + "/truth_defects.jsonl");
}

Truth::~Truth() {
  if (defects_) std::fclose(defects_);
}

void Truth::Add(const Defect& d) {
  const KindInfo& info = Info(d.kind);
  line_.clear();
  line_.append("{\"source\": ");
  AppendJsonString(kSources[d.ref.source], &line_);
  line_.append(", \"record\": ");
  AppendJsonString(d.record, &line_);
  if (d.line > 0) line_.append(", \"line\": " + std::to_string(d.line));
  line_.append(", \"kind\": ");
  AppendJsonString(info.name, &line_);
  line_.append(", \"field\": ");
  AppendJsonString(d.field, &line_);
  line_.append(", \"phase\": ");
  AppendJsonString(info.phase, &line_);
  line_.append(", \"outcome\": ");
  AppendJsonString(info.outcome, &line_);
  if (d.has_value) {
    line_.append(", \"value\": ");
    AppendJsonString(d.value, &line_);
  }
  if (d.kind == Kind::kNearDuplicate) {
    line_.append(", \"duplicate_of\": {\"source\": ");
    AppendJsonString(kSources[d.origin.source], &line_);
    line_.append(", \"record\": ");
    AppendJsonString(d.origin_record, &line_);
    line_.append("}, \"variants\": ");
    AppendJsonString(d.variants, &line_);
    edges_.push_back({Pack(d.origin), Pack(d.ref)});
  }
  line_.append("}\n");
  WriteOrThrow(defects_, line_, dir_ + "/truth_defects.jsonl");
  ++kinds_[std::string(info.name)];
  ++phases_[std::string(info.phase)];
  ++outcomes_[std::string(info.outcome)];
  ++by_source_[std::string(kSources[d.ref.source])][std::string(info.name)];
}

void Truth::Finish(std::string (*record_id)(const RecordRef&), GenerateResult* result) {
  if (std::fclose(defects_) != 0) throw std::runtime_error(dir_ + "/truth_defects.jsonl: close");
  defects_ = nullptr;

  // Clusters: every duplicate points at a clean origin, so grouping by origin is the cluster.
  std::sort(edges_.begin(), edges_.end(), [](const Edge& a, const Edge& b) {
    return a.origin != b.origin ? a.origin < b.origin : a.member < b.member;
  });
  const std::string clusters_path = dir_ + "/truth_clusters.jsonl";
  std::FILE* clusters = OpenOrThrow(clusters_path);
  std::string text;
  int64_t cluster_count = 0, clustered_records = 0;
  for (size_t i = 0; i < edges_.size();) {
    const RecordRef origin = Unpack(edges_[i].origin);
    text.clear();
    text.append("{\"cluster\": ");
    AppendJsonString(std::string(kSources[origin.source]) + ":" + record_id(origin), &text);
    text.append(", \"members\": [");
    const auto append_member = [&](const RecordRef& member) {
      text.append("{\"source\": ");
      AppendJsonString(kSources[member.source], &text);
      text.append(", \"record\": ");
      AppendJsonString(record_id(member), &text);
      text.push_back('}');
      ++clustered_records;
    };
    append_member(origin);
    size_t j = i;
    for (; j < edges_.size() && edges_[j].origin == edges_[i].origin; ++j) {
      text.append(", ");
      append_member(Unpack(edges_[j].member));
    }
    text.append("]}\n");
    WriteOrThrow(clusters, text, clusters_path);
    ++cluster_count;
    i = j;
  }
  if (std::fclose(clusters) != 0) throw std::runtime_error(clusters_path + ": close");

  text.clear();
  text.append("{\n  \"format\": \"crm-generate/truth\",\n  \"version\": 1,\n  \"seed\": ");
  text.append(std::to_string(options_.seed));
  text.append(",\n  \"options\": {\"contacts\": " + std::to_string(options_.contacts) +
              ", \"accounts\": " + std::to_string(options_.accounts) + ", \"dup_rate\": ");
  char rate[32];
  std::snprintf(rate, sizeof rate, "%g", options_.dup_rate);
  text.append(rate);
  text.append("},\n  \"records\": ");
  AppendCounts(records_, &text);
  text.append(",\n  \"counts\": ");
  AppendCounts(kinds_, &text);
  text.append(",\n  \"by_phase\": ");
  AppendCounts(phases_, &text);
  text.append(",\n  \"by_outcome\": ");
  AppendCounts(outcomes_, &text);
  text.append(",\n  \"by_source\": {");
  bool first = true;
  for (const auto& [source, counts] : by_source_) {
    text.append(first ? "\n    " : ",\n    ");
    first = false;
    AppendJsonString(source, &text);
    text.append(": ");
    AppendCounts(counts, &text);
  }
  text.append("\n  },\n  \"clusters\": {\"count\": " + std::to_string(cluster_count) +
              ", \"records\": " + std::to_string(clustered_records) +
              ", \"file\": \"truth_clusters.jsonl\"},\n");
  text.append("  \"defects_file\": \"truth_defects.jsonl\"\n}\n");
  const std::string summary_path = dir_ + "/truth.json";
  std::FILE* summary = OpenOrThrow(summary_path);
  WriteOrThrow(summary, text, summary_path);
  if (std::fclose(summary) != 0) throw std::runtime_error(summary_path + ": close");
  result->records = records_;
  result->kinds = kinds_;
  result->phases = phases_;
}

}  // namespace crm::generator
