#include "validators/evidence/mask.h"

#include <algorithm>

namespace crm::validate {
namespace {

size_t Utf8Length(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

}  // namespace

std::string MaskPii(std::string_view value, MaskKind kind) {
  if (value.empty()) return "";
  size_t at = value.find('@');
  if (kind == MaskKind::kEmail && at != std::string_view::npos && at > 0 &&
      value.find('@', at + 1) == std::string_view::npos) {
    size_t first = std::min(Utf8Length(static_cast<unsigned char>(value[0])), at);
    return std::string(value.substr(0, first)) + "***" + std::string(value.substr(at));
  }
  if (kind == MaskKind::kPhone) {
    std::string out(value);
    // The last four digits stay; so do the first three characters (the country code's start).
    int keep_tail = 4;
    for (size_t i = out.size(); i-- > 3;) {
      if (out[i] < '0' || out[i] > '9') continue;
      if (keep_tail > 0) {
        --keep_tail;
      } else {
        out[i] = '*';
      }
    }
    return out;
  }
  size_t first = std::min(Utf8Length(static_cast<unsigned char>(value[0])), value.size());
  return std::string(value.substr(0, first)) + "***";
}

}  // namespace crm::validate
