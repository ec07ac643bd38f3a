#include "loaders/values.h"

#include <Poco/SHA1Engine.h>
#include <Poco/UUID.h>

#include <algorithm>
#include <cstdio>

#include "core/common/error.h"
#include "core/common/text.h"

namespace crm::loaders {
namespace {

using FT = spec::FieldType;

std::string CanonicalNumber(std::string_view text) {
  std::string s(TrimView(text));
  if (s.find_first_of("eE") != std::string::npos) return s;  // leave scientific notation alone
  if (s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  if (!s.empty() && s[0] == '+') s.erase(0, 1);
  if (s == "-0" || s.empty()) s.assign(1, '0');  // not = "0": GCC 12 warns falsely
  return s;
}

std::string CanonicalBoolean(std::string_view text) {
  const std::string s = ToLowerAscii(TrimView(text));
  if (s == "1" || s == "t" || s == "true" || s == "yes" || s == "y" || s == "on") return "1";
  if (s == "0" || s == "f" || s == "false" || s == "no" || s == "n" || s == "off") return "0";
  return s;
}

std::string CanonicalTimestamp(std::string_view text) {
  std::string s(TrimView(text));
  if (s.size() > 10 && s[10] == 'T') s[10] = ' ';
  if (!s.empty() && (s.back() == 'Z' || s.back() == 'z')) s.pop_back();
  for (std::string_view utc : {"+00:00", "+0000", "+00"}) {
    if (s.size() > utc.size() && s.compare(s.size() - utc.size(), utc.size(), utc) == 0) {
      s.resize(s.size() - utc.size());
      break;
    }
  }
  if (size_t dot = s.find('.', 19); s.size() > 19 && dot == 19) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

std::string CanonicalDate(std::string_view text) {
  std::string s = CanonicalTimestamp(text);
  if (s.size() == 19 && s.compare(10, 9, " 00:00:00") == 0) s.resize(10);
  return s;
}

}  // namespace

std::string CanonicalText(spec::FieldType type, std::string_view text) {
  switch (type) {
    case FT::kInteger:
    case FT::kDecimal:
      return CanonicalNumber(text);
    case FT::kBoolean:
      return CanonicalBoolean(text);
    case FT::kDatetime:
      return CanonicalTimestamp(text);
    case FT::kDate:
      return CanonicalDate(text);
    default:
      return std::string(text);
  }
}

bool CanonicalIsText(spec::FieldType type) {
  switch (type) {
    case FT::kInteger:
    case FT::kDecimal:
    case FT::kBoolean:
    case FT::kDatetime:
    case FT::kDate:
      return false;
    default:
      return true;
  }
}

Value Canonical(spec::FieldType type, const Value& value) {
  if (!value) return std::nullopt;
  return CanonicalText(type, *value);
}

Value FormatForTarget(spec::FieldType type, Value value, bool timestamp_with_space) {
  if (!value) return std::nullopt;
  if (type == FT::kBoolean) return CanonicalBoolean(*value);
  if (type == FT::kDatetime && timestamp_with_space) return CanonicalTimestamp(*value);
  if (type == FT::kDate && timestamp_with_space) return CanonicalDate(*value);
  return value;
}

void RowHasher::Add(const Value& value) {
  // A tag byte before each value keeps NULL, "" and the boundaries between values apart.
  if (!value) {
    Mix(0x00);
    return;
  }
  AddText(*value);
}

void RowHasher::AddText(std::string_view text) {
  Mix(0x01);
  for (char c : text) Mix(static_cast<unsigned char>(c));
  Mix(0x1f);
}

uint64_t RowHash(const Row& row) {
  RowHasher hasher;
  for (const Value& v : row) hasher.Add(v);
  return hasher.value();
}

std::string Hex64(uint64_t value) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
  return buffer;
}

void Checksum::Add(const Row& row) { AddHash(RowHash(row)); }

void Checksum::AddHash(uint64_t row_hash) {
  ++count_;
  sum_ += row_hash;  // wraps modulo 2^64: the order of rows does not matter
}

std::string Checksum::Text() const { return std::to_string(count_) + ":" + Hex64(sum_); }

std::string Uuid5(std::string_view namespace_uuid, std::string_view name) {
  // A cutover makes every id in one namespace: it is parsed once per thread, not once per id.
  thread_local std::string parsed;
  thread_local char ns[16];
  if (parsed.empty() || parsed != namespace_uuid) {
    Poco::UUID uuid;
    if (!uuid.tryParse(std::string(namespace_uuid))) {
      throw Error(ErrorCategory::kSpec, "cutover.id_namespace: '" + std::string(namespace_uuid) +
                                            "' is not a UUID (like "
                                            "6ba7b811-9dad-11d1-80b4-00c04fd430c8)");
    }
    uuid.copyTo(ns);
    parsed = namespace_uuid;
  }
  // RFC 4122 section 4.3: SHA-1 of namespace and name, the version (5) and variant bits set.
  Poco::SHA1Engine sha1;
  sha1.update(ns, sizeof ns);
  sha1.update(name.data(), name.size());
  const Poco::DigestEngine::Digest& digest = sha1.digest();
  unsigned char bytes[16];
  std::copy_n(digest.begin(), 16, bytes);
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0f) | 0x50);
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3f) | 0x80);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 0x0f];
  }
  return out;
}

}  // namespace crm::loaders
