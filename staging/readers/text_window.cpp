#include "staging/readers/text_window.h"

#include <algorithm>
#include <cstring>

namespace crm::readers {
namespace {

// A byte that never occurs in UTF-8: stands in for an unpaired surrogate or a dangling odd byte, so
// the row's UTF-8 check rejects it and the map still points at the bad code unit.
constexpr char kInvalidMarker = '\xFF';

}  // namespace

TextWindow::TextWindow(std::unique_ptr<ByteSource> source, Encoding encoding, bool bom_decides,
                       size_t block_bytes)
    : source_(std::move(source)),
      encoding_(encoding),
      block_bytes_(std::max<size_t>(block_bytes, 16)) {
  // Sources may hand out a byte at a time; a BOM needs its first three bytes.
  std::string head(4, '\0');
  size_t have = 0;
  while (have < 3) {
    const size_t got = source_->Read(head.data() + have, 3 - have);
    if (got == 0) {
      source_done_ = true;
      break;
    }
    have += got;
  }
  head.resize(have);
  const auto starts = [&](std::string_view bom) { return head.starts_with(bom); };
  if (bom_decides) {
    if (starts("\xEF\xBB\xBF")) encoding_ = Encoding::kUtf8;
    if (starts("\xFF\xFE")) encoding_ = Encoding::kUtf16Le;
    if (starts("\xFE\xFF")) encoding_ = Encoding::kUtf16Be;
  }
  if (encoding_ == Encoding::kUtf8 && starts("\xEF\xBB\xBF")) bom_length_ = 3;
  if (encoding_ == Encoding::kUtf16Le && starts("\xFF\xFE")) bom_length_ = 2;
  if (encoding_ == Encoding::kUtf16Be && starts("\xFE\xFF")) bom_length_ = 2;

  base_offset_ = bom_length_;
  const std::string_view rest = std::string_view(head).substr(bom_length_);
  if (IsAsciiCompatible(encoding_)) {
    EnsureCapacity(block_bytes_ + rest.size());
    std::memcpy(buffer_.get(), rest.data(), rest.size());
    end_ = rest.size();
  } else {
    original_.assign(rest);
    map_.push_back(0);
    DecodeUtf16();
  }
  exhausted_ = source_done_ && (IsAsciiCompatible(encoding_) || decoded_ == original_.size());
}

void TextWindow::EnsureCapacity(size_t needed) {
  if (needed <= capacity_) return;
  const size_t capacity = std::max(needed, capacity_ * 2);
  // Not make_unique: it would zero the buffer, which the reads overwrite anyway.
  std::unique_ptr<char[]> bigger(new char[capacity]);
  if (buffer_) std::memcpy(bigger.get(), buffer_.get() + begin_, end_ - begin_);
  end_ -= begin_;
  begin_ = 0;
  buffer_ = std::move(bigger);
  capacity_ = capacity;
}

void TextWindow::Compact() {
  if (begin_ == 0) return;
  const size_t live = end_ - begin_;
  std::memmove(buffer_.get(), buffer_.get() + begin_, live);
  if (IsAsciiCompatible(encoding_)) {
    base_offset_ += begin_;
  } else {
    const uint32_t shift = map_[begin_];
    original_.erase(0, shift);
    decoded_ -= shift;
    base_offset_ += shift;
    for (size_t i = 0; i <= live; ++i) map_[i] = map_[begin_ + i] - shift;
    map_.resize(live + 1);
  }
  begin_ = 0;
  end_ = live;
}

bool TextWindow::Fill() {
  if (exhausted_) return false;
  Compact();
  return IsAsciiCompatible(encoding_) ? FillDirect() : FillUtf16();
}

bool TextWindow::FillDirect() {
  EnsureCapacity(end_ + block_bytes_);
  const size_t got = source_->Read(buffer_.get() + end_, capacity_ - end_);
  if (got == 0) {
    source_done_ = exhausted_ = true;
    return false;
  }
  end_ += got;
  return true;
}

bool TextWindow::FillUtf16() {
  const size_t before = end_;
  while (end_ == before && !source_done_) {
    const size_t old_size = original_.size();
    original_.resize(old_size + block_bytes_);
    const size_t got = source_->Read(original_.data() + old_size, block_bytes_);
    original_.resize(old_size + got);
    if (got == 0) source_done_ = true;
    DecodeUtf16();
  }
  exhausted_ = source_done_ && decoded_ == original_.size();
  return end_ > before;
}

void TextWindow::PushText(char byte, uint32_t original_pos) {
  if (end_ == capacity_) EnsureCapacity(end_ + block_bytes_);
  buffer_[end_++] = byte;
  map_.back() = original_pos;
  map_.push_back(original_pos);
}

void TextWindow::DecodeUtf16() {
  const bool little = encoding_ == Encoding::kUtf16Le;
  const auto* bytes = reinterpret_cast<const unsigned char*>(original_.data());
  const size_t size = original_.size();
  const auto unit = [&](size_t at) -> char32_t {
    return little ? (bytes[at] | (bytes[at + 1] << 8)) : ((bytes[at] << 8) | bytes[at + 1]);
  };
  std::string utf8;
  while (decoded_ + 2 <= size) {
    const auto at = static_cast<uint32_t>(decoded_);
    char32_t cp = unit(at);
    size_t used = 2;
    bool valid = true;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (decoded_ + 4 > size && !source_done_) break;  // the low half is in the next block
      const char32_t low = decoded_ + 4 <= size ? unit(at + 2) : 0;
      if (low >= 0xDC00 && low <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        used = 4;
      } else {
        valid = false;
      }
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      valid = false;
    }
    if (valid) {
      utf8.clear();
      AppendUtf8(cp, &utf8);
      for (char byte : utf8) PushText(byte, at);
    } else {
      PushText(kInvalidMarker, at);
    }
    decoded_ += used;
  }
  if (source_done_ && decoded_ < size) {  // an odd trailing byte
    PushText(kInvalidMarker, static_cast<uint32_t>(decoded_));
    decoded_ = size;
  }
  map_.back() = static_cast<uint32_t>(decoded_);
}

uint64_t TextWindow::Offset(size_t pos) const {
  if (IsAsciiCompatible(encoding_)) return base_offset_ + begin_ + pos;
  return base_offset_ + map_[begin_ + pos];
}

std::string_view TextWindow::Original(size_t begin, size_t end) const {
  if (IsAsciiCompatible(encoding_)) return std::string_view(data() + begin, end - begin);
  const uint32_t from = map_[begin_ + begin];
  const uint32_t to = map_[begin_ + end];
  return std::string_view(original_).substr(from, to - from);
}

}  // namespace crm::readers
