#include "staging/readers/jsonl_reader.h"

#include <algorithm>
#include <cstring>
#include <set>

#include "core/common/error.h"

namespace crm::readers {
namespace {

const JsonlOptions& Checked(const JsonlOptions& options) {
  if (options.paths.empty()) throw Error(ErrorCategory::kSpec, "jsonl: no paths to read");
  if (options.max_row_bytes == 0) {
    throw Error(ErrorCategory::kSpec, "jsonl: max_row_bytes must be positive");
  }
  return options;
}

bool IsBlank(const char* p, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r') return false;
  }
  return true;
}

}  // namespace

JsonlReader::JsonlReader(std::unique_ptr<ByteSource> source, const JsonlOptions& options)
    : options_(Checked(options)),
      window_(std::move(source), Encoding::kUtf8, true, options.block_bytes),
      scanner_(options.paths) {}

std::unique_ptr<JsonlReader> JsonlReader::Open(const std::string& path,
                                               const JsonlOptions& options) {
  return std::make_unique<JsonlReader>(ByteSource::OpenFile(path, options.compression), options);
}

bool JsonlReader::Next(Record* record) {
  const size_t bound = options_.max_row_bytes;
  for (;;) {
    const char* p = window_.data();
    const size_t n = window_.size();
    if (n == 0) {
      if (window_.exhausted() || !window_.Fill()) return false;
      continue;
    }
    const auto* newline = static_cast<const char*>(std::memchr(p, '\n', std::min(n, bound + 2)));
    size_t content_end;
    size_t next;
    if (newline != nullptr) {
      content_end = static_cast<size_t>(newline - p);
      next = content_end + 1;
    } else if (n >= bound + 2) {  // no line end within the bound (allowing for CRLF)
      raw_storage_.assign(window_.Original(0, bound));
      Reject(RejectKind::kRowTooLarge, bound,
             "line is longer than the bound of " + std::to_string(bound) +
                 " bytes; raw text cut to the bound",
             bound, record);
      record->raw = raw_storage_;
      ++line_;
      window_.Consume(bound);
      SkipToLineEnd();
      return true;
    } else if (!window_.exhausted()) {
      window_.Fill();
      continue;
    } else {
      content_end = next = n;
    }
    if (content_end > 0 && p[content_end - 1] == '\r') --content_end;
    const bool blank = IsBlank(p, content_end);
    if (blank) {
      ++blank_lines_;
    } else if (content_end > bound) {
      Reject(RejectKind::kRowTooLarge, bound,
             "line is longer than the bound of " + std::to_string(bound) +
                 " bytes; raw text cut to the bound",
             bound, record);
    } else {
      const std::string_view line(p, content_end);
      const size_t bad = FindInvalidUtf8(line);
      size_t error_pos = 0;
      std::string message;
      if (bad != std::string_view::npos) {
        Reject(RejectKind::kEncoding, bad, "invalid UTF-8 at byte " + std::to_string(bad + 1) +
                                               " of the line",
               content_end, record);
      } else if (!scanner_.Scan(line, &record->fields, &scratch_, &error_pos, &message,
                                key_sink_)) {
        Reject(RejectKind::kJsonSyntax, error_pos,
               message + " (byte " + std::to_string(error_pos + 1) + " of the line)", content_end,
               record);
      } else {
        record->is_reject = false;
        record->line = line_;
        record->offset = window_.Offset(0);
        record->raw = window_.Original(0, content_end);
        ++rows_;
      }
    }
    ++line_;
    window_.Consume(next);
    if (!blank) return true;
  }
}

void JsonlReader::Reject(RejectKind kind, size_t error_pos, std::string message, size_t raw_end,
                         Record* record) {
  record->is_reject = true;
  record->line = line_;
  record->offset = window_.Offset(0);
  record->raw = window_.Original(0, raw_end);
  record->fields.clear();
  record->kind = kind;
  record->column = 0;
  record->error_offset = window_.Offset(error_pos);
  record->message = std::move(message);
  ++rejects_;
}

void JsonlReader::SkipToLineEnd() {
  for (;;) {
    const char* p = window_.data();
    const size_t n = window_.size();
    const auto* newline = static_cast<const char*>(std::memchr(p, '\n', n));
    if (newline != nullptr) {
      window_.Consume(static_cast<size_t>(newline - p) + 1);
      return;
    }
    window_.Consume(n);
    if (!window_.Fill()) return;
  }
}

std::vector<std::string> SniffJsonlKeys(const std::string& path, size_t max_lines) {
  JsonlOptions options;
  options.paths = {"_"};  // a reader needs a path; only the top-level keys are wanted here
  JsonlReader reader(ByteSource::OpenFile(path), options);
  std::vector<std::string> line_keys;
  reader.CollectKeys(&line_keys);
  std::vector<std::string> keys;
  std::set<std::string> seen;
  Record record;
  for (size_t i = 0; i < max_lines && reader.Next(&record); ++i) {
    for (std::string& key : line_keys) {
      if (seen.insert(key).second) keys.push_back(std::move(key));
    }
    line_keys.clear();
  }
  return keys;
}

}  // namespace crm::readers
