// Data-driven reader cases: every folder under tests/cases/readers/ is one Catch2 test. A folder
// holds `input.*` (the source file), `options.txt` (reader options, `key = value` a line) and
// `expected.txt` (the columns, every row and reject and the counters, rendered as text). Each case
// also runs from memory a byte at a time, which must render the same: block boundaries never change
// what a reader hands out. Set CRM_UPDATE_EXPECTED=1 to rewrite expected.txt (then review the diff).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/common/error.h"
#include "tests/support/case_folders.h"
#include "core/common/text.h"
#include "staging/readers/csv_reader.h"
#include "staging/readers/csv_sniffer.h"
#include "staging/readers/jsonl_reader.h"

namespace fs = std::filesystem;
using crm::testing::CheckExpected;
using crm::testing::ReadFile;
using crm::testing::RegisterCaseFolders;
using namespace crm::readers;

namespace {

const fs::path kCasesDir = fs::path(CRM_SOURCE_DIR) / "tests/cases/readers";

std::map<std::string, std::string> ReadOptions(const fs::path& dir) {
  std::map<std::string, std::string> options;
  std::istringstream in(ReadFile(dir / "options.txt"));
  std::string line;
  while (std::getline(in, line)) {
    const size_t eq = line.find('=');
    if (line.empty() || line[0] == '#' || eq == std::string::npos) continue;
    options[std::string(crm::TrimView(line.substr(0, eq)))] =
        std::string(crm::TrimView(line.substr(eq + 1)));
  }
  return options;
}

char OptionChar(const std::string& value) {
  if (value == "\\t") return '\t';
  if (value == "none") return '\0';
  return value.at(0);
}

fs::path InputFile(const fs::path& dir) {
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().filename().string().starts_with("input")) return entry.path();
  }
  FAIL("no input file in " << dir);
  return {};
}

CsvOptions MakeCsvOptions(std::map<std::string, std::string>& o) {
  CsvOptions options;
  if (o.count("delimiter")) options.delimiter.Set(OptionChar(o["delimiter"]));
  if (o.count("quote")) options.quote.Set(OptionChar(o["quote"]));
  if (o.count("escape")) options.escape.Set(OptionChar(o["escape"]));
  if (o.count("header")) options.header.Set(o["header"] == "true");
  if (o.count("encoding")) options.encoding.Set(EncodingFromName(o["encoding"]).value());
  if (o.count("columns")) options.columns = crm::Split(o["columns"], ',');
  if (o.count("max_row_bytes")) options.max_row_bytes = std::stoul(o["max_row_bytes"]);
  if (o.count("skip_lines")) options.skip_lines = std::stoul(o["skip_lines"]);
  return options;
}

template <typename Reader>
void RenderRecords(Reader& reader, std::string* out) {
  Record record;
  while (reader.Next(&record)) *out += RenderRecord(record) + "\n";
  std::string columns;
  for (const std::string& column : reader.columns()) {
    columns += (columns.empty() ? "" : ", ") + QuoteForDisplay(column);
  }
  *out += "columns [" + columns + "]\n";
  *out += "counts rows=" + std::to_string(reader.rows()) +
          " rejects=" + std::to_string(reader.rejects()) +
          " blank_lines=" + std::to_string(reader.blank_lines()) + "\n";
}

// Renders the case; with `from_memory` the input is fed from memory a byte at a time (not for
// gzip inputs, which only the file source decompresses).
std::string RenderCase(const fs::path& dir, bool from_memory) {
  auto o = ReadOptions(dir);
  const fs::path input = InputFile(dir);
  const auto source = [&] {
    return from_memory ? ByteSource::FromString(ReadFile(input), 1, input.string())
                       : ByteSource::OpenFile(input.string());
  };
  const size_t block = from_memory ? 16 : 1u << 20;
  std::string out;
  try {
    if (o["format"] == "jsonl") {
      JsonlOptions options;
      options.paths = crm::Split(o["paths"], ',');
      options.block_bytes = block;
      if (o.count("max_row_bytes")) options.max_row_bytes = std::stoul(o["max_row_bytes"]);
      JsonlReader reader(source(), options);
      RenderRecords(reader, &out);
      return out;
    }
    CsvOptions options = MakeCsvOptions(o);
    options.block_bytes = block;
    if (o["sniff"] == "true") {
      SniffResult sniffed = SniffCsv(source(), options);
      for (const std::string& decision : sniffed.decisions) out += "decision " + decision + "\n";
      options = sniffed.options;
      options.block_bytes = block;
    }
    CsvReader reader(source(), options);
    for (const std::string& note : reader.notes()) out += "note " + note + "\n";
    RenderRecords(reader, &out);
  } catch (const crm::Error& e) {
    std::string message = e.what();
    // Name the input relative to its case folder, so expected.txt does not depend on the checkout.
    const std::string prefix = (dir / "").string();
    for (size_t at; (at = message.find(prefix)) != std::string::npos;) message.erase(at, prefix.size());
    out += std::string("error ") + crm::CategoryName(e.category()) + ": " + message + "\n";
  }
  return out;
}

void RunCase(const fs::path& dir) {
  const std::string actual = RenderCase(dir, false);
  CheckExpected(dir, actual);
  if (InputFile(dir).extension() != ".gz") {
    const std::string in_memory = RenderCase(dir, true);
    CHECK(in_memory == actual);
  }
}

struct CaseRegistrar {
  CaseRegistrar() { RegisterCaseFolders(kCasesDir, "readers", "[readers][case]", RunCase); }
};
const CaseRegistrar kRegistrar;

}  // namespace
