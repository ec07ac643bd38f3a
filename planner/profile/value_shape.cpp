#include "planner/profile/value_shape.h"

namespace crm::plan {
namespace {

// A run of letters of one case shows at most this many of them.
constexpr int kMaxLetterRun = 3;

}  // namespace

size_t ValueShape(std::string_view value, char* out) {
  size_t n = 0;
  char previous = '\0';
  int run = 0;
  for (const char byte : value) {
    const unsigned char c = static_cast<unsigned char>(byte);
    if ((c & 0xC0) == 0x80) continue;  // a UTF-8 continuation byte: its lead byte counted
    char shape;
    if (c >= 'A' && c <= 'Z') {
      shape = 'A';
    } else if (c >= 'a' && c <= 'z') {
      shape = 'a';
    } else if (c >= '0' && c <= '9') {
      shape = '9';
    } else if (c >= 0x80) {
      shape = 'a';
    } else {
      shape = static_cast<char>(c);
    }
    const bool letter = shape == 'A' || shape == 'a';
    run = letter && shape == previous ? run + 1 : (letter ? 1 : 0);
    previous = shape;
    if (letter && run > kMaxLetterRun) continue;
    if (n >= kMaxShapeLength) {
      out[n++] = '\xE2';  // …
      out[n++] = '\x80';
      out[n++] = '\xA6';
      return n;
    }
    out[n++] = shape;
  }
  return n;
}

void ValueShape(std::string_view value, std::string* out) {
  char buffer[kMaxShapeBytes];
  out->assign(buffer, ValueShape(value, buffer));
}

}  // namespace crm::plan
