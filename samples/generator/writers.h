// The writers of each source file and the helpers they share. Internal to the generator library.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "samples/generator/person.h"
#include "samples/generator/plan.h"
#include "samples/generator/random.h"
#include "samples/generator/truth.h"

namespace crm::generator {

// A file written through a 1 MiB buffer; every failure throws std::runtime_error with the path.
class OutFile {
 public:
  explicit OutFile(std::string path);
  ~OutFile();
  OutFile(const OutFile&) = delete;
  OutFile& operator=(const OutFile&) = delete;

  std::string& buffer() { return buffer_; }  // append, then call MaybeFlush
  void MaybeFlush() {
    if (buffer_.size() >= kFlushAt) Flush();
  }
  void Close();

 private:
  static constexpr size_t kFlushAt = 1 << 20;
  void Flush();
  std::string path_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
};

// A record's id as its source spells it: legacy "1000", account "A001", customer "5000",
// order "90001", subscriber "N0000".
std::string RecordId(const RecordRef& ref);
// "A001": legacy account ids, 1-based.
std::string AccountId(int64_t number);
// "N0000": newsletter subscriber ids, 0-based.
std::string SubscriberId(int64_t index);

void WriteLegacyAccounts(const Plan& plan, const std::string& dir, Truth* truth);
void WriteLegacyContacts(const Plan& plan, const std::string& dir, Truth* truth);
void WriteWebshop(const Plan& plan, const std::string& dir, Truth* truth);
void WriteNewsletter(const Plan& plan, const std::string& dir, Truth* truth);
// migration.yaml in `dir`; data paths are `data_prefix` + file name.
void WriteSpec(const std::string& dir, std::string_view data_prefix);

// An address the e-mail rule rejects, made from a valid one (five shapes: "@@", no "@", a space,
// no local part, an empty domain label).
std::string InvalidEmail(std::string_view email, Rng* rng);
// Appends a CSV field encoded to Windows-1252: as is, or quoted with doubled quotes when it holds
// `;`, `"`, CR or LF.
void AppendCsvField(std::string_view utf8, std::string* out);
// How the legacy export writes a person's phone: national formats only for Dutch numbers (the
// export's default region is NL), international ones for every other country.
PhoneStyle PickLegacyPhoneStyle(const Person& person, Rng* rng);

}  // namespace crm::generator
