#include "staging/readers/csv_reader.h"

#include <algorithm>
#include <string_view>

#include "core/common/error.h"
#include "staging/readers/header_names.h"

namespace crm::readers {
namespace {

constexpr size_t kNone = std::string_view::npos;

// Physical line breaks in text: CR, LF and CRLF count one each.
uint64_t CountBreaks(const char* p, size_t n) {
  uint64_t breaks = 0;
  for (size_t i = 0; i < n; ++i) {
    if (p[i] == '\r' || (p[i] == '\n' && (i == 0 || p[i - 1] != '\r'))) ++breaks;
  }
  return breaks;
}

std::string HexByte(char byte) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  const auto b = static_cast<unsigned char>(byte);
  return std::string("0x") + kDigits[b >> 4] + kDigits[b & 15];
}

}  // namespace

CsvReader::CsvReader(std::unique_ptr<ByteSource> source, const CsvOptions& options)
    : options_(options),
      window_(std::move(source), options.encoding.value(), !options.encoding.set_by_user(),
              options.block_bytes),
      delimiter_((CheckCsvOptions(options), options.delimiter.value())),
      quote_(options.quote.value()),
      escape_(quote_ == '\0' ? '\0' : options.escape.value()),
      structural_{delimiter_, quote_ == '\0' ? delimiter_ : quote_,
                  escape_ == '\0' ? delimiter_ : escape_, '\n', '\r'} {
  if (window_.encoding() != options.encoding.value()) {
    notes_.push_back("encoding " + std::string(EncodingName(window_.encoding())) +
                     " (from the byte order mark)");
  }
  SkipLeadingLines();
  if (options_.header.value()) {
    ReadHeader();
  } else if (!options_.columns.empty()) {
    columns_ = options_.columns;
    expected_fields_ = columns_.size();
  }
}

std::unique_ptr<CsvReader> CsvReader::Open(const std::string& path, const CsvOptions& options) {
  return std::make_unique<CsvReader>(ByteSource::OpenFile(path, options.compression), options);
}

void CsvReader::ReadHeader() {
  Record header;
  const bool found = NextRecord(&header);  // no field count is expected yet
  if (found && header.is_reject) {
    throw Error(ErrorCategory::kIo, window_.name() + ":" + std::to_string(header.line) +
                                        ": header row cannot be read: " + header.message);
  }
  if (!found) {
    columns_ = options_.columns;
    expected_fields_ = columns_.size();
    return;
  }
  --rows_;  // the header is not a data row
  if (!options_.columns.empty()) {
    if (options_.columns.size() != header.fields.size()) {
      throw Error(ErrorCategory::kSpec,
                  window_.name() + ": " + std::to_string(options_.columns.size()) +
                      " columns are declared but the header row has " +
                      std::to_string(header.fields.size()));
    }
    columns_ = options_.columns;
    expected_fields_ = columns_.size();
    return;
  }
  std::vector<std::string_view> names;
  for (const Field& field : header.fields) names.push_back(field.value);
  columns_ = NameColumns(names, &notes_);
  expected_fields_ = columns_.size();
}

bool CsvReader::Next(Record* record) {
  if (!NextRecord(record)) return false;
  if (!record->is_reject && columns_.empty()) {
    for (size_t i = 1; i <= record->fields.size(); ++i) {
      columns_.push_back("column_" + std::to_string(i));
    }
    expected_fields_ = columns_.size();
  }
  return true;
}

bool CsvReader::NextRecord(Record* record) {
  for (;;) {
    const char* p = window_.data();
    const size_t n = window_.size();
    const bool eof = window_.exhausted();
    if (n == 0) {
      if (eof || !window_.Fill()) return false;
      continue;
    }
    if (p[0] == '\n' || p[0] == '\r') {  // a blank line
      if (p[0] == '\r' && n == 1 && !eof) {
        window_.Fill();
        continue;
      }
      window_.Consume(p[0] == '\r' && n > 1 && p[1] == '\n' ? 2 : 1);
      ++line_;
      ++blank_lines_;
      continue;
    }
    RowEnd end;
    const Parse parse = ParseRow(p, n, eof, &end);
    if (parse == Parse::kNeedMore ||
        (parse == Parse::kError && !FindLineEnd(p, end.error_pos, n, eof, &end))) {
      // Past bound + 2 bytes an unfinished row cannot end within the bound.
      if (n >= options_.max_row_bytes + 2) {
        RejectTooLarge(record);
        return true;
      }
      window_.Fill();
      continue;
    }
    if (end.content_end > options_.max_row_bytes) {
      RejectTooLarge(record);
      return true;
    }
    if (parse == Parse::kError) {
      end.breaks = CountBreaks(p, end.content_end);
      EmitReject(end.kind, end.column, end.error_pos, end.message, end.content_end, record);
    } else if (fields_.size() != expected_fields_ && expected_fields_ != 0 &&
               !options_.allow_ragged_rows) {
      const bool more = fields_.size() > expected_fields_;
      const size_t error_pos =
          more ? static_cast<size_t>(fields_[expected_fields_].value.data() - p) : end.content_end;
      EmitReject(RejectKind::kFieldCount, more ? expected_fields_ + 1 : fields_.size() + 1,
                 error_pos,
                 "expected " + std::to_string(expected_fields_) + " fields, found " +
                     std::to_string(fields_.size()),
                 end.content_end, record);
    } else if (CheckEncoding(p, end, record)) {
      EmitRow(p, end, record);
    }
    line_ += end.breaks + 1;
    window_.Consume(end.next);
    return true;
  }
}

