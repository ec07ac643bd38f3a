#include "samples/generator/text.h"

#include <cstdint>
#include <vector>

#include "core/common/text.h"

namespace crm::generator {
namespace {

// Decodes one code point at `*pos` and advances; invalid bytes decode as themselves.
char32_t NextCodePoint(std::string_view s, size_t* pos) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  unsigned char b = byte(*pos);
  int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0;
  if (*pos + extra >= s.size()) extra = 0;
  char32_t cp = extra == 0 ? b : (b & (0x3F >> extra));
  for (int i = 1; i <= extra; ++i) cp = (cp << 6) | (byte(*pos + i) & 0x3F);
  *pos += 1 + extra;
  return cp;
}

struct Special {
  char32_t cp;
  unsigned char cp1252;  // 0: not in the code page, use `ascii`
  const char* ascii;
};

// Windows-1252's 0x80–0x9F block, and the letters of our names it lacks.
constexpr Special kSpecials[] = {
    {0x20AC, 0x80, "EUR"}, {0x201A, 0x82, ","}, {0x0192, 0x83, "f"},  {0x201E, 0x84, "\""},
    {0x2026, 0x85, "..."}, {0x0160, 0x8A, "S"}, {0x0152, 0x8C, "OE"}, {0x017D, 0x8E, "Z"},
    {0x2018, 0x91, "'"},   {0x2019, 0x92, "'"}, {0x201C, 0x93, "\""}, {0x201D, 0x94, "\""},
    {0x2013, 0x96, "-"},   {0x2014, 0x97, "-"}, {0x0161, 0x9A, "s"},  {0x0153, 0x9C, "oe"},
    {0x017E, 0x9E, "z"},   {0x0178, 0x9F, "Y"}, {0x0141, 0, "L"},     {0x0142, 0, "l"},
    {0x015A, 0, "S"},      {0x015B, 0, "s"},    {0x0143, 0, "N"},     {0x0144, 0, "n"},
    {0x0104, 0, "A"},      {0x0105, 0, "a"},    {0x0118, 0, "E"},     {0x0119, 0, "e"},
    {0x0106, 0, "C"},      {0x0107, 0, "c"},    {0x017B, 0, "Z"},     {0x017C, 0, "z"},
    {0x0179, 0, "Z"},      {0x017A, 0, "z"},    {0x0130, 0, "I"},     {0x0131, 0, "i"},
    {0x015E, 0, "S"},      {0x015F, 0, "s"},    {0x011E, 0, "G"},     {0x011F, 0, "g"},
};

const Special* FindSpecial(char32_t cp) {
  for (const Special& s : kSpecials) {
    if (s.cp == cp) return &s;
  }
  return nullptr;
}

// ASCII for Latin-1 letters: index cp - 0xC0.
constexpr const char* kLatin1Ascii[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};

}  // namespace

void AppendCp1252(std::string_view utf8, std::string* out) {
  size_t pos = 0;
  while (pos < utf8.size() && static_cast<unsigned char>(utf8[pos]) < 0x80) ++pos;
  out->append(utf8.substr(0, pos));
  while (pos < utf8.size()) {
    char32_t cp = NextCodePoint(utf8, &pos);
    if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF)) {
      out->push_back(static_cast<char>(cp));
    } else if (const Special* s = FindSpecial(cp)) {
      if (s->cp1252 != 0) {
        out->push_back(static_cast<char>(s->cp1252));
      } else {
        out->append(s->ascii);
      }
    } else {
      out->push_back('?');
    }
  }
}

std::string Cp1252RoundTrip(std::string_view utf8) {
  std::string out;
  size_t pos = 0;
  while (pos < utf8.size()) {
    char32_t cp = NextCodePoint(utf8, &pos);
    const Special* s = cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF) ? nullptr : FindSpecial(cp);
    if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF) || (s && s->cp1252 != 0)) {
      AppendUtf8(cp, &out);
    } else {
      out.append(s ? s->ascii : "?");
    }
  }
  return out;
}

std::string AsciiFold(std::string_view utf8) {
  std::string out;
  size_t pos = 0;
  while (pos < utf8.size()) {
    char32_t cp = NextCodePoint(utf8, &pos);
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
      out.push_back(static_cast<char>(cp));
    } else if (cp >= 'A' && cp <= 'Z') {
      out.push_back(static_cast<char>(cp - 'A' + 'a'));
    } else if (cp >= 0xC0 && cp <= 0xFF) {
      out.append(kLatin1Ascii[cp - 0xC0]);
    } else if (const Special* s = FindSpecial(cp)) {
      for (const char* c = s->ascii; *c; ++c) {
        if ((*c >= 'a' && *c <= 'z')) out.push_back(*c);
        if ((*c >= 'A' && *c <= 'Z')) out.push_back(static_cast<char>(*c - 'A' + 'a'));
      }
    }
  }
  return out;
}

std::string Typo(std::string_view utf8, Rng* rng) {
  std::vector<char32_t> cps;
  for (size_t pos = 0; pos < utf8.size();) cps.push_back(NextCodePoint(utf8, &pos));
  if (cps.size() >= 2) {
    const std::vector<char32_t> before = cps;
    size_t i = 1 + rng->Below(cps.size() - 1);  // never the first letter: people see that one
    switch (rng->Below(3)) {
      case 0:
        std::swap(cps[i - 1], cps[i]);
        break;
      case 1:
        cps.erase(cps.begin() + static_cast<std::ptrdiff_t>(i));
        break;
      default:
        cps.insert(cps.begin() + static_cast<std::ptrdiff_t>(i), cps[i]);
        break;
    }
    if (cps == before) cps.erase(cps.begin() + static_cast<std::ptrdiff_t>(i));
  }
  std::string out;
  for (char32_t cp : cps) AppendUtf8(cp, &out);
  return out;
}

void AppendJsonString(std::string_view value, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (char c : value) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        if (u < 0x20) {
          out->append("\\u00");
          out->push_back(kHex[u >> 4]);
          out->push_back(kHex[u & 15]);
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

}  // namespace crm::generator
