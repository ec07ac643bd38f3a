// The keys of an insert_batch pre-image survive the trip through its JSON array, whatever they
// hold: a rollback deletes exactly the rows whose keys come back.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "core/common/error.h"
#include "core/db/staging_schema.h"
#include "loaders/cutover_journal.h"

namespace crm::loaders {
namespace {

TEST_CASE("insert_batch keys round-trip through their JSON array", "[cutover][preimages]") {
  const std::vector<std::string> keys = {
      "L-1", "", "quote \" and backslash \\", "line\nbreak\r\ttab", std::string("nul\0x", 5),
      "\x01\x1f control", "Müller / 東京", "[\"not\", \"an array\"]"};
  const std::string packed = PackKeys(keys);
  CHECK(packed.find('\n') == std::string::npos);
  CHECK(UnpackKeys(packed) == keys);
  CHECK(PackKeys({}) == "[]");
  CHECK(UnpackKeys("[]").empty());
}

TEST_CASE("keys that are not a JSON array are an internal error", "[cutover][preimages]") {
  CHECK_THROWS_AS(UnpackKeys("[\"unterminated"), Error);
  CHECK_THROWS_AS(UnpackKeys("{\"a\": 1}"), Error);
}

// A resume finds the keys a first load's batch packed, whichever way its batches are cut, and
// takes the rows it refuses out of them, so a rollback deletes exactly what was inserted.
TEST_CASE("an insert_batch pre-image is found by key and loses the keys refused on replay",
          "[cutover][preimages]") {
  const std::filesystem::path path = std::filesystem::temp_directory_path() /
                                     ("crm_preimages_" + std::to_string(getpid()) + ".db");
  std::filesystem::remove(path);
  {
    auto staging = db::OpenStaging("sqlite:" + path.string(), "");
    db::Journal journal(*staging);
    CutoverJournal cj(journal, 1);
    using Keys = std::set<std::string>;
    cj.WriteInsertBatch(1, "contact", "contacts", "k1", {"k1", "k2", "k3"});
    CHECK(cj.KeysWithPreimage(1, "contact", {"k1", "k2", "k3", "k4"}) == Keys{"k1", "k2", "k3"});
    CHECK(cj.KeysWithPreimage(1, "contact", {"k3", "k4"}) == Keys{"k3"});  // cut after k2
    CHECK(cj.KeysWithPreimage(2, "contact", {"k1"}).empty());              // another cutover
    cj.WriteInsertBatch(1, "contact", "contacts", "k5", {"k5", "k6"});
    CHECK(cj.KeysWithPreimage(1, "contact", {"k6", "k7"}) == Keys{"k6"});  // cut after k5
    CHECK(cj.KeysWithPreimage(1, "contact", {"k3", "k5"}) == Keys{"k3", "k5"});
    cj.DropFromInsertBatch(1, "contact", "k1", {"k2", "k9"});
    CHECK(cj.KeysWithPreimage(1, "contact", {"k1", "k2", "k3"}) == Keys{"k1", "k3"});
    cj.DropFromInsertBatch(1, "contact", "k2", {"k1"});  // no batch starts at k2
    CHECK(cj.KeysWithPreimage(1, "contact", {"k1", "k2", "k3"}) == Keys{"k1", "k3"});
    cj.DropFromInsertBatch(1, "contact", "k1", {"k1", "k3"});
    CHECK(cj.KeysWithPreimage(1, "contact", {"k1", "k2", "k3"}).empty());
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}

}  // namespace
}  // namespace crm::loaders
