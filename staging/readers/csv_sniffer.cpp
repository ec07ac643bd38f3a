#include "staging/readers/csv_sniffer.h"

#include <algorithm>
#include <map>

#include "staging/readers/csv_reader.h"

namespace crm::readers {
namespace {

std::string Show(char c) {
  if (c == '\t') return "'\\t'";
  if (c == '\0') return "none";
  return std::string("'") + c + "'";
}

std::string ReadSample(ByteSource& source, size_t sample_bytes, bool* truncated) {
  std::string sample(sample_bytes + 1, '\0');
  size_t have = 0;
  while (have < sample.size()) {
    const size_t got = source.Read(sample.data() + have, sample.size() - have);
    if (got == 0) break;
    have += got;
  }
  *truncated = have > sample_bytes;
  sample.resize(std::min(have, sample_bytes));
  return sample;
}

// Encoding from the raw bytes: BOM, then the NUL pattern of BOM-less UTF-16, then UTF-8 validity,
// then the single-byte encoding that accepts every byte.
Encoding DetectEncoding(const std::string& sample, bool truncated, std::string* why) {
  if (sample.starts_with("\xEF\xBB\xBF")) return *why = "UTF-8 byte order mark", Encoding::kUtf8;
  if (sample.starts_with("\xFF\xFE")) return *why = "byte order mark", Encoding::kUtf16Le;
  if (sample.starts_with("\xFE\xFF")) return *why = "byte order mark", Encoding::kUtf16Be;
  size_t even_zeros = 0;
  size_t odd_zeros = 0;
  const size_t probe = std::min<size_t>(sample.size(), 4096);
  for (size_t i = 0; i < probe; ++i) {
    if (sample[i] == '\0') ++(i % 2 == 0 ? even_zeros : odd_zeros);
  }
  if (probe >= 4 && odd_zeros > probe / 4 && even_zeros == 0) {
    return *why = "NUL in every other byte, no byte order mark", Encoding::kUtf16Le;
  }
  if (probe >= 4 && even_zeros > probe / 4 && odd_zeros == 0) {
    return *why = "NUL in every other byte, no byte order mark", Encoding::kUtf16Be;
  }
  std::string_view text = sample;
  size_t bad = FindInvalidUtf8(text);
  // A multi-byte character cut by the end of the sample is not evidence against UTF-8.
  if (truncated && bad != std::string_view::npos && bad + 4 > text.size()) {
    bad = FindInvalidUtf8(text.substr(0, bad));
  }
  if (bad == std::string_view::npos) {
    *why = IsAscii(text) ? "the sample is plain ASCII" : "the sample is valid UTF-8";
    return Encoding::kUtf8;
  }
  const std::string at = "not UTF-8: byte at offset " + std::to_string(bad);
  if (FindInvalidSingleByte(text, Encoding::kWindows1252) == std::string_view::npos) {
    return *why = at + "; every byte is valid windows-1252", Encoding::kWindows1252;
  }
  return *why = at + "; not windows-1252 either", Encoding::kLatin1;
}

struct Trial {
  size_t rows = 0;
  size_t rejects = 0;
  size_t fields = 0;      // the most common field count
  size_t consistent = 0;  // rows with that count
  std::vector<std::vector<std::string>> first_rows;
};

Trial Run(const std::string& sample, CsvOptions options) {
  options.header.Set(false);
  options.allow_ragged_rows = true;
  options.columns.clear();
  Trial trial;
  std::map<size_t, size_t> counts;
  CsvReader reader(ByteSource::FromString(sample), options);
  Record record;
  while (reader.Next(&record)) {
    if (record.is_reject) {
      ++trial.rejects;
      continue;
    }
    ++trial.rows;
    ++counts[record.fields.size()];
    if (trial.first_rows.size() < 50) {
      std::vector<std::string> row;
      for (const Field& f : record.fields) row.emplace_back(f.is_null ? "" : f.value);
      trial.first_rows.push_back(std::move(row));
    }
  }
  for (const auto& [fields, count] : counts) {
    if (count > trial.consistent) trial.fields = fields, trial.consistent = count;
  }
  return trial;
}

bool LooksNumeric(const std::string& value) {
  if (value.empty()) return false;
  size_t digits = 0;
  for (char c : value) {
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (std::string_view("+-.,/: ").find(c) == std::string_view::npos) {
      return false;
    }
  }
  return digits > 0;
}

bool DetectHeader(const Trial& trial, std::string* why) {
  if (trial.first_rows.empty()) return *why = "no rows in the sample; assumed", true;
  const auto& first = trial.first_rows.front();
  for (const std::string& name : first) {
    if (LooksNumeric(name)) return *why = "the first row holds a number or date: '" + name + "'", false;
  }
  for (size_t c = 0; c < first.size(); ++c) {
    for (size_t r = 1; r < trial.first_rows.size(); ++r) {
      const auto& row = trial.first_rows[r];
      if (c < row.size() && LooksNumeric(row[c])) {
        *why = "first row is text where later rows hold numbers (column " + std::to_string(c + 1) +
               ")";
        return true;
      }
    }
  }
  return *why = "first row is text and later rows are too; assumed", true;
}

}  // namespace

SniffResult SniffCsv(std::unique_ptr<ByteSource> source, const CsvOptions& options,
                     size_t sample_bytes) {
  SniffResult result{options, {}};
  CsvOptions& out = result.options;
  bool truncated = false;
  std::string sample = ReadSample(*source, sample_bytes, &truncated);
  const auto decided = [&](const std::string& what, bool by_user, const std::string& why) {
    result.decisions.push_back(what + (by_user ? " (set in the spec)" : " (detected: " + why + ")"));
  };

  std::string why;
  const Encoding detected = DetectEncoding(sample, truncated, &why);
  out.encoding.SetDetected(detected);
  decided("encoding " + std::string(EncodingName(out.encoding.value())),
          options.encoding.set_by_user(), why);
  if (options.skip_lines > 0) {  // the trials below read the sample with the same skip
    result.decisions.push_back("skip_lines " + std::to_string(options.skip_lines) +
                               ": lines before the header are not read (set in the spec)");
  }
  if (truncated) {  // drop the row cut by the end of the sample
    const size_t last_break = sample.find_last_of("\r\n");
    if (last_break != std::string::npos) sample.resize(last_break + 1);
  }
  CsvOptions trial_options = out;
  trial_options.encoding.Set(out.encoding.value());

  const std::vector<char> delimiters = options.delimiter.set_by_user()
                                           ? std::vector<char>{options.delimiter.value()}
                                           : std::vector<char>{',', ';', '\t', '|'};
  const std::vector<char> quotes = options.quote.set_by_user()
                                       ? std::vector<char>{options.quote.value()}
                                       : std::vector<char>{'"', '\''};
  Trial best;
  char best_delimiter = out.delimiter.value();
  char best_quote = out.quote.value();
  char best_escape = out.escape.value();
  long best_score = -1;
  for (char quote : quotes) {
    const std::vector<char> escapes = options.escape.set_by_user()
                                          ? std::vector<char>{options.escape.value()}
                                          : std::vector<char>{quote, '\\'};
    for (char escape : escapes) {
      for (char delimiter : delimiters) {
        if (delimiter == quote || delimiter == escape) continue;
        trial_options.delimiter.Set(delimiter);
        trial_options.quote.Set(quote);
        trial_options.escape.Set(escape);
        Trial trial = Run(sample, trial_options);
        // Rows that agree on a field count, minus a penalty for rows the candidate rejects; one
        // column only when nothing splits the rows. Ties go to the earlier, more common candidate.
        const long score = trial.fields > 1 || best_score < 0
                               ? static_cast<long>(trial.consistent) -
                                     2 * static_cast<long>(trial.rejects)
                               : -1;
        if (score > best_score || (score == best_score && trial.fields > best.fields)) {
          best_score = score;
          best = std::move(trial);
          best_delimiter = delimiter;
          best_quote = quote;
          best_escape = escape;
        }
      }
    }
  }
  out.delimiter.SetDetected(best_delimiter);
  out.quote.SetDetected(best_quote);
  out.escape.SetDetected(best_escape);
  decided("delimiter " + Show(out.delimiter.value()), options.delimiter.set_by_user(),
          std::to_string(best.consistent) + " of " + std::to_string(best.rows + best.rejects) +
              " sample rows have " + std::to_string(best.fields) + " fields");
  decided("quote " + Show(out.quote.value()), options.quote.set_by_user(),
          std::to_string(best.rejects) + " sample rows rejected with it");
  decided("escape " + Show(out.escape.value()), options.escape.set_by_user(),
          out.escape.value() == out.quote.value() ? "quotes are doubled"
                                                  : "fewer rejects than with doubled quotes");

  const bool header = DetectHeader(best, &why);
  out.header.SetDetected(header);
  decided(std::string("header ") + (out.header.value() ? "yes" : "no"),
          options.header.set_by_user(), why);
  return result;
}

SniffResult SniffCsvFile(const std::string& path, const CsvOptions& options, size_t sample_bytes) {
  return SniffCsv(ByteSource::OpenFile(path, options.compression), options, sample_bytes);
}

}  // namespace crm::readers
