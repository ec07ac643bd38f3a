// match_bench: identity resolution measured against ground truth (bench/identity/run drives it).
//
//   match_bench stage|resolve|run|identity|score --spec DATASET.yaml --match MATCH.yaml --work DIR
//               [--data DIR] [--file NAME] [--truth febrl|field|clusters:FILE] [--min-f1 X]
//               [--label TEXT] [--dump FILE]
//   match_bench --smoke    FEBRL dataset1 with the person configuration; fails below F1 0.95
//
// The spec is DATASET.yaml (sources and the `person` or `contact` entity) with its `@MATCH@` line
// replaced by MATCH.yaml (the match configuration under test, shared by data sets), @DATA@ by
// --data, @FILE@ by --file and @WORK@ by --work; it is written to WORK/spec.yaml.
//   stage    RunStage into WORK/staging.db (SQLite)
//   resolve  ResolveEntity (matching alone) on the staged load, timed, then scored against the
//            truth: febrl: the staged field `truth` holds rec-N-org / rec-N-dup-k (N is the
//            person); field: `truth` is the label itself; clusters:FILE: the generator's
//            truth_clusters.jsonl (members not listed are alone; the staged key is the first
//            letter of the source, upper-cased, '-' and the source's record id: L-123)
//   run      stage and resolve in one process
//   identity the whole identity resolution a user runs (`crm-migrate validate --only identity`:
//            validate::RunValidate with only=identity, so matching, clusters, survivorship,
//            gold_/xref_ and _possible_matches written, quality.json), timed; nothing else runs
//            in the process, so its peak memory (GNU time's) is the resolution's. Prints label,
//            records, match s, match peak MB (of the process when matching ended), identity s,
//            identity peak MB, golden records, merged, pairs compared, matches, possible.
//   score    reads xref_<entity> that `identity` wrote and scores its clusters against
//            --truth clusters:FILE (a process of its own: the truth's memory is not the
//            resolution's). Prints precision, recall, F1, purity.
// resolve and run print one tab-separated line: label, records, stage s, resolve s, peak MB (of
// this process), pairs compared, matches, possible, precision, recall, F1, purity. Exit 1 when
// F1 < --min-f1. --dump writes every record's _crm_row, cluster and truth label, tab-separated.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "bench/identity/truth_score.h"
#include "core/common/error.h"
#include "core/db/cells.h"
#include "core/db/journal.h"
#include "core/db/staging_schema.h"
#include "identity/match/resolution.h"
#include "staging/stage.h"
#include "validators/validate.h"

namespace fs = std::filesystem;

namespace {

struct Options {
  std::string command = "run";
  std::string spec, match, work, data = "../shared/data", file, truth = "field", label, dump;
  double min_f1 = 0;
};

class Quiet : public crm::Progress {
 public:
  void Begin(std::string_view, int64_t) override {}
  void Advance(int64_t) override {}
  void End() override {}
  void Note(std::string_view) override {}
};

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot read");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void ReplaceAll(std::string* text, const std::string& what, const std::string& with) {
  for (size_t at = 0; (at = text->find(what, at)) != std::string::npos; at += with.size()) {
    text->replace(at, what.size(), with);
  }
}

crm::spec::Spec AssembleSpec(const Options& o) {
  std::string yaml = ReadText(o.spec);
  ReplaceAll(&yaml, "@MATCH@", ReadText(o.match));
  ReplaceAll(&yaml, "@DATA@", fs::absolute(o.data).string());
  ReplaceAll(&yaml, "@FILE@", o.file);
  ReplaceAll(&yaml, "@WORK@", fs::absolute(o.work).string());
  const std::string path = (fs::path(o.work) / "spec.yaml").string();
  std::ofstream(path, std::ios::binary) << yaml;
  return crm::spec::LoadSpec(path);
}

