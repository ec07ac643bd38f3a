#include "samples/generator/generator.h"

#include <filesystem>
#include <stdexcept>

#include "samples/generator/plan.h"
#include "samples/generator/truth.h"
#include "samples/generator/writers.h"

namespace crm::generator {

OutFile::OutFile(std::string path) : path_(std::move(path)) {
  file_ = std::fopen(path_.c_str(), "wb");
  if (!file_) throw std::runtime_error(path_ + ": cannot open for writing");
  buffer_.reserve(kFlushAt + (64 << 10));
}

OutFile::~OutFile() {
  if (file_) std::fclose(file_);
}

void OutFile::Flush() {
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
    throw std::runtime_error(path_ + ": write failed");
  }
  buffer_.clear();
}

void OutFile::Close() {
  Flush();
  const int rc = std::fclose(file_);
  file_ = nullptr;
  if (rc != 0) throw std::runtime_error(path_ + ": close failed");
}

std::string RecordId(const RecordRef& ref) {
  switch (ref.source) {
    case Truth::kLegacyAccounts:
      return AccountId(ref.index + 1);
    case Truth::kLegacy:
      return std::to_string(1000 + ref.index);
    case Truth::kWebshop:
      return std::to_string(5000 + ref.index);
    case Truth::kOrders:
      return std::to_string(90001 + ref.index);
    default:
      return SubscriberId(ref.index);
  }
}

GenerateResult Generate(const GenerateOptions& options) {
  if (options.out_dir.empty()) throw std::invalid_argument("--out is required");
  const Plan plan(options);
  std::error_code ec;
  std::filesystem::create_directories(options.out_dir, ec);
  if (ec) throw std::runtime_error(options.out_dir + ": " + ec.message());
  GenerateOptions effective = options;
  effective.accounts = plan.accounts();
  Truth truth(options.out_dir, effective);
  if (options.write_legacy) {
    WriteLegacyAccounts(plan, options.out_dir, &truth);
    WriteLegacyContacts(plan, options.out_dir, &truth);
  }
  if (options.write_webshop) WriteWebshop(plan, options.out_dir, &truth);
  if (options.write_newsletter) WriteNewsletter(plan, options.out_dir, &truth);
  if (options.write_spec && options.write_legacy && options.write_webshop &&
      options.write_newsletter) {
    WriteSpec(options.out_dir, options.spec_data_prefix);
  }
  GenerateResult result;
  truth.Finish(&RecordId, &result);
  return result;
}

}  // namespace crm::generator
