// Shared by the init tests: a fresh scratch folder, and the loaded draft spec rendered as text
// (sources and mappings as the project's spec parser reads them back).
#pragma once

#include <filesystem>
#include <string>

#include "core/spec/spec.h"

namespace crm::plan::init::testing {

// A new empty folder below the system's temp folder, removed when the object goes.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// One line per source and per field mapping:
//   source legacy: csv encoding=windows-1252 delimiter=; id_column=ID
//   contact <- legacy: email = from EMail [trim, lower]
std::string RenderMappings(const spec::Spec& spec);

// "contact <- legacy: email" → "EMail": the column a field is mapped from ("template:..." for a
// template, "" when the field is not mapped from that source).
std::string MappedColumn(const spec::Spec& spec, const std::string& entity,
                         const std::string& source, const std::string& field);

}  // namespace crm::plan::init::testing