const crm::spec::Entity& MatchedEntity(const crm::spec::Spec& spec) {
  for (const crm::spec::Entity& e : spec.entities) {
    if (e.match) return e;
  }
  throw std::runtime_error("the spec has no entity with a match");
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

double PeakMegabytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// The generator's truth_clusters.jsonl: each record's cluster label, in the order of `records`
// (a record it does not list is alone: its label is its own source and key).
std::vector<std::string> ClusterTruth(const std::string& file,
                                      const std::vector<crm::identity::RecordKey>& records) {
  std::map<std::pair<std::string, std::string>, std::string> cluster_of;
  std::ifstream in(file);
  if (!in) throw std::runtime_error(file + ": cannot read");
  Poco::JSON::Parser parser;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    const auto cluster = parser.parse(line).extract<Poco::JSON::Object::Ptr>();
    const std::string id = cluster->getValue<std::string>("cluster");
    const auto members = cluster->getArray("members");
    for (size_t i = 0; i < members->size(); ++i) {
      const auto m = members->getObject(static_cast<unsigned>(i));
      const std::string source = m->getValue<std::string>("source");
      const char prefix = static_cast<char>(std::toupper(static_cast<unsigned char>(source[0])));
      cluster_of[{source, std::string(1, prefix) + "-" + m->getValue<std::string>("record")}] = id;
    }
  }
  std::vector<std::string> labels;
  for (const crm::identity::RecordKey& r : records) {
    auto it = cluster_of.find({r.source, r.key});
    labels.push_back(it != cluster_of.end() ? it->second : r.source + ":" + r.key);
  }
  return labels;
}

// The truth label of every member, in member order.
std::vector<std::string> TruthLabels(crm::db::Database& staging, const crm::spec::Entity& entity,
                                     const crm::identity::Resolution& r, const std::string& truth) {
  std::vector<std::string> labels;
  if (truth.rfind("clusters:", 0) == 0) {
    std::vector<crm::identity::RecordKey> records;
    for (const crm::identity::Membership& m : r.members) records.push_back(m.record);
    return ClusterTruth(truth.substr(9), records);
  }
  std::map<int64_t, std::string> by_row;
  soci::rowset<soci::row> rows =
      (staging.session().prepare << "SELECT _crm_row, truth FROM " +
                                        staging.Quote(crm::db::StagedTableName(entity.name)));
  for (const soci::row& row : rows) {
    by_row[crm::db::CellInteger(row, 0).value_or(0)] =
        row.get_indicator(1) == soci::i_null ? "" : crm::db::CellText(row, 1);
  }
  for (const crm::identity::Membership& m : r.members) {
    std::string label = by_row[m.row];
    if (truth == "febrl") {  // rec-N-org, rec-N-dup-k: N
      const size_t begin = label.find('-') + 1, end = label.find('-', begin);
      label = label.substr(begin, end - begin);
    }
    labels.push_back(label);
  }
  return labels;
}

long long StagedLoad(crm::db::Database& staging, const crm::spec::Entity& entity) {
  long long load = 0;
  staging.session() << "SELECT MAX(_crm_load) FROM " +
                           staging.Quote(crm::db::StagedTableName(entity.name)),
      soci::into(load);
  return load;
}

// The whole resolution as `crm-migrate validate --only identity` runs it, with matching timed
// on its own through the resolver validate calls.
int Identity(const Options& o, const crm::spec::Spec& spec, const crm::spec::Entity& entity) {
  const auto start = std::chrono::steady_clock::now();
  auto staging = crm::db::OpenStaging(spec.staging_url, spec.base_dir);
  crm::db::Journal journal(*staging);
  Quiet quiet;
  double match_seconds = 0, match_peak = 0;
  std::map<std::string, int64_t> counts;
  crm::validate::ValidateOptions options;
  options.run_id = journal.BeginRun({.command = "validate"});
  options.only = "identity";
  options.resolve = [&](crm::db::Database& db, const crm::spec::Entity& e, int64_t load,
                        const std::vector<crm::identity::ReviewDecision>& decisions,
                        crm::Progress& progress) {
    const auto matching = std::chrono::steady_clock::now();
    crm::identity::Resolution r = crm::identity::ResolveEntity(db, e, load, decisions, progress);
    match_seconds += Seconds(matching);
    match_peak = PeakMegabytes();
    counts.insert(r.counts.begin(), r.counts.end());
    return r;
  };
  const crm::validate::ValidateResult result =
      crm::validate::RunValidate(spec, *staging, journal, options, quiet);
  journal.FinishRun(options.run_id, crm::db::kOutcomeOk, 0, {});
  const double seconds = Seconds(start);
  const double peak = PeakMegabytes();
  for (const crm::identity::EntityIdentity& found : result.identity) {
    if (found.entity != entity.name) continue;
    std::printf("%s\t%lld\t%.3f\t%.1f\t%.3f\t%.1f\t%lld\t%lld\t%lld\t%lld\t%lld\n",
                o.label.c_str(), static_cast<long long>(found.counts.staged), match_seconds,
                match_peak, seconds, peak, static_cast<long long>(found.counts.golden),
                static_cast<long long>(found.counts.merged),
                static_cast<long long>(counts["pairs_compared"]),
                static_cast<long long>(counts["matches"]),
                static_cast<long long>(counts["possible"]));
    return 0;
  }
  throw std::runtime_error("identity resolution did not report entity " + entity.name);
}