CsvReader::Parse CsvReader::ParseRow(const char* p, size_t n, bool eof, RowEnd* end) {
  fields_.clear();
  unescape_.clear();
  end->open_quote = kNone;
  uint64_t breaks = 0;
  size_t pos = 0;
  ByteSetCursor cursor(structural_, p, n);
  for (;;) {
    if (pos < n && p[pos] == quote_ && quote_ != '\0') {
      const size_t open = pos;
      size_t i = pos + 1;
      bool unescape = false;
      for (;;) {
        i = cursor.Next(i);
        if (i == n) {
          if (!eof) {
            end->open_quote = open;
            return Parse::kNeedMore;
          }
          end->kind = RejectKind::kUnterminatedQuote;
          end->column = fields_.size() + 1;
          end->error_pos = open;
          end->message = "quoted field is not closed before the end of the file";
          return Parse::kError;
        }
        const char c = p[i];
        if (c == '\n' || c == '\r') {
          if (c == '\r' || p[i - 1] != '\r') ++breaks;
          ++i;
        } else if (c == escape_ && escape_ != quote_) {
          if (i + 1 == n && !eof) return Parse::kNeedMore;
          const bool escapes = i + 1 < n && (p[i + 1] == quote_ || p[i + 1] == escape_);
          unescape = unescape || escapes;
          i += escapes ? 2 : 1;
        } else if (c != quote_) {
          ++i;  // a delimiter inside the quotes
        } else {
          if (i + 1 == n && !eof) return Parse::kNeedMore;
          if (escape_ == quote_ && i + 1 < n && p[i + 1] == quote_) {
            unescape = true;
            i += 2;
            continue;
          }
          break;  // the closing quote
        }
      }
      if (unescape) unescape_.push_back(static_cast<uint32_t>(fields_.size()));
      fields_.push_back(Field{std::string_view(p + open + 1, i - open - 1), false});
      pos = i + 1;
      if (pos < n && p[pos] != delimiter_ && p[pos] != '\n' && p[pos] != '\r') {
        end->kind = RejectKind::kBadQuote;
        end->column = fields_.size();
        end->error_pos = pos;
        end->message = "unexpected byte after a closing quote";
        return Parse::kError;
      }
    } else {
      size_t i = cursor.Next(pos);
      // The escape byte stands for itself outside quotes.
      while (i < n && p[i] == escape_ && escape_ != quote_) i = cursor.Next(i + 1);
      if (i < n && p[i] == quote_ && quote_ != '\0') {
        end->kind = RejectKind::kBadQuote;
        end->column = fields_.size() + 1;
        end->error_pos = i;
        end->message = "quote inside an unquoted field";
        return Parse::kError;
      }
      if (i == n && !eof) return Parse::kNeedMore;
      fields_.push_back(Field{std::string_view(p + pos, i - pos), i == pos});
      pos = i;
    }
    if (pos == n) {
      if (!eof) return Parse::kNeedMore;
      end->content_end = end->next = n;
      end->breaks = breaks;
      return Parse::kRow;
    }
    if (p[pos] == delimiter_) {
      ++pos;
      continue;
    }
    end->content_end = pos;
    if (p[pos] == '\r') {
      if (pos + 1 == n && !eof) return Parse::kNeedMore;
      end->next = pos + (pos + 1 < n && p[pos + 1] == '\n' ? 2 : 1);
    } else {
      end->next = pos + 1;
    }
    end->breaks = breaks;
    return Parse::kRow;
  }
}

bool CsvReader::FindLineEnd(const char* p, size_t from, size_t n, bool eof, RowEnd* end) const {
  size_t i = from;
  while (i < n && p[i] != '\n' && p[i] != '\r') ++i;
  if (i == n) {
    if (!eof) return false;
    end->content_end = end->next = n;
    return true;
  }
  if (p[i] == '\r' && i + 1 == n && !eof) return false;
  end->content_end = i;
  end->next = i + (p[i] == '\r' && i + 1 < n && p[i + 1] == '\n' ? 2 : 1);
  return true;
}

size_t CsvReader::ColumnAt(const char* p, size_t pos) const {
  // A field starts at its opening quote or its first byte; the column is how many start at or
  // before `pos`.
  size_t column = 0;
  for (const Field& field : fields_) {
    size_t start = static_cast<size_t>(field.value.data() - p);
    if (start > 0 && p[start - 1] == quote_ && quote_ != '\0') --start;
    if (start > pos) break;
    ++column;
  }
  return std::max<size_t>(column, 1);
}

