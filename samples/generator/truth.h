// The generator's truth, written while the data is written: one JSON line per defect or edge case
// (truth_defects.jsonl, in the order the records are written), one JSON line per cluster of
// records that are the same person (truth_clusters.jsonl), and a summary (truth.json).
#pragma once

#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "samples/generator/plan.h"

namespace crm::generator {

// A record of one source: the source's index in kSources and the record's index in that source.
struct RecordRef {
  uint8_t source = 0;
  int64_t index = 0;
};

class Truth {
 public:
  // Source names, as the spec calls them; RecordRef::source indexes this list.
  static constexpr std::string_view kSources[] = {"legacy_accounts", "legacy", "webshop", "orders",
                                                  "newsletter"};
  static constexpr uint8_t kLegacyAccounts = 0, kLegacy = 1, kWebshop = 2, kOrders = 3,
                           kNewsletter = 4;

  // Opens truth_defects.jsonl in `dir`; throws std::runtime_error when it cannot.
  Truth(std::string dir, const GenerateOptions& options);
  ~Truth();
  Truth(const Truth&) = delete;
  Truth& operator=(const Truth&) = delete;

  struct Defect {
    Defect(RecordRef r, std::string_view id, int64_t first_line, Kind k)
        : ref(r), record(id), line(first_line), kind(k) {}
    RecordRef ref;
    std::string_view record;  // the source's id of the record ("1234", "N000017")
    int64_t line;             // first line of the record in its file (1 = header); 0: not a file
    Kind kind;
    std::string_view field;  // source column or JSON path; empty for the whole record
    std::string_view value;  // the offending (or edge) value in UTF-8; empty when not text
    bool has_value = false;
    // near_duplicate only
    std::string_view origin_record;
    RecordRef origin;
    std::string_view variants;  // "name_typo,email_upper"
  };
  void Add(const Defect& defect);
  void CountRecords(uint8_t source, int64_t n) { records_[std::string(kSources[source])] += n; }

  // Writes truth_clusters.jsonl and truth.json; `record_id` names a record as its source does.
  void Finish(std::string (*record_id)(const RecordRef&), GenerateResult* result);

 private:
  std::string dir_;
  GenerateOptions options_;
  std::FILE* defects_ = nullptr;
  std::string line_;
  std::map<std::string, int64_t> records_;
  std::map<std::string, int64_t> kinds_;
  std::map<std::string, int64_t> phases_;
  std::map<std::string, int64_t> outcomes_;
  std::map<std::string, std::map<std::string, int64_t>> by_source_;
  struct Edge {
    uint64_t origin, member;  // source << 56 | index
  };
  std::vector<Edge> edges_;
};

}  // namespace crm::generator