// Scores the clusters identity left in xref_<entity> (records of one golden key are one
// cluster) against the generator's truth.
int Score(const Options& o, const crm::spec::Spec& spec, const crm::spec::Entity& entity) {
  if (o.truth.rfind("clusters:", 0) != 0) {
    throw std::runtime_error("score needs --truth clusters:FILE (xref holds keys, not rows)");
  }
  auto staging = crm::db::OpenStaging(spec.staging_url, spec.base_dir);
  const long long load = StagedLoad(*staging, entity);
  std::vector<crm::identity::RecordKey> records;
  std::vector<std::string> clusters;
  soci::rowset<soci::row> rows =
      (staging->session().prepare << "SELECT _crm_source, _crm_source_key, _crm_gold_key FROM " +
                                         staging->Quote(crm::db::XrefTableName(entity.name)) +
                                         " WHERE _crm_load = :l",
       soci::use(load));
  for (const soci::row& row : rows) {
    records.push_back({crm::db::CellText(row, 0), crm::db::CellText(row, 1)});
    clusters.push_back(crm::db::CellText(row, 2));
  }
  const crm::bench::TruthScore s =
      crm::bench::ScoreClusters(clusters, ClusterTruth(o.truth.substr(9), records));
  std::printf("%.4f\t%.4f\t%.4f\t%.4f\n", s.precision, s.recall, s.f1, s.purity);
  if (s.f1 < o.min_f1) {
    std::fprintf(stderr, "match_bench: %s: F1 %.4f is below %.4f\n", o.label.c_str(), s.f1,
                 o.min_f1);
    return 1;
  }
  return 0;
}

