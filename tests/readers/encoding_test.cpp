#include <catch2/catch.hpp>

#include "staging/readers/encoding.h"

using namespace crm::readers;

TEST_CASE("UTF-8 validation finds the first bad byte", "[encoding]") {
  constexpr auto kValid = std::string_view::npos;
  CHECK(FindInvalidUtf8("plain ascii text, long enough for words") == kValid);
  CHECK(FindInvalidUtf8("Jos\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80") == kValid);
  CHECK(FindInvalidUtf8("abc\xC3") == 3);           // cut short
  CHECK(FindInvalidUtf8("ab\xC0\xAF") == 2);        // overlong
  CHECK(FindInvalidUtf8("12345678\xED\xA0\x80") == 8);  // surrogate
  CHECK(FindInvalidUtf8("\xF4\x90\x80\x80") == 0);  // past U+10FFFF
  CHECK(FindInvalidUtf8("a\x80") == 1);
}

TEST_CASE("Single-byte encodings convert to UTF-8", "[encoding]") {
  std::string out;
  AppendSingleByteAsUtf8("\x80\xE9", Encoding::kWindows1252, &out);
  CHECK(out == "\xE2\x82\xAC\xC3\xA9");
  out.clear();
  AppendSingleByteAsUtf8("\xA4", Encoding::kLatin9, &out);
  CHECK(out == "\xE2\x82\xAC");
  out.clear();
  AppendSingleByteAsUtf8("\xA4", Encoding::kLatin1, &out);
  CHECK(out == "\xC2\xA4");
  CHECK(FindInvalidSingleByte("ok\x81", Encoding::kWindows1252) == 2);
  CHECK(FindInvalidSingleByte("ok\x81", Encoding::kLatin1) == std::string_view::npos);
}

TEST_CASE("Encoding names and aliases", "[encoding]") {
  CHECK(EncodingFromName("CP1252") == Encoding::kWindows1252);
  CHECK(EncodingFromName(" latin-9 ") == Encoding::kLatin9);
  CHECK(EncodingFromName("utf-16le") == Encoding::kUtf16Le);
  CHECK_FALSE(EncodingFromName("ebcdic").has_value());
  CHECK(EncodingName(Encoding::kLatin1) == "iso-8859-1");
}
