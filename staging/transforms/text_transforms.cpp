#include "staging/transforms/text_transforms.h"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

namespace crm::transforms {
namespace {

bool IsAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// Decodes one code point at `*pos`; returns false on invalid UTF-8.
bool Next(std::string_view s, size_t* pos, char32_t* cp) {
  utf8proc_int32_t c = 0;
  utf8proc_ssize_t n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + *pos),
                                        static_cast<utf8proc_ssize_t>(s.size() - *pos), &c);
  if (n <= 0) return false;
  *pos += static_cast<size_t>(n);
  *cp = static_cast<char32_t>(c);
  return true;
}

void Append(char32_t cp, std::string* out) {
  utf8proc_uint8_t buf[4];
  utf8proc_ssize_t n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
  out->append(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
}

bool InvalidUtf8(std::string* error) {
  if (error) *error = "invalid UTF-8";
  return false;
}

// NFC form of `in` (composing "e" + U+0301 into "é" so case and word rules see one letter).
bool ToNfc(std::string_view in, std::string* out, std::string* error) {
  if (IsAscii(in)) {
    out->assign(in);
    return true;
  }
  utf8proc_uint8_t* mapped = nullptr;
  utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(in.data()),
                   static_cast<utf8proc_ssize_t>(in.size()), &mapped,
                   static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  if (n < 0) return InvalidUtf8(error);
  out->assign(reinterpret_cast<const char*>(mapped), static_cast<size_t>(n));
  std::free(mapped);
  return true;
}

bool IsWordChar(char32_t cp) {
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

bool IsApostrophe(char32_t cp) { return cp == U'\'' || cp == U'\u2019' || cp == U'`'; }

template <typename MapFn>
bool MapCodePoints(std::string_view in, std::string* out, std::string* error, MapFn map) {
  std::string nfc;
  if (!ToNfc(in, &nfc, error)) return false;
  out->clear();
  out->reserve(nfc.size());
  size_t pos = 0;
  char32_t cp = 0;
  while (pos < nfc.size()) {
    if (!Next(nfc, &pos, &cp)) return InvalidUtf8(error);
    Append(map(cp), out);
  }
  return true;
}

// Letters that NFKD does not decompose into base + mark, folded for matching keys.
const char* ExtraFold(char32_t cp) {
  switch (cp) {
    case U'ł':
      return "l";
    case U'ø':
      return "o";
    case U'æ':
      return "ae";
    case U'œ':
      return "oe";
    case U'đ':
      return "d";
    case U'ð':
      return "d";
    case U'þ':
      return "th";
    case U'ı':
      return "i";
    case U'ħ':
      return "h";
    default:
      return nullptr;
  }
}

}  // namespace

bool IsUnicodeSpace(char32_t c) {
  return c == U' ' || (c >= U'\t' && c <= U'\r') || c == U'\u00A0' ||
         (c >= U'\u2000' && c <= U'\u200B') || c == U'\u202F' || c == U'\u205F' || c == U'\u3000' ||
         c == U'\uFEFF';
}

std::string_view TrimView(std::string_view in) {
  // Only the ends are decoded: the text between them is never looked at. An ASCII byte at an
  // end (nearly always) is decided without decoding.
  auto ascii_space = [](unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  size_t begin = 0;
  while (begin < in.size()) {
    const auto c = static_cast<unsigned char>(in[begin]);
    if (c < 0x80) {
      if (!ascii_space(c)) break;
      ++begin;
      continue;
    }
    size_t pos = begin;
    char32_t cp = 0;
    if (!Next(in, &pos, &cp) || !IsUnicodeSpace(cp)) break;  // invalid bytes are text
    begin = pos;
  }
  size_t end = in.size();
  while (end > begin) {
    const auto c = static_cast<unsigned char>(in[end - 1]);
    if (c < 0x80) {
      if (!ascii_space(c)) break;
      --end;
      continue;
    }
    size_t start = end - 1;  // back over continuation bytes to the start of the last code point
    while (start > begin && end - start < 4 &&
           (static_cast<unsigned char>(in[start]) & 0xC0) == 0x80) {
      --start;
    }
    size_t pos = start;
    char32_t cp = 0;
    if (!Next(in, &pos, &cp) || pos != end || !IsUnicodeSpace(cp)) break;
    end = start;
  }
  return in.substr(begin, end - begin);
}

std::string Trim(std::string_view in) { return std::string(TrimView(in)); }

std::string CollapseWhitespace(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  size_t pos = 0;
  char32_t cp = 0;
  bool pending_space = false;
  while (pos < in.size()) {
    size_t start = pos;
    if (!Next(in, &pos, &cp)) {
      pos = start + 1;
      cp = 0xFFFD;
    }
    if (IsUnicodeSpace(cp)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.append(in.substr(start, pos - start));
  }
  return out;
}

bool TryLower(std::string_view in, std::string* out, std::string* error) {
  if (IsAscii(in)) {
    out->assign(in);
    for (char& c : *out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return true;
  }
  return MapCodePoints(in, out, error, [](char32_t cp) {
    return static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp)));
  });
}

bool TryUpper(std::string_view in, std::string* out, std::string* error) {
  if (IsAscii(in)) {
    out->assign(in);
    for (char& c : *out) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return true;
  }
  return MapCodePoints(in, out, error, [](char32_t cp) {
    return static_cast<char32_t>(utf8proc_toupper(static_cast<utf8proc_int32_t>(cp)));
  });
}

bool TryTitleCase(std::string_view in, std::string* out, std::string* error) {
  std::string nfc;
  if (!ToNfc(in, &nfc, error)) return false;
  out->clear();
  out->reserve(nfc.size());
  size_t pos = 0;
  char32_t cp = 0;
  bool at_word_start = true;
  size_t letters_in_word = 0;  // letters since the word began
  bool after_apostrophe = false;
  while (pos < nfc.size()) {
    if (!Next(nfc, &pos, &cp)) return InvalidUtf8(error);
    if (!IsWordChar(cp)) {
      // "o'neil": a one-letter prefix before an apostrophe starts a new word after it.
      after_apostrophe = IsApostrophe(cp) && letters_in_word == 1;
      at_word_start = !IsApostrophe(cp) || after_apostrophe;
      if (!IsApostrophe(cp)) letters_in_word = 0;
      Append(cp, out);
      continue;
    }
    utf8proc_int32_t c = static_cast<utf8proc_int32_t>(cp);
    Append(static_cast<char32_t>(at_word_start ? utf8proc_totitle(c) : utf8proc_tolower(c)), out);
    if (at_word_start) letters_in_word = 0;
    ++letters_in_word;
    at_word_start = false;
  }
  return true;
}

bool TryMatchKey(std::string_view in, std::string* out, std::string* error) {
  if (IsAscii(in)) {  // the same result without utf8proc's allocation: the common case
    out->clear();
    bool pending_space = false;
    for (char c : in) {
      if (c == '\'' || c == '`') continue;
      bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alnum) {
        pending_space = !out->empty();
        continue;
      }
      if (pending_space) out->push_back(' ');
      pending_space = false;
      out->push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    return true;
  }
  utf8proc_uint8_t* mapped = nullptr;
  utf8proc_ssize_t n = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(in.data()),
      static_cast<utf8proc_ssize_t>(in.size()), &mapped,
      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
                                     UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD));
  if (n < 0) return InvalidUtf8(error);
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(mapped, &std::free);
  std::string_view folded(reinterpret_cast<const char*>(mapped), static_cast<size_t>(n));
  out->clear();
  out->reserve(folded.size());
  size_t pos = 0;
  char32_t cp = 0;
  bool pending_space = false;
  while (pos < folded.size()) {
    size_t start = pos;
    if (!Next(folded, &pos, &cp)) return InvalidUtf8(error);
    if (IsApostrophe(cp)) continue;
    if (!IsWordChar(cp)) {
      pending_space = !out->empty();
      continue;
    }
    if (pending_space) out->push_back(' ');
    pending_space = false;
    if (const char* fold = ExtraFold(cp)) {
      out->append(fold);
    } else {
      out->append(folded.substr(start, pos - start));
    }
  }
  return true;
}

bool TryCompactKey(std::string_view in, std::string* out, std::string* error) {
  if (!TryMatchKey(in, out, error)) return false;
  std::erase(*out, ' ');
  return true;
}

}  // namespace crm::transforms
