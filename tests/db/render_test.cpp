#include <catch2/catch.hpp>

#include "core/common/error.h"
#include "core/db/phase_result.h"
#include "core/db/status.h"

namespace crm::db {
namespace {

TEST_CASE("Every phase prints the same JSON envelope", "[render]") {
  PhaseResult result;
  result.command = "stage";
  result.run_id = 12;
  result.outcome = std::string(kOutcomeGateFailed);
  result.exit_code = 1;
  result.counts = {{"extracted", 1000}, {"rejected", 7}, {"staged", 993}};
  result.messages = {{"warning", "max_rejects", "legacy: 7 rejects \"over\" budget"}};
  result.details_json = R"({"sources": ["legacy"]})";
  CHECK(RenderPhaseResultJson(result) ==
        R"({"format":"crm-migrate/phase-result","version":1,"command":"stage","run_id":12,)"
        R"("outcome":"gate_failed","exit_code":1,)"
        R"("counts":{"extracted":1000,"rejected":7,"staged":993},)"
        R"("messages":[{"level":"warning","code":"max_rejects",)"
        R"("text":"legacy: 7 rejects \"over\" budget"}],"details":{"sources":["legacy"]}})"
        "\n");
}

TEST_CASE("The envelope keeps its keys when a phase has nothing to say", "[render]") {
  PhaseResult result;
  result.command = "plan";
  std::string json = RenderPhaseResultJson(result);
  CHECK(json.find("\"run_id\":null") != std::string::npos);
  CHECK(json.find("\"counts\":{}") != std::string::npos);
  CHECK(json.find("\"messages\":[]") != std::string::npos);
  CHECK(json.find("\"details\":{}") != std::string::npos);
  result.details_json = "[1]";
  CHECK_THROWS_AS(RenderPhaseResultJson(result), Error);
}

StatusView SampleStatus() {
  StatusView status;
  status.staging = "postgresql://crm:***@h/db";
  status.schema_version = 1;
  status.current_load =
      LoadRecord{3, 5, "", "fp", "2026-01-01T10:00:00.000Z", true, "2026-01-01T10:05:00.000Z"};
  RunRecord validate;
  validate.id = 6;
  validate.command = "validate";
  validate.spec_sha256 = "0123456789abcdef0123";
  validate.load_id = 3;
  validate.started_at = "2026-01-01T11:00:00.000Z";
  validate.finished_at = "2026-01-01T11:01:00.000Z";
  validate.outcome = "ok";
  validate.exit_code = 0;
  validate.options_json = R"({"subset":null})";
  validate.counts_json = R"({"rules":4,"failed":0})";
  RunRecord stage;
  stage.id = 5;
  stage.command = "stage";
  stage.subset = "pilot";
  stage.started_at = "2026-01-01T10:00:00.000Z";
  stage.outcome = "running";
  stage.counts_json = "{}";
  status.runs = {validate, stage};
  status.notes = {{1, 6, "lesson", "ana", "2026-01-02T09:00:00.000Z", "phones need region"}};
  return status;
}

TEST_CASE("status renders the journal as an aligned text table", "[render]") {
  CHECK(RenderStatusText(SampleStatus()) ==
        "staging: postgresql://crm:***@h/db (schema v1)\n"
        "current staged load: 3 (run 5, full, promoted 2026-01-01T10:05:00.000Z)\n"
        "ID  COMMAND   STARTED                   FINISHED                  OUTCOME  EXIT  LOAD  "
        "SCOPE  SPEC          COUNTS\n"
        "6   validate  2026-01-01T11:00:00.000Z  2026-01-01T11:01:00.000Z  ok       0     3     "
        "full   0123456789ab  rules=4 failed=0\n"
        "5   stage     2026-01-01T10:00:00.000Z  -                         running  -     -     "
        "pilot  -\n"
        "notes:\n"
        "  #1 2026-01-02T09:00:00.000Z ana (lesson, run 6): phones need region\n");
}

TEST_CASE("status renders the journal as JSON with embedded objects", "[render]") {
  std::string json = RenderStatusJson(SampleStatus());
  CHECK(json.find("\"staging\":\"postgresql://crm:***@h/db\"") != std::string::npos);
  CHECK(json.find("\"counts\":{\"rules\":4,\"failed\":0}") != std::string::npos);
  CHECK(json.find("\"finished_at\":null") != std::string::npos);
  CHECK(json.find("\"subset\":\"pilot\"") != std::string::npos);
  CHECK(json.find("\"text\":\"phones need region\"") != std::string::npos);
}

}  // namespace
}  // namespace crm::db
