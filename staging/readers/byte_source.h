// Where a reader's bytes come from: a file on disk (gzip-compressed or not) or a string. All OS and
// decompression access of the readers goes through this seam, so tests and the fuzzer feed the
// same readers from memory.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

namespace crm::readers {

enum class Compression {
  kAuto,  // gzip when the file starts with the gzip magic bytes 1f 8b, else none
  kNone,
  kGzip,
};

class ByteSource {
 public:
  virtual ~ByteSource() = default;

  // Reads up to `n` bytes of the (decompressed) stream into `dst`; returns how many, 0 only at the
  // end. Throws crm::Error(kIo) naming the source when the bytes cannot be read (including corrupt
  // gzip data).
  virtual size_t Read(char* dst, size_t n) = 0;

  // The file path, or a label for in-memory sources; used in error messages.
  virtual const std::string& name() const = 0;

  // Opens `path`. Throws crm::Error(kIo) when the file cannot be opened.
  static std::unique_ptr<ByteSource> OpenFile(const std::string& path,
                                              Compression compression = Compression::kAuto);

  // A source over `data` (copied). `max_read` caps each Read (tests and the fuzzer use tiny reads
  // to exercise every block boundary); 0 means no cap.
  static std::unique_ptr<ByteSource> FromString(std::string data, size_t max_read = 0,
                                                std::string name = "<memory>");
};

}  // namespace crm::readers
