#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

#include "core/common/error.h"
#include "core/spec/spec.h"

namespace {

crm::spec::EnvLookup NoEnv() {
  return [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
}

const char* const kMinimal =
    "version: 1\n"
    "name: tiny\n"
    "target: sqlite:work/crm.db\n"
    "sources:\n"
    "  legacy: {type: csv, path: data/a.csv}\n"
    "entities:\n"
    "  contact:\n"
    "    key: external_id\n"
    "    fields: {email: email}\n"
    "    from:\n"
    "      - source: legacy\n"
    "        map: {external_id: ID, email: {from: EMail, transform: [trim, lower]}}\n";

}  // namespace

TEST_CASE("LoadSpec reports an unreadable file as a usage error", "[spec][load]") {
  try {
    crm::spec::LoadSpec("no/such/migration.yaml");
    FAIL("no error");
  } catch (const crm::Error& e) {
    CHECK(e.category() == crm::ErrorCategory::kUsage);
    CHECK(std::string(e.what()) ==
          "no/such/migration.yaml: cannot read spec: No such file or directory");
  }
}

TEST_CASE("LoadSpec reads a file, hashes it and knows its folder", "[spec][load]") {
  const std::string path =
      std::string(CRM_SOURCE_DIR) + "/tests/cases/spec/valid_full/migration.yaml";
  ::setenv("CRM_PASSWORD", "from-the-environment", 1);
  crm::spec::Spec spec = crm::spec::LoadSpec(path);
  CHECK(spec.target_url == "postgresql://crm:from-the-environment@localhost/newcrm");
  CHECK(spec.path == path);
  CHECK(spec.base_dir == std::string(CRM_SOURCE_DIR) + "/tests/cases/spec/valid_full");
  CHECK(spec.sha256.size() == 64);
  CHECK(spec.name == "acme-to-newcrm");
}

TEST_CASE("ParseSpec hashes the bytes with SHA-256", "[spec][load]") {
  crm::spec::Spec spec = crm::spec::ParseSpec(kMinimal, "m.yaml", NoEnv());
  crm::spec::Spec again = crm::spec::ParseSpec(kMinimal, "m.yaml", NoEnv());
  CHECK(spec.sha256 == again.sha256);
  crm::spec::Spec other = crm::spec::ParseSpec(std::string(kMinimal) + "# x\n", "m.yaml", NoEnv());
  CHECK(spec.sha256 != other.sha256);
}
