// libFuzzer target for the CSV reader. The first four bytes choose the options (delimiter, quote,
// escape, header, encoding, row bound, read size); the rest is the file. Each input is read twice,
// in 64 KiB blocks and in 16-byte blocks fed a few bytes at a time, and both readings must render
// identically: block boundaries must never change a row, a reject, a line number or an offset. Every
// row must have the header's field count and valid UTF-8 fields, and offsets must increase.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/common/error.h"
#include "staging/readers/csv_reader.h"

namespace {

using crm::readers::ByteSource;
using crm::readers::CsvOptions;
using crm::readers::CsvReader;
using crm::readers::Encoding;
using crm::readers::Record;

void Check(bool condition) {
  if (!condition) std::abort();
}

std::string ReadAll(const std::string& input, const CsvOptions& options, size_t max_read) {
  std::string out;
  try {
    CsvReader reader(ByteSource::FromString(input, max_read), options);
    Record record;
    uint64_t last_offset = 0;
    bool first = true;
    while (reader.Next(&record)) {
      Check(first || record.offset > last_offset);
      first = false;
      last_offset = record.offset;
      if (!record.is_reject) {
        Check(options.allow_ragged_rows || record.fields.size() == reader.columns().size());
        for (const auto& field : record.fields) {
          Check(crm::readers::FindInvalidUtf8(field.value) == std::string_view::npos);
          Check(!field.is_null || field.value.empty());
        }
      } else {
        Check(record.error_offset >= record.offset);
        // The bound is on the text; UTF-16 raw bytes can be up to twice as long.
        Check(!crm::readers::IsAsciiCompatible(reader.encoding()) ||
              record.raw.size() <= options.max_row_bytes);
      }
      out += crm::readers::RenderRecord(record);
      out += '\n';
    }
    out += "rows=" + std::to_string(reader.rows()) + " rejects=" + std::to_string(reader.rejects()) +
           " blank=" + std::to_string(reader.blank_lines());
  } catch (const crm::Error& e) {
    out += std::string("error: ") + e.what();
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 4) return 0;
  static constexpr char kDelimiters[] = {',', ';', '\t', '|'};
  static constexpr Encoding kEncodings[] = {Encoding::kUtf8,   Encoding::kWindows1252,
                                            Encoding::kLatin1, Encoding::kLatin9,
                                            Encoding::kUtf16Le, Encoding::kUtf16Be};
  CsvOptions options;
  options.delimiter.Set(kDelimiters[data[0] & 3]);
  options.quote.Set((data[0] & 4) != 0 ? '\'' : '"');
  options.escape.Set((data[0] & 8) != 0 ? '\\' : options.quote.value());
  options.header.Set((data[0] & 16) != 0);
  options.allow_ragged_rows = (data[0] & 32) != 0;
  if ((data[1] & 8) == 0) options.encoding.Set(kEncodings[(data[1] & 7) % 6]);
  options.max_row_bytes = data[2] < 128 ? 1 + data[2] % 64 : 16u << 20;
  const size_t max_read = 1 + data[3] % 16;
  const std::string input(reinterpret_cast<const char*>(data) + 4, size - 4);

  options.block_bytes = 64u << 10;
  const std::string whole = ReadAll(input, options, 0);
  options.block_bytes = 16;
  const std::string pieces = ReadAll(input, options, max_read);
  Check(whole == pieces);
  return 0;
}
