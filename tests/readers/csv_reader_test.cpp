#include <catch2/catch.hpp>

#include "core/common/error.h"
#include "staging/readers/csv_reader.h"

using namespace crm::readers;

namespace {

// Every record of `data`, one rendered line each; `max_read` 1 feeds the reader a byte at a time.
std::string ReadAll(const std::string& data, CsvOptions options = {}, size_t max_read = 0) {
  CsvReader reader(ByteSource::FromString(data, max_read), options);
  Record record;
  std::string out;
  while (reader.Next(&record)) out += RenderRecord(record) + "\n";
  return out;
}

}  // namespace

TEST_CASE("CSV rows keep NULL and empty apart and hand out raw bytes", "[csv]") {
  CsvReader reader(ByteSource::FromString("a,b,c\n,\"\",\"x\"\"y\"\r\n"), CsvOptions{});
  Record record;
  REQUIRE(reader.Next(&record));
  CHECK_FALSE(record.is_reject);
  REQUIRE(record.fields.size() == 3);
  CHECK(record.fields[0].is_null);
  CHECK_FALSE(record.fields[1].is_null);
  CHECK(record.fields[1].value.empty());
  CHECK(record.fields[2].value == "x\"y");
  CHECK(record.raw == ",\"\",\"x\"\"y\"");
  CHECK(record.line == 2);
  CHECK(record.offset == 6);
  CHECK_FALSE(reader.Next(&record));
}

TEST_CASE("CSV output does not depend on block boundaries", "[csv]") {
  const std::string data =
      "id,note,x\r\n1,\"multi\r\nline, \"\"quoted\"\"\",\r2,,\"\"\n3,\"bad\"q,z\n4,\"open\n5,a,b";
  CsvOptions small;
  small.block_bytes = 16;
  const std::string expected = ReadAll(data);
  CHECK(ReadAll(data, small, 1) == expected);
  CHECK(ReadAll(data, small, 7) == expected);
  CHECK(expected ==
        "row line=2 offset=11 [\"1\", \"multi\\r\\nline, \\\"quoted\\\"\", NULL]\n"
        "row line=4 offset=40 [\"2\", NULL, \"\"]\n"
        "reject line=5 offset=46 kind=bad_quote column=2 error_offset=53 "
        "raw=\"3,\\\"bad\\\"q,z\" message=\"unexpected byte after a closing quote\"\n"
        "reject line=6 offset=57 kind=unterminated_quote column=2 error_offset=59 "
        "raw=\"4,\\\"open\" message=\"quoted field is not closed before the end of the file\"\n"
        "row line=7 offset=65 [\"5\", \"a\", \"b\"]\n");
}

TEST_CASE("CSV rejects a row over the bound and resynchronises at the next line", "[csv]") {
  CsvOptions options;
  options.header.Set(false);
  options.max_row_bytes = 8;
  options.block_bytes = 16;
  const std::string data = "1,2\n" + std::string(100, 'x') + "\n3,4\n";
  const std::string out = ReadAll(data, options, 3);
  CHECK(out ==
        "row line=1 offset=0 [\"1\", \"2\"]\n"
        "reject line=2 offset=4 kind=row_too_large column=0 error_offset=12 raw=\"xxxxxxxx\" "
        "message=\"row is longer than the bound of 8 bytes; raw text cut to the bound\"\n"
        "row line=3 offset=105 [\"3\", \"4\"]\n");
  CHECK(ReadAll(data, options) == out);
}

TEST_CASE("CSV options that contradict each other are spec errors", "[csv]") {
  CsvOptions options;
  options.delimiter.Set('"');
  CHECK_THROWS_AS(CsvReader(ByteSource::FromString("a\n"), options), crm::Error);
  CsvOptions nul_escape;
  nul_escape.escape.Set('\0');
  CHECK_THROWS_AS(CsvReader(ByteSource::FromString("a\n"), nul_escape), crm::Error);
  CsvOptions newline;
  newline.delimiter.Set('\n');
  try {
    CsvReader reader(ByteSource::FromString("a\n"), newline);
    FAIL("no error");
  } catch (const crm::Error& e) {
    CHECK(e.category() == crm::ErrorCategory::kSpec);
  }
}

TEST_CASE("A missing file is an I/O error naming the path", "[csv]") {
  try {
    CsvReader::Open("/nonexistent/contacts.csv", CsvOptions{});
    FAIL("no error");
  } catch (const crm::Error& e) {
    CHECK(e.category() == crm::ErrorCategory::kIo);
    CHECK(std::string(e.what()).find("/nonexistent/contacts.csv") != std::string::npos);
  }
}

TEST_CASE("Options remember whether the user set them", "[csv]") {
  CsvOptions options;
  options.delimiter.SetDetected(';');
  CHECK(options.delimiter.value() == ';');
  CHECK_FALSE(options.delimiter.set_by_user());
  options.delimiter.Set('|');
  options.delimiter.SetDetected(',');
  CHECK(options.delimiter.value() == '|');
  CHECK(options.delimiter.set_by_user());
}

TEST_CASE("Columns of a header-less file come from the first row", "[csv]") {
  CsvOptions options;
  options.header.Set(false);
  CsvReader reader(ByteSource::FromString("1,2,3\n"), options);
  CHECK(reader.columns().empty());
  Record record;
  REQUIRE(reader.Next(&record));
  CHECK(reader.columns() == std::vector<std::string>{"column_1", "column_2", "column_3"});
}

TEST_CASE("Quote none keeps quotes as data; a distinct escape is literal outside quotes", "[csv]") {
  CsvOptions options;
  options.header.Set(false);
  options.quote.Set('\0');
  CHECK(ReadAll("a\"b,\"c\"\n", options) == "row line=1 offset=0 [\"a\\\"b\", \"\\\"c\\\"\"]\n");
  CsvOptions backslash;
  backslash.header.Set(false);
  backslash.escape.Set('\\');
  CHECK(ReadAll("a\\b,\"x\\\"y\"\n", backslash) ==
        "row line=1 offset=0 [\"a\\\\b\", \"x\\\"y\"]\n");
}
