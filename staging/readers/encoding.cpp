#include "staging/readers/encoding.h"

#include <Poco/Latin1Encoding.h>
#include <Poco/Latin9Encoding.h>
#include <Poco/Windows1252Encoding.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/common/text.h"

namespace crm::readers {
namespace {

constexpr std::array<std::pair<std::string_view, Encoding>, 20> kNames = {{
    {"utf-8", Encoding::kUtf8},           {"utf8", Encoding::kUtf8},
    {"windows-1252", Encoding::kWindows1252}, {"cp1252", Encoding::kWindows1252},
    {"win1252", Encoding::kWindows1252},  {"iso-8859-1", Encoding::kLatin1},
    {"iso8859-1", Encoding::kLatin1},     {"latin1", Encoding::kLatin1},
    {"latin-1", Encoding::kLatin1},       {"iso-8859-15", Encoding::kLatin9},
    {"iso8859-15", Encoding::kLatin9},    {"latin9", Encoding::kLatin9},
    {"latin-9", Encoding::kLatin9},       {"utf-16le", Encoding::kUtf16Le},
    {"utf-16-le", Encoding::kUtf16Le},    {"utf16le", Encoding::kUtf16Le},
    {"utf-16be", Encoding::kUtf16Be},     {"utf-16-be", Encoding::kUtf16Be},
    {"utf16be", Encoding::kUtf16Be},      {"ucs-2le", Encoding::kUtf16Le},
}};

// Code point per byte, -1 where the encoding has no character. Built once from Poco's maps.
using ByteTable = std::array<int32_t, 256>;

ByteTable MakeTable(const Poco::TextEncoding& encoding) {
  ByteTable table{};
  for (int i = 0; i < 256; ++i) table[i] = encoding.characterMap()[i];
  return table;
}

const ByteTable& TableFor(Encoding encoding) {
  static const ByteTable kWindows1252 = [] {
    ByteTable table = MakeTable(Poco::Windows1252Encoding());
    // Poco (like WHATWG) maps the five bytes Windows-1252 leaves undefined to C1 controls. In a CRM
    // export they only ever mean the file is in another encoding, so they reject the row instead.
    for (int undefined : {0x81, 0x8D, 0x8F, 0x90, 0x9D}) table[undefined] = -1;
    return table;
  }();
  static const ByteTable kLatin1 = MakeTable(Poco::Latin1Encoding());
  static const ByteTable kLatin9 = MakeTable(Poco::Latin9Encoding());
  switch (encoding) {
    case Encoding::kWindows1252:
      return kWindows1252;
    case Encoding::kLatin9:
      return kLatin9;
    default:
      return kLatin1;
  }
}

}  // namespace

std::string_view EncodingName(Encoding encoding) {
  switch (encoding) {
    case Encoding::kUtf8:
      return "utf-8";
    case Encoding::kWindows1252:
      return "windows-1252";
    case Encoding::kLatin1:
      return "iso-8859-1";
    case Encoding::kLatin9:
      return "iso-8859-15";
    case Encoding::kUtf16Le:
      return "utf-16le";
    case Encoding::kUtf16Be:
      return "utf-16be";
  }
  return "utf-8";
}

std::optional<Encoding> EncodingFromName(std::string_view name) {
  const std::string lower = ToLowerAscii(TrimView(name));
  for (const auto& [n, encoding] : kNames) {
    if (n == lower) return encoding;
  }
  return std::nullopt;
}

bool IsAsciiCompatible(Encoding encoding) {
  return encoding != Encoding::kUtf16Le && encoding != Encoding::kUtf16Be;
}

bool IsAscii(std::string_view text) {
  const char* p = text.data();
  const char* end = p + text.size();
  for (; end - p >= 8; p += 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    if (word & 0x8080808080808080ULL) return false;
  }
  for (; p < end; ++p) {
    if (static_cast<unsigned char>(*p) & 0x80) return false;
  }
  return true;
}

size_t FindInvalidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    // Skip ASCII 16 or 8 bytes at a time: most CRM data is ASCII with a few accented names.
#if defined(__SSE2__)
    if (i + 16 <= n) {
      const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
      const int high = _mm_movemask_epi8(chunk);
      if (high == 0) {
        i += 16;
        continue;
      }
      i += static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(high)));
    }
#endif
    if (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, s + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t length;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) lo = 0xA0;  // overlong
      if (c == 0xED) hi = 0x9F;  // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) lo = 0x90;  // overlong
      if (c == 0xF4) hi = 0x8F;  // past U+10FFFF
    } else {
      return i;
    }
    if (i + 1 >= n || s[i + 1] < lo || s[i + 1] > hi) return i;
    for (size_t k = 2; k < length; ++k) {
      if (i + k >= n || s[i + k] < 0x80 || s[i + k] > 0xBF) return i;
    }
    i += length;
  }
  return std::string_view::npos;
}

size_t FindInvalidSingleByte(std::string_view text, Encoding encoding) {
  const ByteTable& table = TableFor(encoding);
  for (size_t i = 0; i < text.size(); ++i) {
    if (table[static_cast<unsigned char>(text[i])] < 0) return i;
  }
  return std::string_view::npos;
}

void AppendSingleByteAsUtf8(std::string_view text, Encoding encoding, std::string* out) {
  const ByteTable& table = TableFor(encoding);
  for (char ch : text) {
    const auto byte = static_cast<unsigned char>(ch);
    if (byte < 0x80) {
      out->push_back(ch);
    } else {
      AppendUtf8(static_cast<char32_t>(table[byte]), out);
    }
  }
}

}  // namespace crm::readers
