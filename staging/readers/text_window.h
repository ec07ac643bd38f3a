// A sliding window over a source's text, in an encoding whose ASCII bytes stand for themselves
// (UTF-8 or a single-byte encoding; UTF-16 is transcoded to UTF-8 on the way in). The readers scan
// the window in place and map any position back to its byte offset in the (decompressed) file and
// to the original bytes, so rejects can carry byte-exact raw text whatever the encoding.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "staging/readers/byte_source.h"
#include "staging/readers/encoding.h"

namespace crm::readers {

class TextWindow {
 public:
  // Reads the first bytes of `source` to look for a byte order mark. The text is in `encoding`
  // unless `bom_decides` and the file starts with a UTF-8 or UTF-16 BOM, which then decides; a BOM
  // of the encoding in use is skipped.
  TextWindow(std::unique_ptr<ByteSource> source, Encoding encoding, bool bom_decides,
             size_t block_bytes);

  Encoding encoding() const { return encoding_; }
  // Length of the byte order mark that was skipped (0 when there was none).
  size_t bom_length() const { return bom_length_; }
  const std::string& name() const { return source_->name(); }

  // The unconsumed text. Valid until the next Fill().
  const char* data() const { return buffer_.get() + begin_; }
  size_t size() const { return end_ - begin_; }

  // True when the source is exhausted: data() holds everything that is left.
  bool exhausted() const { return exhausted_; }

  // Appends at least one more byte of text unless the source is exhausted (then returns false).
  // Moves the unconsumed text to the front of the buffer: pointers into data() become invalid.
  bool Fill();

  // Drops the first `n` bytes of the unconsumed text.
  void Consume(size_t n) { begin_ += n; }

  // Byte offset in the file of the text byte at data()[pos]; pos may equal size().
  uint64_t Offset(size_t pos) const;

  // The original bytes behind text [begin, end) (the same bytes unless the file is UTF-16).
  std::string_view Original(size_t begin, size_t end) const;

 private:
  void EnsureCapacity(size_t needed);
  void Compact();
  bool FillDirect();
  bool FillUtf16();
  void DecodeUtf16();
  void PushText(char byte, uint32_t original_pos);

  std::unique_ptr<ByteSource> source_;
  Encoding encoding_ = Encoding::kUtf8;
  size_t block_bytes_;
  size_t bom_length_ = 0;
  bool source_done_ = false;
  bool exhausted_ = false;

  std::unique_ptr<char[]> buffer_;
  size_t capacity_ = 0;
  size_t begin_ = 0;
  size_t end_ = 0;
  uint64_t base_offset_ = 0;  // file offset of buffer_[0] (direct) or original_[0] (UTF-16)

  // UTF-16 only: the original bytes, and per text byte the position in original_ of the code unit
  // it came from (one extra entry for the end).
  std::string original_;
  size_t decoded_ = 0;  // bytes of original_ already transcoded
  std::vector<uint32_t> map_;
};

}  // namespace crm::readers