bool CsvReader::CheckEncoding(const char* p, const RowEnd& end, Record* record) {
  const std::string_view text(p, end.content_end);
  const Encoding encoding = window_.encoding();
  // UTF-16 arrives transcoded, with a marker byte that is invalid UTF-8 where a sequence was bad.
  const bool single_byte = IsAsciiCompatible(encoding) && encoding != Encoding::kUtf8;
  const size_t bad = single_byte ? FindInvalidSingleByte(text, encoding) : FindInvalidUtf8(text);
  if (bad == kNone) return true;
  std::string message;
  if (!IsAsciiCompatible(encoding)) {
    message = "invalid " + std::string(EncodingName(encoding)) + " sequence";
  } else {
    message = "byte " + HexByte(p[bad]) + " is not valid " + std::string(EncodingName(encoding));
  }
  EmitReject(RejectKind::kEncoding, ColumnAt(p, bad), bad, std::move(message), end.content_end,
             record);
  return false;
}

void CsvReader::EmitReject(RejectKind kind, size_t column, size_t error_pos, std::string message,
                           size_t raw_end, Record* record) {
  record->is_reject = true;
  record->line = line_;
  record->offset = window_.Offset(0);
  record->raw = window_.Original(0, raw_end);
  record->fields.clear();
  record->kind = kind;
  record->column = column;
  record->error_offset = window_.Offset(error_pos);
  record->message = std::move(message);
  ++rejects_;
}

void CsvReader::EmitRow(const char* p, const RowEnd& end, Record* record) {
  record->is_reject = false;
  record->line = line_;
  record->offset = window_.Offset(0);
  record->raw = window_.Original(0, end.content_end);
  Materialize(p, end.content_end);
  record->fields.swap(fields_);  // hands the fields over without copying
  ++rows_;
}

void CsvReader::Materialize(const char* p, size_t content_end) {
  const Encoding encoding = window_.encoding();
  const bool convert = IsAsciiCompatible(encoding) && encoding != Encoding::kUtf8 &&
                       !IsAscii(std::string_view(p, content_end));
  if (unescape_.empty() && !convert) return;
  // Views into scratch_ must survive the whole row: reserve the worst case (every byte becomes a
  // three-byte character) once, so appending never reallocates.
  scratch_.clear();
  scratch_.reserve(3 * content_end + 16);
  size_t next_unescape = 0;
  for (size_t i = 0; i < fields_.size(); ++i) {
    std::string_view value = fields_[i].value;
    const bool unescape = next_unescape < unescape_.size() && unescape_[next_unescape] == i;
    if (!unescape && !(convert && !IsAscii(value))) continue;
    if (unescape) {
      ++next_unescape;
      unescaped_.clear();
      for (size_t k = 0; k < value.size(); ++k) {
        if (value[k] == escape_ && k + 1 < value.size() &&
            (value[k + 1] == quote_ || value[k + 1] == escape_)) {
          ++k;
        }
        unescaped_.push_back(value[k]);
      }
      value = unescaped_;
    }
    const size_t start = scratch_.size();
    if (convert) {
      AppendSingleByteAsUtf8(value, encoding, &scratch_);
    } else {
      scratch_.append(value);
    }
    fields_[i].value = std::string_view(scratch_).substr(start);
  }
}

void CsvReader::RejectTooLarge(Record* record) {
  // Decide from the first bound + 2 bytes only (enough to see a CRLF right at the bound), so the
  // outcome never depends on how the file happened to split into blocks.
  const char* p = window_.data();
  const size_t n = window_.size();
  const size_t bound = options_.max_row_bytes;
  const size_t limit = std::min(n, bound + 2);
  const bool eof = window_.exhausted() && limit == n;
  const std::string message = "row is longer than the bound of " + std::to_string(bound) +
                              " bytes; raw text cut to the bound";
  RowEnd end;
  const Parse parse = ParseRow(p, limit, eof, &end);
  bool complete = parse == Parse::kRow;
  size_t from = kNone;
  if (parse == Parse::kError) from = end.error_pos;
  if (parse == Parse::kNeedMore) from = end.open_quote;
  if (from != kNone) complete = FindLineEnd(p, from, limit, eof, &end);
  if (complete) {
    const size_t kept = std::min(end.content_end, bound);
    EmitReject(RejectKind::kRowTooLarge, 0, kept, message, kept, record);
    line_ += CountBreaks(p, end.content_end) + 1;
    window_.Consume(end.next);
    return;
  }
  // No line end in sight: keep the first `bound` bytes for the reject and skip the rest of the
  // line as it streams by.
  raw_storage_.assign(window_.Original(0, bound));
  EmitReject(RejectKind::kRowTooLarge, 0, bound, message, bound, record);
  record->raw = raw_storage_;
  line_ += CountBreaks(p, bound) + 1;
  window_.Consume(bound + (p[bound - 1] == '\r' && bound < limit && p[bound] == '\n' ? 1 : 0));
  SkipToLineEnd();
}

}  // namespace crm::readers
