#include "staging/transforms/email.h"

#include <cstring>

#include "staging/transforms/text_transforms.h"

namespace crm::transforms {
namespace {

bool Fail(std::string* error, std::string message) {
  if (error) *error = std::move(message);
  return false;
}

bool IsAsciiAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// RFC 5322 atext, plus bytes beyond ASCII (RFC 6531).
bool IsAtext(unsigned char c) {
  return IsAsciiAlnum(c) || c >= 0x80 || std::strchr("!#$%&'*+-/=?^_`{|}~", c) != nullptr;
}

bool CheckLocalPart(std::string_view local, std::string* error) {
  if (local.empty()) return Fail(error, "no local part before '@'");
  if (local.size() > 64) return Fail(error, "local part longer than 64 characters");
  if (local.front() == '.' || local.back() == '.') {
    return Fail(error, "local part starts or ends with '.'");
  }
  for (size_t i = 0; i < local.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(local[i]);
    if (c == '.') {
      if (local[i + 1] == '.') return Fail(error, "'..' in local part");
      continue;
    }
    if (!IsAtext(c)) {
      return Fail(error, std::string("character '") + local[i] + "' not allowed in local part");
    }
  }
  return true;
}

bool CheckDomain(std::string_view domain, std::string* error) {
  if (domain.empty()) return Fail(error, "no domain after '@'");
  size_t start = 0;
  int labels = 0;
  while (true) {
    size_t dot = domain.find('.', start);
    std::string_view label =
        domain.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (label.empty()) return Fail(error, "empty label in domain");
    if (label.size() > 63) return Fail(error, "domain label longer than 63 characters");
    if (label.front() == '-' || label.back() == '-') {
      return Fail(error, "domain label starts or ends with '-'");
    }
    for (char ch : label) {
      unsigned char c = static_cast<unsigned char>(ch);
      if (!IsAsciiAlnum(c) && c != '-' && c < 0x80) {
        return Fail(error, std::string("character '") + ch + "' not allowed in domain");
      }
    }
    ++labels;
    if (dot == std::string_view::npos) {
      bool alpha_tld = label.size() >= 2;
      for (char ch : label) {
        if (ch >= '0' && ch <= '9') alpha_tld = false;
      }
      if (!alpha_tld) return Fail(error, "top-level domain '" + std::string(label) + "' invalid");
      break;
    }
    start = dot + 1;
  }
  if (labels < 2) return Fail(error, "domain has no '.'");
  return true;
}

}  // namespace

bool TryNormalizeEmail(std::string_view in, const EmailOptions& options, std::string* out,
                       std::string* error) {
  std::string text = Trim(in);
  // "John Doe <john@example.com>" → the part in angle brackets.
  size_t open = text.rfind('<');
  if (open != std::string::npos && !text.empty() && text.back() == '>') {
    text = Trim(std::string_view(text).substr(open + 1, text.size() - open - 2));
  }
  if (text.size() >= 7 &&
      (text.compare(0, 7, "mailto:") == 0 || text.compare(0, 7, "MAILTO:") == 0)) {
    text.erase(0, 7);
  }
  if (text.empty()) return Fail(error, "empty address");
  if (text.size() > 254) return Fail(error, "address longer than 254 characters");
  size_t at = text.find('@');
  if (at == std::string::npos) return Fail(error, "no '@'");
  if (text.find('@', at + 1) != std::string::npos) return Fail(error, "more than one '@'");
  std::string local = text.substr(0, at);
  std::string domain = text.substr(at + 1);
  if (!CheckLocalPart(local, error) || !CheckDomain(domain, error)) return false;
  std::string lowered;
  if (!TryLower(domain, &lowered, error)) return false;
  domain.swap(lowered);
  if (options.lower_local_part) {
    if (!TryLower(local, &lowered, error)) return false;
    local.swap(lowered);
  }
  *out = local + "@" + domain;
  return true;
}

}  // namespace crm::transforms
