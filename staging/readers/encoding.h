// Text encodings the file readers accept, and the byte-level checks they share. Every reader hands
// out UTF-8; these helpers validate UTF-8 and convert the single-byte encodings, reporting the first
// bad byte instead of substituting it, so a bad byte can reject exactly one row.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/text.h"  // AppendUtf8

namespace crm::readers {

enum class Encoding {
  kUtf8,         // with or without a BOM (a BOM is skipped)
  kWindows1252,  // five bytes (0x81 0x8D 0x8F 0x90 0x9D) are undefined and rejected
  kLatin1,       // ISO-8859-1: every byte is a character
  kLatin9,       // ISO-8859-15
  kUtf16Le,      // a BOM is skipped; an unpaired surrogate is an encoding error
  kUtf16Be,
};

// "utf-8", "windows-1252", "iso-8859-1", "iso-8859-15", "utf-16le", "utf-16be".
std::string_view EncodingName(Encoding encoding);
// Accepts the names above case-insensitively plus common aliases ("utf8", "cp1252", "latin1",
// "latin-9", "utf-16-le", ...). std::nullopt for an unknown name.
std::optional<Encoding> EncodingFromName(std::string_view name);

// True for the encodings where every ASCII byte stands for itself (the CSV state machine scans
// those bytes directly); false for UTF-16, which is transcoded to UTF-8 before scanning.
bool IsAsciiCompatible(Encoding encoding);

// Index of the first byte in `text` that does not belong to a valid UTF-8 sequence (overlong forms,
// surrogates and code points past U+10FFFF are invalid); std::string_view::npos when all is valid.
size_t FindInvalidUtf8(std::string_view text);

// For the single-byte encodings: index of the first byte with no character in `encoding`, or npos.
size_t FindInvalidSingleByte(std::string_view text, Encoding encoding);

// Appends `text` (in single-byte `encoding`, already checked with FindInvalidSingleByte) to `out`
// as UTF-8.
void AppendSingleByteAsUtf8(std::string_view text, Encoding encoding, std::string* out);

// True when no byte of `text` has its high bit set.
bool IsAscii(std::string_view text);

}  // namespace crm::readers
