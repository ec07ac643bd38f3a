#include "staging/readers/byte_source.h"

#include <Poco/Exception.h>
#include <Poco/InflatingStream.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "core/common/error.h"

namespace crm::readers {
namespace {

[[noreturn]] void ThrowIo(const std::string& name, const std::string& what) {
  throw Error(ErrorCategory::kIo, name + ": " + what);
}

// Plain files use read(2) directly: the readers already read in large blocks, and a stdio or
// iostream buffer in between would only add a copy.
class FileSource : public ByteSource {
 public:
  explicit FileSource(std::string path) : path_(std::move(path)) {
    fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) ThrowIo(path_, std::string("cannot open: ") + std::strerror(errno));
  }
  ~FileSource() override { ::close(fd_); }
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;

  size_t Read(char* dst, size_t n) override {
    for (;;) {
      const ssize_t got = ::read(fd_, dst, n);
      if (got >= 0) return static_cast<size_t>(got);
      if (errno != EINTR) ThrowIo(path_, std::string("cannot read: ") + std::strerror(errno));
    }
  }
  const std::string& name() const override { return path_; }

 private:
  std::string path_;
  int fd_ = -1;
};

class GzipSource : public ByteSource {
 public:
  explicit GzipSource(std::string path)
      : path_(std::move(path)), file_(path_, std::ios::binary) {
    if (!file_) ThrowIo(path_, std::string("cannot open: ") + std::strerror(errno));
    inflater_ = std::make_unique<Poco::InflatingInputStream>(
        file_, Poco::InflatingStreamBuf::STREAM_GZIP);
  }

  size_t Read(char* dst, size_t n) override {
    try {
      inflater_->read(dst, static_cast<std::streamsize>(n));
      const auto got = static_cast<size_t>(inflater_->gcount());
      if (got == 0 && file_.bad()) ThrowIo(path_, "cannot read");
      return got;
    } catch (const Poco::Exception& e) {
      ThrowIo(path_, "corrupt gzip data: " + e.displayText());
    }
  }
  const std::string& name() const override { return path_; }

 private:
  std::string path_;
  std::ifstream file_;
  std::unique_ptr<Poco::InflatingInputStream> inflater_;
};

class StringSource : public ByteSource {
 public:
  StringSource(std::string data, size_t max_read, std::string name)
      : data_(std::move(data)), max_read_(max_read), name_(std::move(name)) {}

  size_t Read(char* dst, size_t n) override {
    size_t count = std::min(n, data_.size() - position_);
    if (max_read_ != 0) count = std::min(count, max_read_);
    std::memcpy(dst, data_.data() + position_, count);
    position_ += count;
    return count;
  }
  const std::string& name() const override { return name_; }

 private:
  std::string data_;
  size_t max_read_;
  std::string name_;
  size_t position_ = 0;
};

bool HasGzipMagic(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) ThrowIo(path, std::string("cannot open: ") + std::strerror(errno));
  char magic[2] = {0, 0};
  file.read(magic, 2);
  return file.gcount() == 2 && magic[0] == '\x1f' && magic[1] == '\x8b';
}

}  // namespace

std::unique_ptr<ByteSource> ByteSource::OpenFile(const std::string& path,
                                                 Compression compression) {
  if (compression == Compression::kGzip ||
      (compression == Compression::kAuto && HasGzipMagic(path))) {
    return std::make_unique<GzipSource>(path);
  }
  return std::make_unique<FileSource>(path);
}

std::unique_ptr<ByteSource> ByteSource::FromString(std::string data, size_t max_read,
                                                   std::string name) {
  return std::make_unique<StringSource>(std::move(data), max_read, std::move(name));
}

}  // namespace crm::readers