int Run(const Options& o) {
  fs::create_directories(o.work);
  const crm::spec::Spec spec = AssembleSpec(o);
  const crm::spec::Entity& entity = MatchedEntity(spec);
  if (o.command == "identity") return Identity(o, spec, entity);
  if (o.command == "score") return Score(o, spec, entity);
  Quiet quiet;
  double stage_seconds = 0;
  if (o.command == "stage" || o.command == "run") {
    fs::remove(fs::path(o.work) / "staging.db");
    auto staging = crm::db::OpenStaging(spec.staging_url, spec.base_dir);
    crm::db::Journal journal(*staging);
    crm::staging::StageOptions stage;
    stage.run_id = journal.BeginRun({.command = "stage"});
    const auto start = std::chrono::steady_clock::now();
    const crm::staging::StageResult staged =
        crm::staging::RunStage(spec, *staging, journal, stage, quiet);
    stage_seconds = Seconds(start);
    journal.FinishRun(stage.run_id, crm::db::kOutcomeOk, 0, {});
    if (!staged.promoted) throw std::runtime_error("the stage was not promoted");
    if (o.command == "stage") {
      std::printf("%s\tstaged\t%.3f s\tpeak %.1f MB\n", o.label.c_str(), stage_seconds,
                  PeakMegabytes());
      return 0;
    }
  }
  auto staging = crm::db::OpenStaging(spec.staging_url, spec.base_dir);
  const long long load = StagedLoad(*staging, entity);
  const auto start = std::chrono::steady_clock::now();
  const crm::identity::Resolution r =
      crm::identity::ResolveEntity(*staging, entity, load, {}, quiet);
  const double resolve_seconds = Seconds(start);
  const double peak = PeakMegabytes();
  std::map<std::string, int64_t> counts(r.counts.begin(), r.counts.end());
  std::vector<std::string> clusters;
  for (const crm::identity::Membership& m : r.members)
    clusters.push_back(std::to_string(m.cluster));
  const std::vector<std::string> truth = TruthLabels(*staging, entity, r, o.truth);
  const crm::bench::TruthScore s = crm::bench::ScoreClusters(clusters, truth);
  if (!o.dump.empty()) {  // row, cluster, truth label: to look at the errors
    std::ofstream dump(o.dump);
    for (size_t i = 0; i < r.members.size(); ++i) {
      dump << r.members[i].row << '\t' << r.members[i].cluster << '\t' << truth[i] << '\n';
    }
  }
  for (const std::string& w : r.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
  for (const auto& entry : r.counts) {
    std::fprintf(stderr, "count %s=%lld\n", entry.first.c_str(),
                 static_cast<long long>(entry.second));
  }
  for (const crm::identity::FieldWeights& w : r.weights) {
    std::fprintf(stderr, "weight %s m=%.4f u=%.4f\n", w.field.c_str(), w.m, w.u);
  }
  std::printf("%s\t%lld\t%.3f\t%.3f\t%.1f\t%lld\t%lld\t%lld\t%.4f\t%.4f\t%.4f\t%.4f\n",
              o.label.c_str(), static_cast<long long>(s.records), stage_seconds, resolve_seconds,
              peak, static_cast<long long>(counts["pairs_compared"]),
              static_cast<long long>(counts["matches"]), static_cast<long long>(counts["possible"]),
              s.precision, s.recall, s.f1, s.purity);
  if (s.f1 < o.min_f1) {
    std::fprintf(stderr, "match_bench: %s: F1 %.4f is below %.4f\n", o.label.c_str(), s.f1,
                 o.min_f1);
    return 1;
  }
  return 0;
}

int Usage() {
  std::fprintf(stderr,
               "usage: match_bench stage|resolve|run|identity|score --spec DATASET.yaml "
               "--match MATCH.yaml "
               "--work DIR [--data DIR] [--file NAME] [--truth febrl|field|clusters:FILE] "
               "[--min-f1 X] [--label TEXT] [--dump FILE]\n       match_bench --smoke\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  int i = 1;
  if (argc > 1 && std::string(argv[1]) == "--smoke") {
    const fs::path here = fs::path(CRM_SOURCE_DIR) / "bench/identity";
    o.spec = (here / "specs/febrl.yaml").string();
    o.match = (here / "specs/match_person.yaml").string();
    o.data = (fs::path(CRM_SOURCE_DIR) / "../shared/data").string();
    o.file = "dataset1.csv";
    o.work =
        (fs::temp_directory_path() / ("match_bench_smoke_" + std::to_string(getpid()))).string();
    o.truth = "febrl";
    o.label = "febrl1";
    o.min_f1 = 0.95;
    i = argc;
  } else if (argc > 1) {
    o.command = argv[1];
    i = 2;
  }
  for (; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--spec")
      o.spec = value;
    else if (flag == "--match")
      o.match = value;
    else if (flag == "--work")
      o.work = value;
    else if (flag == "--data")
      o.data = value;
    else if (flag == "--file")
      o.file = value;
    else if (flag == "--truth")
      o.truth = value;
    else if (flag == "--min-f1")
      o.min_f1 = std::stod(value);
    else if (flag == "--label")
      o.label = value;
    else if (flag == "--dump")
      o.dump = value;
    else
      return Usage();
  }
  if (i != argc || o.spec.empty() || o.match.empty() || o.work.empty() ||
      (o.command != "stage" && o.command != "resolve" && o.command != "run" &&
       o.command != "identity" && o.command != "score")) {
    return Usage();
  }
  try {
    const int status = Run(o);
    if (argc == 2) fs::remove_all(o.work);  // --smoke cleans up after itself
    return status;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "match_bench: %s\n", e.what());
    return 3;
  }
}
