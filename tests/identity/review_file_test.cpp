// The review file: decisions read back (either pair order, case and spaces ignored), lines kept
// on rewrite, and every malformed file refused with file:line and the column.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "core/common/error.h"
#include "identity/golden/review_file.h"
#include "tests/support/case_folders.h"

namespace crm::identity {
namespace {

namespace fs = std::filesystem;

spec::Spec TwoSources() {
  return spec::ParseSpec(R"(version: 1
name: review
target: csv:out/
sources:
  legacy: {type: csv, path: a.csv}
  webshop: {type: csv, path: b.csv}
entities:
  contact:
    key: external_id
    fields: {email: email}
    from:
      - {source: legacy, map: {external_id: ID}}
      - {source: webshop, map: {external_id: ID}}
    match: {block: [email], when: [{same: [email]}], review: review/contacts.csv}
)",
                         "review.yaml", [](const std::string&) { return std::optional<std::string>(); });
}

fs::path Write(const std::string& name, const std::string& text) {
  const fs::path dir = fs::temp_directory_path() / ("crm_review_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / name, std::ios::binary) << text;
  return dir / name;
}

std::string ErrorOf(const std::string& text) {
  const fs::path path = Write("bad.csv", text);
  try {
    ReadReviewFile(TwoSources(), path.string());
  } catch (const Error& e) {
    CHECK(e.category() == ErrorCategory::kSpec);
    std::string message = e.what();
    return message.substr(message.find("bad.csv"));
  }
  return "no error";
}

TEST_CASE("decisions are read in either pair order; undecided lines are not decisions",
          "[identity][review]") {
  const fs::path path = Write("contacts.csv",
                              "decision,score,rule,a_source,a_key,b_source,b_key,email_a,email_b\r\n"
                              " Accept ,0.800,fs,webshop,W-7,legacy,L-1,a***@x,a***@y\r\n"
                              ",0.700,fs,legacy,L-2,webshop,W-8,,\r\n"
                              "reject,0.600,fs,legacy,L-3,webshop,W-9,\"b***@x, inc\",\r\n");
  const ReviewFile file = ReadReviewFile(TwoSources(), path.string());
  REQUIRE(file.decisions.size() == 2);
  CHECK(file.decisions[0].a == RecordKey{"legacy", "L-1"});
  CHECK(file.decisions[0].b == RecordKey{"webshop", "W-7"});
  CHECK(file.decisions[0].accept);
  CHECK(!file.decisions[1].accept);
  CHECK(file.decided[1].values.at("email_a") == "b***@x, inc");

  // Rewritten: the decided lines as they were, normalised, with the quoting CSV needs.
  WriteReviewFile(path.string(), {"email_a", "email_b"}, file.decided);
  CHECK(crm::testing::ReadFile(path) ==
        "decision,score,rule,a_source,a_key,b_source,b_key,email_a,email_b\r\n"
        "accept,0.800,fs,legacy,L-1,webshop,W-7,a***@y,a***@x\r\n"
        "reject,0.600,fs,legacy,L-3,webshop,W-9,\"b***@x, inc\",\r\n");
}

TEST_CASE("a missing review file has no decisions", "[identity][review]") {
  CHECK(ReadReviewFile(TwoSources(), "/nonexistent/review.csv").decisions.empty());
}

TEST_CASE("a malformed review file names file, line and column", "[identity][review]") {
  CHECK(ErrorOf("decision,a_source,a_key,b_source\r\n") ==
        "bad.csv:1: missing column 'b_key' (the header needs decision, a_source, a_key, "
        "b_source and b_key)");
  CHECK(ErrorOf("decision,a_source,a_key,b_source,b_key\n"
                "accept,legacy,L-1,webshop,W-7\n"
                "acept,legacy,L-2,webshop,W-8\n") ==
        "bad.csv:3: decision: 'acept' is not accept, reject or empty");
  CHECK(ErrorOf("decision,a_source,a_key,b_source,b_key\n"
                "reject,legacy,L-1,shop,W-7\n") ==
        "bad.csv:2: b_source: 'shop' is not a source of the spec");
  CHECK(ErrorOf("decision,a_source,a_key,b_source,b_key\n"
                "reject,legacy,,webshop,W-7\n") ==
        "bad.csv:2: a_key: empty");
  CHECK(ErrorOf("decision,a_source,a_key,b_source,b_key\n"
                "accept,legacy,L-1,legacy,L-1\n") ==
        "bad.csv:2: a_key: the pair names the same record twice");
  CHECK(ErrorOf("decision,a_source,a_key,b_source,b_key\n"
                "accept,legacy,L-1,webshop,W-7\n"
                "reject,webshop,W-7,legacy,L-1\n") ==
        "bad.csv:3: decision: this pair was decided the other way on line 2");
  CHECK(ErrorOf("decision,a_source,a_key,b_source,b_key\n"
                "accept,legacy,L-1,webshop\n")
            .rfind("bad.csv:2: field_count: ", 0) == 0);
}

}  // namespace
}  // namespace crm::identity
