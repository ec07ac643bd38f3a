#include <catch2/catch.hpp>

#include "staging/readers/csv_sniffer.h"

using namespace crm::readers;

TEST_CASE("The sniffer detects delimiter, quote and header", "[sniff]") {
  const std::string data = "name;city;age\n\"Ann; Jr\";Delft;30\nBob;Gouda;41\n";
  const SniffResult result = SniffCsv(ByteSource::FromString(data), CsvOptions{});
  CHECK(result.options.delimiter.value() == ';');
  CHECK_FALSE(result.options.delimiter.set_by_user());
  CHECK(result.options.quote.value() == '"');
  CHECK(result.options.header.value());
  CHECK(result.options.encoding.value() == Encoding::kUtf8);
  REQUIRE(result.decisions.size() == 5);
  CHECK(result.decisions[1] == "delimiter ';' (detected: 3 of 3 sample rows have 3 fields)");
}

TEST_CASE("The sniffer detects single quotes and backslash escapes", "[sniff]") {
  const SniffResult quotes =
      SniffCsv(ByteSource::FromString("a,b\n'x, y',1\n'z, w',2\n"), CsvOptions{});
  CHECK(quotes.options.quote.value() == '\'');
  const SniffResult escapes =
      SniffCsv(ByteSource::FromString("a,b\n\"say \\\"hi\\\", ok\",1\n\"x\",2\n"), CsvOptions{});
  CHECK(escapes.options.escape.value() == '\\');
}

TEST_CASE("The sniffer sees BOM-less UTF-16 and keeps user settings", "[sniff]") {
  std::string utf16;
  for (char c : std::string("a,b\n1,2\n")) utf16 += std::string{c, '\0'};
  CsvOptions options;
  options.header.Set(false);
  const SniffResult result = SniffCsv(ByteSource::FromString(utf16), options);
  CHECK(result.options.encoding.value() == Encoding::kUtf16Le);
  CHECK_FALSE(result.options.header.value());
  CHECK(result.decisions.back() == "header no (set in the spec)");
}
